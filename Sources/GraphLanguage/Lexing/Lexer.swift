/// Splits a graph block into tokens: numbers, names, operators, and the layout tokens `newline`,
/// `indent` and `dedent` that make statements and blocks out of lines (SPEC §2).
///
/// A line break inside an open bracket does not end the statement, and a line whose first
/// character is `=` continues the statement above it (a `check` chain; the parser rejects it
/// anywhere else). Blank lines and comment lines produce nothing.
struct Lexer {
    private let source: SourceText
    private var tokens: [Token] = []
    private var indentationWidths: [Int] = [0]
    private var openBrackets = 0
    /// The end of the last logical line, emitted when the next line turns out not to continue it.
    private var pendingNewline: Token?

    private init(source: SourceText) {
        self.source = source
    }

    /// The tokens of `source`, ending with `endOfInput`; the first lexical error stops it.
    static func tokenize(_ source: SourceText) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(source: source)
        try lexer.run()
        return lexer.tokens
    }

    private mutating func run() throws(Diagnostic) {
        for (index, characters) in source.lines.enumerated() {
            try scanLine(characters, number: index + 1)
        }
        let end = tokens.last.map { SourceRange(start: $0.range.end, end: $0.range.end) } ?? Self.range(1, 1, 1)
        if let pendingNewline {
            tokens.append(pendingNewline)
        }
        for _ in indentationWidths.dropFirst() {
            tokens.append(Token(kind: .dedent, text: "", range: end))
        }
        tokens.append(Token(kind: .endOfInput, text: "", range: end))
    }

    private mutating func scanLine(_ line: [Character], number: Int) throws(Diagnostic) {
        var column = 0
        while column < line.count, line[column] == " " || line[column] == "\t" {
            column += 1
        }
        if column == line.count || line[column] == "#" {
            return
        }
        var continuesCheck = false
        if openBrackets == 0 {
            if let tab = line[..<column].firstIndex(of: "\t") {
                throw Self.error(.tabInIndentation, Self.range(number, tab + 1, tab + 2))
            }
            if pendingNewline != nil, line[column] == "=" {
                continuesCheck = true
            } else {
                if let pendingNewline {
                    tokens.append(pendingNewline)
                    self.pendingNewline = nil
                }
                try indent(to: column, line: number)
            }
        }
        let firstToken = tokens.count
        try scanTokens(line, from: column, line: number)
        if continuesCheck, firstToken < tokens.count {
            tokens[firstToken].beginsContinuationLine = true
        }
        if openBrackets == 0, let last = tokens.last {
            let end = last.range.end
            pendingNewline = Token(
                kind: .newline, text: "",
                range: SourceRange(start: end, end: SourcePosition(line: end.line, column: end.column + 1)))
        }
    }

    private mutating func indent(to width: Int, line: Int) throws(Diagnostic) {
        let current = indentationWidths.last ?? 0
        if width > current {
            indentationWidths.append(width)
            tokens.append(Token(kind: .indent, text: "", range: Self.range(line, 1, width + 1)))
            return
        }
        var closed: [Int] = []
        while let top = indentationWidths.last, width < top {
            closed.append(indentationWidths.removeLast())
            tokens.append(Token(kind: .dedent, text: "", range: Self.range(line, width + 1, width + 1)))
        }
        if let top = indentationWidths.last, width != top {
            throw Self.error(
                .unmatchedIndentation(width: width, enclosingWidths: indentationWidths + closed.reversed()),
                Self.range(line, 1, width + 1))
        }
    }

    private mutating func scanTokens(_ line: [Character], from start: Int, line number: Int) throws(Diagnostic) {
        var index = start
        func character(at offset: Int) -> Character? {
            index + offset < line.count ? line[index + offset] : nil
        }
        while index < line.count {
            let c = line[index]
            if c == " " || c == "\t" {
                index += 1
                continue
            }
            if c == "#" {
                return
            }
            let begin = index
            let kind: TokenKind
            if Self.isDigit(c) || c == "." && character(at: 1).map(Self.isDigit) == true {
                index = try scanNumber(line, from: index, line: number)
                let text = String(line[begin..<index])
                guard let value = Double(text) else {
                    throw Self.error(.malformedExponent(text), Self.range(number, begin + 1, index + 1))
                }
                guard value.isFinite else {
                    throw Self.error(.numberTooLarge(text), Self.range(number, begin + 1, index + 1))
                }
                kind = .number(value)
            } else if Self.isIdentifierStart(c) {
                while index < line.count, Self.isIdentifierContinuation(line[index]) {
                    index += 1
                }
                kind = .identifier(String(line[begin..<index]))
            } else if let symbol = Self.symbol(at: index, in: line) {
                index += symbol.rawValue.count
                kind = .symbol(symbol)
                switch symbol {
                case .leftParenthesis, .leftBracket: openBrackets += 1
                case .rightParenthesis, .rightBracket: openBrackets = max(0, openBrackets - 1)
                default: break
                }
            } else if c == "!" && character(at: 1) == "=" || c == "≠" {
                throw Self.error(.notEqualOperator, Self.range(number, begin + 1, begin + (c == "!" ? 3 : 2)))
            } else if let replacement = LexingError.lookalikes[c] {
                throw Self.error(
                    .lookalikeCharacter(c, replacement: replacement), Self.range(number, begin + 1, begin + 2))
            } else {
                throw Self.error(.unexpectedCharacter(c), Self.range(number, begin + 1, begin + 2))
            }
            tokens.append(
                Token(kind: kind, text: String(line[begin..<index]), range: Self.range(number, begin + 1, index + 1)))
        }
    }

    /// Reads `12`, `2.5`, `.5`, `5.`, `1e-3`; returns the index after the number.
    private func scanNumber(_ line: [Character], from start: Int, line number: Int) throws(Diagnostic) -> Int {
        var index = start
        func at(_ i: Int) -> Character? { i < line.count ? line[i] : nil }
        while let c = at(index), Self.isDigit(c) { index += 1 }
        if at(index) == ".", !(at(index + 1).map(Self.isIdentifierStart) ?? false) {
            index += 1
            while let c = at(index), Self.isDigit(c) { index += 1 }
        }
        if let e = at(index), e == "e" || e == "E" {
            var exponent = index + 1
            var signed = false
            if let sign = at(exponent), sign == "+" || sign == "-" {
                exponent += 1
                signed = true
            }
            if let digit = at(exponent), Self.isDigit(digit) {
                index = exponent
                while let c = at(index), Self.isDigit(c) { index += 1 }
            } else if signed || at(exponent).map(Self.isIdentifierContinuation) != true {
                let text = String(line[start..<exponent])
                throw Self.error(.malformedExponent(text), Self.range(number, start + 1, exponent + 1))
            }
        }
        if let next = at(index), Self.isIdentifierContinuation(next) {
            var end = index
            while let c = at(end), Self.isIdentifierContinuation(c) { end += 1 }
            let text = String(line[start..<end])
            throw Self.error(.numberFollowedByLetter(text), Self.range(number, start + 1, end + 1))
        }
        return index
    }

    /// The longest operator or punctuation starting at `index`.
    private static func symbol(at index: Int, in line: [Character]) -> Symbol? {
        if index + 1 < line.count, let second = line[index + 1].asciiValue, second == 0x3D || second == 0x2A,
            let two = twoCharacterSymbols[String(line[index...index + 1])]
        {
            return two
        }
        return oneCharacterSymbols[line[index]]
    }

    /// Symbols of one character, looked up without building a `String` per character.
    private static let oneCharacterSymbols: [Character: Symbol] = Dictionary(
        uniqueKeysWithValues: Symbol.allCases.filter { $0.rawValue.count == 1 }.map { (Character($0.rawValue), $0) })

    /// Symbols of two characters; every one ends in `=` or `*`.
    private static let twoCharacterSymbols: [String: Symbol] = Dictionary(
        uniqueKeysWithValues: Symbol.allCases.filter { $0.rawValue.count == 2 }.map { ($0.rawValue, $0) })

    static func isDigit(_ c: Character) -> Bool {
        guard let ascii = c.asciiValue else { return false }
        return ascii >= 0x30 && ascii <= 0x39
    }

    /// Names start with a letter of any script (`ŷ`, `损失`, `θ`) or `_`.
    static func isIdentifierStart(_ c: Character) -> Bool {
        if let ascii = c.asciiValue {
            return (ascii >= 0x41 && ascii <= 0x5A) || (ascii >= 0x61 && ascii <= 0x7A) || ascii == 0x5F
        }
        return c.isLetter
    }

    /// After the first character: letters, `_`, ASCII digits and subscript digits (`x₁`).
    static func isIdentifierContinuation(_ c: Character) -> Bool {
        if isIdentifierStart(c) || isDigit(c) { return true }
        guard c.unicodeScalars.count == 1, let scalar = c.unicodeScalars.first else { return false }
        return (0x2080...0x2089).contains(scalar.value)
    }

    private static func range(_ line: Int, _ startColumn: Int, _ endColumn: Int) -> SourceRange {
        SourceRange(
            start: SourcePosition(line: line, column: startColumn), end: SourcePosition(line: line, column: endColumn))
    }

    private static func error(_ error: LexingError, _ range: SourceRange) -> Diagnostic {
        Diagnostic(message: error.message, range: range)
    }
}
