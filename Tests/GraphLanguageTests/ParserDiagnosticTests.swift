import Testing

@testable import GraphLanguage

/// Whole rendered diagnostics: message, line, column and caret, for every parse error.
@Suite struct ParserDiagnosticTests {
    /// A param needs a name, an '=' and a value.
    @Test(arguments: [
        (
            "param",
            """
            1:6: error: 'param' needs a name: param w = 1
            param
                 ^
            """
        ),
        (
            "param 3 = 1",
            """
            1:7: error: 'param' needs a name, found '3': param w = 1
            param 3 = 1
                  ^
            """
        ),
        (
            "param w",
            """
            1:8: error: expected '=' after 'param w', found the end of the line: param w = 1
            param w
                   ^
            """
        ),
        (
            "param w -= 1",
            """
            1:9: error: expected '=' after 'param w', found '-=': param w = 1
            param w -= 1
                    ^^
            """
        ),
        (
            "param w =",
            """
            1:10: error: 'param w =' needs a value: param w = 1
            param w =
                     ^
            """
        ),
    ])
    func param(source: String, rendered: String) {
        #expect(renderedParseError(source) == rendered)
    }

    /// Loops: variables, 'in', ':' and an indented body.
    @Test(arguments: [
        (
            "for",
            """
            1:4: error: 'for' needs a loop variable: for i in range(10):
            for
               ^
            """
        ),
        (
            "for 3 in x:",
            """
            1:5: error: 'for' needs a loop variable, found '3': for i in range(10):
            for 3 in x:
                ^
            """
        ),
        (
            "for i range(3):",
            """
            1:7: error: expected 'in' after the loop variables, found 'range': for i in range(10):
            for i range(3):
                  ^^^^^
            """
        ),
        (
            "for i = 0:",
            """
            1:7: error: expected 'in' after the loop variables, found '=': for i in range(10):
            for i = 0:
                  ^
            """
        ),
        (
            "for i in:",
            """
            1:9: error: 'for ... in' needs a sequence, found ':': for i in range(10):
            for i in:
                    ^
            """
        ),
        (
            "for i in range(3)",
            """
            1:18: error: expected ':' at the end of the 'for' line, found the end of the line: for i in range(10):
            for i in range(3)
                             ^
            """
        ),
        (
            "for i in range(3): x = 1",
            """
            1:20: error: the loop body goes on the following lines, indented under 'for'
            for i in range(3): x = 1
                               ^
            """
        ),
        (
            "for i in range(3):",
            """
            1:19: error: expected an indented body after the 'for' line
            for i in range(3):
                              ^
            """
        ),
        (
            "for i in range(3):\nx = 1",
            """
            2:1: error: expected an indented body after the 'for' line
            x = 1
            ^
            """
        ),
        (
            "for i,:",
            """
            1:7: error: ',' in a 'for' line needs another loop variable, found ':': for x, y in zip(xs, ys):
            for i,:
                  ^
            """
        ),
    ])
    func forLoops(source: String, rendered: String) {
        #expect(renderedParseError(source) == rendered)
    }

    /// Checks: one chain of '=' or one comparison, then optionally 'within'.
    @Test(arguments: [
        (
            "within 1e-6",
            """
            1:1: error: 'within' belongs on the line of its check: check a = b within 1e-6
            within 1e-6
            ^^^^^^
            """
        ),
        (
            "check",
            """
            1:6: error: 'check' needs a comparison: check loss = 1
            check
                 ^
            """
        ),
        (
            "check x",
            """
            1:8: error: a check needs a comparison: check x = 1, or check x < 1
            check x
                   ^
            """
        ),
        (
            "check x =",
            """
            1:10: error: expected an expression after '=', found the end of the line
            check x =
                     ^
            """
        ),
        (
            "check a < b < c",
            """
            1:13: error: a check makes one comparison, as in check a < b; only '=' links chain
            check a < b < c
                        ^
            """
        ),
        (
            "check a = b < c",
            """
            1:13: error: a check is either a chain of '=' or one comparison (<, <=, >, >=), not both
            check a = b < c
                        ^
            """
        ),
        (
            "check a < b = c",
            """
            1:13: error: a check is either a chain of '=' or one comparison (<, <=, >, >=), not both
            check a < b = c
                        ^
            """
        ),
        (
            "check a = b within",
            """
            1:19: error: 'within' needs a tolerance: check a = b within 1e-6
            check a = b within
                              ^
            """
        ),
        (
            "check a = b within 1 2",
            """
            1:22: error: unexpected '2'; a check ends after its last link, or after 'within TOL'
            check a = b within 1 2
                                 ^
            """
        ),
        (
            "check a = b\nwithin 1",
            """
            2:1: error: 'within' belongs on the line of its check: check a = b within 1e-6
            within 1
            ^^^^^^
            """
        ),
    ])
    func checks(source: String, rendered: String) {
        #expect(renderedParseError(source) == rendered)
    }

    /// show, log, plot, trace, diagram and gradcheck.
    @Test(arguments: [
        (
            "show",
            """
            1:5: error: 'show' needs a value: show loss, w.grad
            show
                ^
            """
        ),
        (
            "show a b",
            """
            1:8: error: unexpected 'b'; separate values with ',': show loss, w.grad
            show a b
                   ^
            """
        ),
        (
            "show a,",
            """
            1:8: error: 'show' needs a value: show loss, w.grad
            show a,
                   ^
            """
        ),
        (
            "show a = b",
            """
            1:8: error: unexpected '='; to compare values, write check a = b
            show a = b
                   ^
            """
        ),
        (
            "log",
            """
            1:4: error: 'log' needs a value: log i, loss
            log
               ^
            """
        ),
        (
            "plot",
            """
            1:5: error: 'plot' needs a logged column: plot loss
            plot
                ^
            """
        ),
        (
            "plot l vs",
            """
            1:10: error: 'vs' needs a logged column for the x axis: plot loss vs i
            plot l vs
                     ^
            """
        ),
        (
            "plot l vs i, a",
            """
            1:12: error: unexpected ','; plot takes logged columns, then optionally 'vs' and one more: plot l, a vs i
            plot l vs i, a
                       ^
            """
        ),
        (
            "trace",
            """
            1:6: error: 'trace' needs a value: trace loss
            trace
                 ^
            """
        ),
        (
            "trace a, b",
            """
            1:8: error: unexpected ','; trace takes one expression: trace loss
            trace a, b
                   ^
            """
        ),
        (
            "diagram",
            """
            1:8: error: 'diagram' needs a value: diagram loss
            diagram
                   ^
            """
        ),
        (
            "gradcheck",
            """
            1:10: error: 'gradcheck' needs a value: gradcheck loss wrt w, b
            gradcheck
                     ^
            """
        ),
        (
            "gradcheck loss",
            """
            1:15: error: expected 'wrt' after gradcheck's expression, found the end of the line: gradcheck loss wrt w, b
            gradcheck loss
                          ^
            """
        ),
        (
            "gradcheck loss wrt",
            """
            1:19: error: 'wrt' needs param names: gradcheck loss wrt w, b
            gradcheck loss wrt
                              ^
            """
        ),
        (
            "gradcheck loss wrt w.grad",
            """
            1:21: error: unexpected '.'; wrt takes param names: gradcheck loss wrt w, b
            gradcheck loss wrt w.grad
                                ^
            """
        ),
        (
            "plot a vs b vs c",
            """
            1:13: error: unexpected 'vs'; a plot has one 'vs': plot l, a vs i
            plot a vs b vs c
                        ^^
            """
        ),
        (
            "show 损失 损失",
            """
            1:9: error: unexpected '损失'; separate values with ',': show loss, w.grad
            show 损失 损失
                      ^^^^
            """
        ),
        (
            "log x, y vs i",
            """
            1:10: error: unexpected 'vs'; 'vs' belongs to plot: plot loss vs i
            log x, y vs i
                     ^^
            """
        ),
    ])
    func resultStatements(source: String, rendered: String) {
        #expect(renderedParseError(source) == rendered)
    }

    /// backward, zero_grad and step.
    @Test(arguments: [
        (
            "zero_grad w.grad",
            """
            1:12: error: unexpected '.'; zero_grad takes param names: zero_grad w, b
            zero_grad w.grad
                       ^
            """
        ),
        (
            "zero_grad 3",
            """
            1:11: error: 'zero_grad' needs param names, found '3': zero_grad w, b
            zero_grad 3
                      ^
            """
        ),
        (
            "zero_grad w,",
            """
            1:13: error: 'zero_grad' needs param names: zero_grad w, b
            zero_grad w,
                        ^
            """
        ),
        (
            "backward",
            """
            1:9: error: 'backward' needs a value: backward loss
            backward
                    ^
            """
        ),
        (
            "backward a,",
            """
            1:12: error: 'backward a,' needs a gradient: backward y, ones(2, 2)
            backward a,
                       ^
            """
        ),
        (
            "backward a, b, c",
            """
            1:14: error: backward takes a value and at most one gradient: backward y, ones(2, 2)
            backward a, b, c
                         ^
            """
        ),
        (
            "step",
            """
            1:5: error: 'step' needs an optimizer: step sgd(lr=0.01) or step adam(lr=0.1)
            step
                ^
            """
        ),
        (
            "step sgd",
            """
            1:9: error: expected '(' after 'sgd': step sgd(lr=0.01)
            step sgd
                    ^
            """
        ),
        (
            "step sgd(lr=0.1",
            """
            1:16: error: expected ')' to close '('
            step sgd(lr=0.1
                           ^
            1:9: note: '(' opened here
            """
        ),
        (
            "step 3",
            """
            1:6: error: 'step' needs an optimizer, found '3': step sgd(lr=0.01) or step adam(lr=0.1)
            step 3
                 ^
            """
        ),
    ])
    func gradientStatements(source: String, rendered: String) {
        #expect(renderedParseError(source) == rendered)
    }

    /// What a statement starts with, and the classic slips around '='.
    @Test(arguments: [
        (
            "x =",
            """
            1:4: error: 'x =' needs a value: x = 1
            x =
               ^
            """
        ),
        (
            "x += ",
            """
            1:5: error: 'x +=' needs a value: x += 1
            x +=\u{20}
                ^
            """
        ),
        (
            "shwo x",
            """
            1:1: error: unknown statement 'shwo'; did you mean 'show'?
            shwo x
            ^^^^
            """
        ),
        (
            "zerograd",
            """
            1:1: error: unknown statement 'zerograd'; did you mean 'zero_grad'?
            zerograd
            ^^^^^^^^
            """
        ),
        (
            "backwards loss",
            """
            1:1: error: unknown statement 'backwards'; did you mean 'backward'?
            backwards loss
            ^^^^^^^^^
            """
        ),
        (
            "print(x)",
            """
            1:1: error: 'print' is not part of the graph language: write show x, y to display values
            print(x)
            ^^^^^
            """
        ),
        (
            "assert x == 1",
            """
            1:1: error: 'assert' is not part of the graph language: write check a = b, or check a < b
            assert x == 1
            ^^^^^^
            """
        ),
        (
            "if x > 0:",
            """
            1:1: error: 'if' is not part of the graph language: there are no conditionals (statements are param, backward, zero_grad, step, for, show, log, plot, check, trace, diagram, gradcheck)
            if x > 0:
            ^^
            """
        ),
        (
            "x == 3",
            """
            1:3: error: a comparison is not a statement: write check x == ...
            x == 3
              ^^
            """
        ),
        (
            "x < 3",
            """
            1:3: error: a comparison is not a statement: write check x < ...
            x < 3
              ^
            """
        ),
        (
            "x - = 1",
            """
            1:3: error: unexpected '=': did you mean '-='? (no space between '-' and '=')
            x - = 1
              ^^^
            """
        ),
        (
            "x * = 2",
            """
            1:3: error: unexpected '=': did you mean '*='? (no space between '*' and '=')
            x * = 2
              ^^^
            """
        ),
        (
            "x[0] = 1",
            """
            1:1: error: can't assign to x[0]: only names are assigned; compute a new value: x = ...
            x[0] = 1
            ^^^^
            """
        ),
        (
            "w.grad = 0",
            """
            1:1: error: can't assign to w.grad: gradients change only through backward, zero_grad and step (zero_grad w resets it)
            w.grad = 0
            ^^^^^^
            """
        ),
        (
            "x",
            """
            1:1: error: expected '=' after 'x': write x = ... to assign a value, or show x to display it
            x
            ^
            """
        ),
        (
            "x + 1",
            """
            1:1: error: expected '=' after 'x': write x = ... to assign a value, or show x to display it
            x + 1
            ^
            """
        ),
        (
            "3 = x",
            """
            1:1: error: a statement starts with a name or a keyword (param, backward, zero_grad, step, for, show, log, plot, check, trace, diagram, gradcheck); found '3'
            3 = x
            ^
            """
        ),
        (
            "= 3",
            """
            1:1: error: a statement starts with a name or a keyword (param, backward, zero_grad, step, for, show, log, plot, check, trace, diagram, gradcheck); found '='
            = 3
            ^
            """
        ),
        (
            "x = 1 = 2",
            """
            1:7: error: unexpected '='; to compare values, write check a = b
            x = 1 = 2
                  ^
            """
        ),
        (
            "x = 1\n= 2",
            """
            2:1: error: only a 'check' chain continues on a line starting with '='; start a new statement, or write check a = b
            = 2
            ^
            """
        ),
        (
            "x = 1\n  y = 2",
            """
            2:1: error: unexpected indentation: only the body of a 'for' loop is indented
              y = 2
            ^^
            """
        ),
        (
            "x = 1\n\t\ty = 2",
            """
            2:1: error: tabs are not allowed for indentation; use spaces
            \t\ty = 2
            ^
            """
        ),
        (
            "x = b\n  # fine\n y = 2",
            """
            3:1: error: unexpected indentation: only the body of a 'for' loop is indented
             y = 2
            ^
            """
        ),
        (
            "损失 = (ŷ - y",
            """
            1:12: error: expected ')' to close '('
            损失 = (ŷ - y
                         ^
            1:6: note: '(' opened here
            """
        ),
    ])
    func assignmentsAndStatementStarts(source: String, rendered: String) {
        #expect(renderedParseError(source) == rendered)
    }

    /// Expressions: operands, brackets, members, casts and derivatives.
    @Test(arguments: [
        (
            "x = 1 +",
            """
            1:8: error: expected an expression after '+', found the end of the line
            x = 1 +
                   ^
            """
        ),
        (
            "x = (1 + 2",
            """
            1:11: error: expected ')' to close '('
            x = (1 + 2
                      ^
            1:5: note: '(' opened here
            """
        ),
        (
            "x = f(1 2)",
            """
            1:9: error: expected ',' or ')' to close '('
            x = f(1 2)
                    ^
            1:6: note: '(' opened here
            """
        ),
        (
            "x = [1, 2",
            """
            1:10: error: expected ']' to close '['
            x = [1, 2
                     ^
            1:5: note: '[' opened here
            """
        ),
        (
            "x = (1 + 2]",
            """
            1:11: error: expected ')' to close '('
            x = (1 + 2]
                      ^
            1:5: note: '(' opened here
            """
        ),
        (
            "x = 1)",
            """
            1:6: error: unexpected ')'; there is no open bracket for it to close
            x = 1)
                 ^
            """
        ),
        (
            "x = (1, 2)",
            """
            1:7: error: expected ')' to close '('
            x = (1, 2)
                  ^
            1:5: note: '(' opened here
            """
        ),
        (
            "x = a.gard",
            """
            1:7: error: unknown member '.gard'; did you mean '.grad'? (a value has .grad, .T and .shape)
            x = a.gard
                  ^^^^
            """
        ),
        (
            "x = a.t",
            """
            1:7: error: unknown member '.t'; did you mean '.T'? (a value has .grad, .T and .shape)
            x = a.t
                  ^
            """
        ),
        (
            "x = a.",
            """
            1:7: error: expected grad, T or shape after '.', found the end of the line
            x = a.
                  ^
            """
        ),
        (
            "x = a.size",
            """
            1:7: error: unknown member '.size': a value has .grad, .T and .shape
            x = a.size
                  ^^^^
            """
        ),
        (
            "x = y as int",
            """
            1:10: error: expected f32 or f64 after 'as', found 'int'
            x = y as int
                     ^^^
            """
        ),
        (
            "x = d(y)",
            """
            1:5: error: 'd(y)' starts a derivative: write d(y)/d(w)
            x = d(y)
                ^^^^
            """
        ),
        (
            "x = d(y, z)/d(w)",
            """
            1:5: error: d(...) takes one expression: d(loss)/d(w)
            x = d(y, z)/d(w)
                ^^^^^^^
            """
        ),
        (
            "x = d(y)/d(a, b)",
            """
            1:10: error: d(...) takes one expression: d(loss)/d(w)
            x = d(y)/d(a, b)
                     ^^^^^^^
            """
        ),
        (
            "x = grad(y)",
            """
            1:5: error: grad takes two arguments, the value and what to differentiate by: grad(loss, w)
            x = grad(y)
                ^^^^^^^
            """
        ),
        (
            "x = ∂y",
            """
            1:5: error: expected '/∂' after '∂y': write ∂y/∂w (put a longer numerator in parentheses: ∂(x^2)/∂x)
            x = ∂y
                ^^
            """
        ),
        (
            "x = ∂y^2/∂x",
            """
            1:5: error: expected '/∂' after '∂y': write ∂y/∂w (put a longer numerator in parentheses: ∂(x^2)/∂x)
            x = ∂y^2/∂x
                ^^
            """
        ),
        (
            "x = f(lr=1, lr=2)",
            """
            1:13: error: argument 'lr' is given twice
            x = f(lr=1, lr=2)
                        ^^
            """
        ),
        (
            "x = a[]",
            """
            1:6: error: expected an index inside '[]': x[0] or x[i, j]
            x = a[]
                 ^^
            """
        ),
        (
            "x = a[1:2]",
            """
            1:8: error: slices are not supported; index single elements: x[0] or x[i, j]
            x = a[1:2]
                   ^
            """
        ),
        (
            "x = f(x == 1)",
            """
            1:9: error: expected ')' to close '('
            x = f(x == 1)
                    ^^
            1:6: note: '(' opened here
            """
        ),
        (
            "x = y z",
            """
            1:7: error: unexpected 'z'; is an operator missing before it? (write 2*x for a product)
            x = y z
                  ^
            """
        ),
        (
            "x = 2 (y)",
            """
            1:7: error: unexpected '('; is an operator missing before it? (write 2*x for a product)
            x = 2 (y)
                  ^
            """
        ),
        (
            "x = 1:",
            """
            1:6: error: unexpected ':'; only a 'for' line ends with ':'
            x = 1:
                 ^
            """
        ),
        (
            "x = a within 1",
            """
            1:7: error: unexpected 'within'; 'within' belongs to a check: check a = b within 1e-6
            x = a within 1
                  ^^^^^^
            """
        ),
        (
            "x = (\n1 +\n",
            """
            2:4: error: expected an expression after '+', found the end of the block
            1 +
               ^
            """
        ),
        (
            "x = a\tb",
            """
            1:7: error: unexpected 'b'; is an operator missing before it? (write 2*x for a product)
            x = a\tb
                 \t^
            """
        ),
        (
            "x = 1 as",
            """
            1:9: error: expected f32 or f64 after 'as', found the end of the line
            x = 1 as
                    ^
            """
        ),
    ])
    func expressions(source: String, rendered: String) {
        #expect(renderedParseError(source) == rendered)
    }

    @Test func aLongLineIsShownAsAWindowAroundTheCaret() {
        let source = "x = " + String(repeating: "(", count: 100_000)
        let shown = String(repeating: "(", count: 160)
        #expect(
            renderedParseError(source) == """
                1:261: error: the expression nests deeper than 256 levels (brackets, operators, calls); split it into named steps
                …\(shown)…
                \(String(repeating: " ", count: 61))^
                """)
    }

    @Test func theCallerChoosesHowPositionsArePrinted() {
        let source = "x = 1\ny = f(2"
        guard case .failure(let diagnostic) = parseProgram(source) else {
            Issue.record("expected an error")
            return
        }
        // A lesson's runner knows the block starts at line 12 of its file.
        let rendered = diagnostic.rendered(source: source) { "lesson.md:\($0.line + 11):\($0.column)" }
        #expect(
            rendered == """
                lesson.md:13:8: error: expected ')' to close '('
                y = f(2
                       ^
                lesson.md:13:6: note: '(' opened here
                """)
    }

    @Test func aRangeOverSeveralLinesIsUnderlinedToTheEndOfItsFirstLine() {
        let diagnostic = Diagnostic(
            message: "this check failed",
            range: SourceRange(start: SourcePosition(line: 1, column: 7), end: SourcePosition(line: 2, column: 9)))
        #expect(
            diagnostic.rendered(source: "check a = b\n      = c") == """
                1:7: error: this check failed
                check a = b
                      ^^^^^
                """)
    }
}

/// Random garbage built from the language's own pieces: the parser never crashes, and every
/// diagnostic points at a place inside its source (or just past the end of a line).
@Suite struct ParsingRobustnessTests {
    /// SplitMix64, so that the inputs are the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static let pieces = [
        "x", "w", "ŷ", "损失", "1", "2.5", "1e-3", ".5", " ", " ", "  ", "\n", "\n    ", "\n  ", "\t", "#c", "(", ")",
        "[",
        "]", ",", ":", "=", "==", "<", "<=", "-=", "+", "-", "*", "/", "@", "^", "**", ".", ".grad", ".T", "∂", "d(",
        "grad(", "as", "f64", "param", "for", "in", "show", "log", "plot", "vs", "check", "within", "backward",
        "zero_grad", "step", "sgd(", "lr=", "trace", "diagram", "gradcheck", "wrt", "$", "!=", "2x", "−",
    ]

    @Test func randomInputNeverCrashesAndDiagnosticsPointIntoTheSource() {
        var generator = Generator(state: 2024)
        var failures = 0
        for _ in 0..<3_000 {
            var source = ""
            for _ in 0..<(1 + generator.next(40)) {
                source += Self.pieces[generator.next(Self.pieces.count)]
            }
            guard case .failure(let diagnostic) = parseProgram(source) else { continue }
            failures += 1
            let lines = SourceText(source).lines
            let start = diagnostic.range.start
            #expect(start.line >= 1 && start.line <= lines.count, "\(source.debugDescription): \(diagnostic)")
            #expect(
                start.column >= 1 && start.column <= lines[max(0, min(lines.count, start.line) - 1)].count + 1,
                "\(source.debugDescription): \(diagnostic)")
            #expect(diagnostic.range.start <= diagnostic.range.end, "\(source.debugDescription): \(diagnostic)")
            #expect(!diagnostic.rendered(source: source).isEmpty)
        }
        // Most random inputs are errors: the loop above really looked at diagnostics.
        #expect(failures > 2_000)
    }
}
