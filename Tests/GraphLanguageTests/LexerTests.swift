import Testing

@testable import GraphLanguage

/// Tokens as `kind@range`, e.g. `id(x)@1:1-1:2`, `'+'@1:3-1:4`, `NL`, `INDENT`, `DEDENT`, `EOF`.
private func tokens(_ source: String, withRanges: Bool = true) throws -> [String] {
    try Lexer.tokenize(SourceText(source)).map { token in
        let kind: String
        switch token.kind {
        case .number(let value): kind = "num(\(value))"
        case .identifier(let name): kind = "id(\(name))"
        case .symbol(let symbol): kind = "'\(symbol.rawValue)'"
        case .newline: kind = "NL"
        case .indent: kind = "INDENT"
        case .dedent: kind = "DEDENT"
        case .endOfInput: kind = "EOF"
        }
        let continuation = token.beginsContinuationLine ? "+cont" : ""
        return withRanges ? "\(kind)\(continuation)@\(token.range)" : kind + continuation
    }
}

/// The lexical error of `source`, as `line:column-line:column message`.
private func lexingError(_ source: String) -> String {
    do {
        let tokens = try Lexer.tokenize(SourceText(source))
        return "no error: \(tokens.map(\.text))"
    } catch {
        return "\(error.range) \(error.message)"
    }
}

@Suite struct LexerTests {
    @Test func unicodeNamesCountColumnsInCharacters() throws {
        #expect(
            try tokens("损失 = ŷ * y_hat2 + x₁") == [
                "id(损失)@1:1-1:3", "'='@1:4-1:5", "id(ŷ)@1:6-1:7", "'*'@1:8-1:9", "id(y_hat2)@1:10-1:16",
                "'+'@1:17-1:18", "id(x₁)@1:19-1:21", "NL@1:21-1:22", "EOF@1:21-1:21",
            ])
    }

    @Test func aLetterWithACombiningMarkIsOneColumn() throws {
        // "y" followed by U+0302 COMBINING CIRCUMFLEX ACCENT is one Character.
        #expect(
            try tokens("y\u{0302} = θ") == [
                "id(y\u{0302})@1:1-1:2", "'='@1:3-1:4", "id(θ)@1:5-1:6", "NL@1:6-1:7", "EOF@1:6-1:6",
            ])
    }

    @Test func numbers() throws {
        #expect(
            try tokens("3 2.5 1e-3 .5 5. 1E+2 007", withRanges: false) == [
                "num(3.0)", "num(2.5)", "num(0.001)", "num(0.5)", "num(5.0)", "num(100.0)", "num(7.0)", "NL", "EOF",
            ])
    }

    @Test func aMemberAfterANumberIsNotItsFraction() throws {
        #expect(try tokens("3.T", withRanges: false) == ["num(3.0)", "'.'", "id(T)", "NL", "EOF"])
    }

    @Test func operatorsTakeTheLongestMatch() throws {
        #expect(
            try tokens("** ^ @ -= += *= /= == <= >= < > = - + * / ∂ . , : ( ) [ ]", withRanges: false) == [
                "'**'", "'^'", "'@'", "'-='", "'+='", "'*='", "'/='", "'=='", "'<='", "'>='", "'<'", "'>'", "'='",
                "'-'", "'+'", "'*'", "'/'", "'∂'", "'.'", "','", "':'", "'('", "')'", "'['", "']'", "NL", "EOF",
            ])
        // No space needed: `2**-1`, `lr=-0.1`, `∂l/∂w`.
        #expect(try tokens("2**-1", withRanges: false) == ["num(2.0)", "'**'", "'-'", "num(1.0)", "NL", "EOF"])
        #expect(try tokens("lr=-0.1", withRanges: false) == ["id(lr)", "'='", "'-'", "num(0.1)", "NL", "EOF"])
        #expect(
            try tokens("∂l/∂w") == [
                "'∂'@1:1-1:2", "id(l)@1:2-1:3", "'/'@1:3-1:4", "'∂'@1:4-1:5", "id(w)@1:5-1:6", "NL@1:6-1:7",
                "EOF@1:6-1:6",
            ])
    }

    @Test func indentationMakesBlocks() throws {
        let source = """
            for i in r:
                for j in r:
                    a = 1
            b = 2
            """
        #expect(
            try tokens(source, withRanges: false) == [
                "id(for)", "id(i)", "id(in)", "id(r)", "':'", "NL",
                "INDENT", "id(for)", "id(j)", "id(in)", "id(r)", "':'", "NL",
                "INDENT", "id(a)", "'='", "num(1.0)", "NL",
                "DEDENT", "DEDENT", "id(b)", "'='", "num(2.0)", "NL", "EOF",
            ])
        let layout = try Lexer.tokenize(SourceText(source)).filter { [.indent, .dedent].contains($0.kind) }
        #expect(
            layout.map(\.range) == [
                oneLineRange(2, 1, 5), oneLineRange(3, 1, 9), oneLineRange(4, 1, 1), oneLineRange(4, 1, 1),
            ])
    }

    @Test func blocksStillOpenAtTheEndAreClosed() throws {
        #expect(
            try tokens("for i in r:\n    a = 1", withRanges: false) == [
                "id(for)", "id(i)", "id(in)", "id(r)", "':'", "NL", "INDENT", "id(a)", "'='", "num(1.0)", "NL",
                "DEDENT", "EOF",
            ])
    }

    @Test func commentsAndBlankLinesProduceNothing() throws {
        let source = "# a comment\n\n   \nx = 1  # why\n        # indented comment\ny = 2\n"
        #expect(
            try tokens(source) == [
                "id(x)@4:1-4:2", "'='@4:3-4:4", "num(1.0)@4:5-4:6", "NL@4:6-4:7",
                "id(y)@6:1-6:2", "'='@6:3-6:4", "num(2.0)@6:5-6:6", "NL@6:6-6:7", "EOF@6:6-6:6",
            ])
        #expect(try tokens("") == ["EOF@1:1-1:1"])
        #expect(try tokens("# only a comment\n") == ["EOF@1:1-1:1"])
    }

    @Test func aLineBreakInsideBracketsDoesNotEndTheStatement() throws {
        // Indentation and even tabs on continuation lines inside brackets are not indentation.
        #expect(
            try tokens("x = f(1,\n\t      2) + [3,\n4]\ny = 5", withRanges: false) == [
                "id(x)", "'='", "id(f)", "'('", "num(1.0)", "','", "num(2.0)", "')'", "'+'", "'['", "num(3.0)",
                "','", "num(4.0)", "']'", "NL", "id(y)", "'='", "num(5.0)", "NL", "EOF",
            ])
    }

    @Test func aLineStartingWithEqualsContinuesTheStatementAbove() throws {
        let source = """
            check a = b
                # a comment between links

                  == c
            x = 1
            """
        #expect(
            try tokens(source) == [
                "id(check)@1:1-1:6", "id(a)@1:7-1:8", "'='@1:9-1:10", "id(b)@1:11-1:12",
                "'=='+cont@4:7-4:9", "id(c)@4:10-4:11", "NL@4:11-4:12",
                "id(x)@5:1-5:2", "'='@5:3-5:4", "num(1.0)@5:5-5:6", "NL@5:6-5:7", "EOF@5:6-5:6",
            ])
    }

    @Test func windowsAndOldMacLineBreaks() throws {
        #expect(
            try tokens("a = 1\r\nb = 2\rc") == [
                "id(a)@1:1-1:2", "'='@1:3-1:4", "num(1.0)@1:5-1:6", "NL@1:6-1:7",
                "id(b)@2:1-2:2", "'='@2:3-2:4", "num(2.0)@2:5-2:6", "NL@2:6-2:7",
                "id(c)@3:1-3:2", "NL@3:2-3:3", "EOF@3:2-3:2",
            ])
    }

    @Test func aTabInIndentationIsAnErrorAtItsColumn() {
        #expect(
            lexingError("for i in r:\n  \tx = 1")
                == "2:3-2:4 tabs are not allowed for indentation; use spaces")
        #expect(lexingError("\tx = 1") == "1:1-1:2 tabs are not allowed for indentation; use spaces")
    }

    @Test func aTabBetweenTokensIsSpace() throws {
        #expect(try tokens("x\t=\t1", withRanges: false) == ["id(x)", "'='", "num(1.0)", "NL", "EOF"])
    }

    @Test func aDedentMustReturnToAnEnclosingBlock() {
        #expect(
            lexingError("for i in r:\n        a = 1\n    b = 2")
                == "3:1-3:5 this line is indented by 4 spaces, which matches no enclosing block; indent it by 0 or 8 spaces"
        )
        #expect(
            lexingError("for i in r:\n    for j in r:\n        a = 1\n  b = 2")
                == "4:1-4:3 this line is indented by 2 spaces, which matches no enclosing block; indent it by 0, 4 or 8 spaces"
        )
    }

    @Test(arguments: [
        ("x = 2 $ 3", "1:7-1:8 unexpected character '$'"),
        ("x = a − b", "1:7-1:8 unexpected character '−' (U+2212); write '-' instead"),
        ("x = a × b", "1:7-1:8 unexpected character '×' (U+00D7); write '*' instead"),
        ("x = a²", "1:6-1:7 unexpected character '²' (U+00B2); write '^2' instead"),
        ("损失 ＝ 1", "1:4-1:5 unexpected character '＝' (U+FF1D); write '=' instead"),
        ("x =\u{00A0}1", "1:4-1:5 unexpected invisible character U+00A0; use a plain space or delete it"),
        ("x = 1\u{200B}", "1:6-1:7 unexpected invisible character U+200B; use a plain space or delete it"),
        (
            "plot \"loss\"",
            "1:6-1:7 unexpected character '\"': the graph language has no strings; plot and log name columns without quotes"
        ),
        ("check a != b", "1:9-1:11 '!=' is not supported; a check compares with =, <, <=, > or >="),
        ("check a ≠ b", "1:9-1:10 '!=' is not supported; a check compares with =, <, <=, > or >="),
        ("x = 1e", "1:5-1:7 malformed number '1e': an exponent needs digits, as in 2e-3"),
        ("x = 1e-", "1:5-1:8 malformed number '1e-': an exponent needs digits, as in 2e-3"),
        ("x = 1e+y", "1:5-1:8 malformed number '1e+': an exponent needs digits, as in 2e-3"),
        (
            "x = 2x + 1",
            "1:5-1:7 '2x' is neither a number nor a name: write a product with '*' (2*x), and start names with a letter"
        ),
        (
            "x = 3.5ab",
            "1:5-1:10 '3.5ab' is neither a number nor a name: write a product with '*' (2*x), and start names with a letter"
        ),
        ("x = 1e400", "1:5-1:10 the number 1e400 is too large for a 64-bit float"),
    ])
    func lexicalErrors(source: String, expected: String) {
        #expect(lexingError(source) == expected)
    }
}
