import Testing

@testable import GraphLanguage

/// The graph blocks of the tour parse into the trees written out by hand below.
@Suite struct ParsingTourTests {
    @Test func byHand() throws {
        #expect(
            try sExpressions(TourBlocks.byHand) == """
                (= x 1)
                (= y 2)
                (param w 1)
                (= y_hat (* w x))
                (= s (- y_hat y))
                (= loss (^ s 2))
                (backward loss)
                (show loss (.grad w))
                (check = loss 1)
                (check = (d loss w) (* (* (d loss s) (d s y_hat)) (d y_hat w)) (* (* (* 2 s) 1) x) (neg 2))
                (check = (d loss s) (* 2 s) (neg 2))
                (trace loss)
                (diagram loss)
                """)
    }

    @Test func notebookScope() throws {
        #expect(
            try sExpressions(TourBlocks.notebookScope) == """
                (-= w (* 0.01 (.grad w)))
                (zero_grad)
                (= loss (^ (- (* w x) y) 2))
                (backward loss)
                (check = w 1.02)
                (check = (.grad w) (* (* 2 (- (* w x) y)) x))
                """)
    }

    @Test func nonScalarBackwardAndSecondDerivatives() throws {
        #expect(
            try sExpressions(TourBlocks.nonScalarBackward) == """
                (param a [2 3])
                (param b [6 4])
                (= Q (- (* 3 (^ a 3)) (^ b 2)))
                (backward Q [1 1])
                (check = (.grad a) (* 9 (^ a 2)) [36 81])
                (check = (.grad b) (* (neg 2) b) [(neg 12) (neg 8)])
                (param t 0)
                (= f (+ (- (^ t 2) (* 2 t)) 1))
                (check = (d f t) (- (* 2 t) 2) (neg 2))
                (check = (d (d f t) t) 2)
                (check = (d f t) (neg 2))
                """)
    }

    @Test func momentum() throws {
        #expect(
            try sExpressions(TourBlocks.momentum) == """
                (param w 5)
                (for (i) (range 20) (= l (^ (- w 2) 2)) (backward l) (step sgd lr=0.1 momentum=0.9) (log i l))
                (plot 'l')
                (check = w 0.952242374420166)
                (check = l 0.881135880947113)
                """)
    }

    @Test func adam() throws {
        let quadratic = "(mean (^ (- (+ (+ (* a (^ x 2)) (* b x)) c) y) 2))"
        #expect(
            try sExpressions(TourBlocks.adam) == """
                (= x [0 1 2 3])
                (= y [1 3 7 13])
                (param a 0)
                (param b 0)
                (param c 0)
                (for (i) (range 300) (= l \(quadratic)) (backward l) (step adam lr=0.1) (log l))
                (check = a 0.9999999333008083)
                (check = b 0.9999999332597571)
                (check = c 0.9999999333049745)
                (check < l 1e-12)
                (gradcheck \(quadratic) wrt a b c)
                """)
    }

    @Test func rowsZipReductionsLosses() throws {
        #expect(
            try sExpressions(TourBlocks.rowsZipLosses) == """
                (= X [[1 2] [3 4]])
                (param v [0.5 (neg 1)])
                (= s 0)
                (for (row) X (= s (+ s (sum (* row v)))))
                (backward s)
                (check = s (neg 4))
                (check = (.grad v) [4 6])
                (= xs [1 2 3])
                (= ys [2 4 6])
                (= total 0)
                (for (xi yi) (zip xs ys) (= total (+ total (* xi yi))))
                (check = total 28)
                (param p [1 2 3])
                (= l (mse p [1.5 2 2]))
                (backward l)
                (check = l 0.4166666567325592)
                (check = (.grad p) [(neg 0.3333333) 0 0.6666667] within 1e-06)
                (param u [1 3 2])
                (backward (max u))
                (check = (.grad u) [0 1 0])
                (zero_grad u)
                (= ls (log_softmax u 0))
                (backward (index ls 1))
                (check = (.grad u) [(neg 0.09003056) 0.33475912 (neg 0.24472846)] within 1e-06)
                """)
    }

    @Test func elementwiseF64() throws {
        #expect(
            try sExpressions(TourBlocks.elementwiseF64) == """
                (param z 4)
                (= f (- (+ (sqrt z) (* (abs (neg z)) (sin z))) (cos z)))
                (backward f)
                (check = f (neg 0.37356636036810087))
                (check = (.grad z) (neg 3.878179474070304))
                """)
    }

    /// This block fails when it runs (backward of a non-scalar), not when it is parsed.
    @Test func blockThatMustFailStillParses() throws {
        #expect(
            try sExpressions(TourBlocks.mustFail) == """
                (param q [[0 0] [1 2]])
                (= r (^ q 2))
                (backward r)
                """)
    }
}

/// Precedence and associativity (SPEC §2.3), one expression at a time.
@Suite struct ParsingPrecedenceTests {
    @Test(arguments: [
        // + - left-associative, below * / @.
        ("a + b - c", "(- (+ a b) c)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a + b * c", "(+ a (* b c))"),
        ("a * b + c", "(+ (* a b) c)"),
        ("a * b / c @ d", "(@ (/ (* a b) c) d)"),
        ("a @ b * c", "(* (@ a b) c)"),
        ("a - b @ c", "(- a (@ b c))"),
        // Unary below power: -x^2 is -(x^2); above * /.
        ("-x^2", "(neg (^ x 2))"),
        ("-x ** 2", "(neg (^ x 2))"),
        ("-a * b", "(* (neg a) b)"),
        ("a * -b", "(* a (neg b))"),
        ("- - x", "(neg (neg x))"),
        ("+x - -y", "(- (pos x) (neg y))"),
        ("-2.5", "(neg 2.5)"),
        // Power right-associative, ^ and ** the same operator; the exponent may be signed.
        ("a ^ b ^ c", "(^ a (^ b c))"),
        ("a ** b ** c", "(^ a (^ b c))"),
        ("a ^ b ** c", "(^ a (^ b c))"),
        ("2^-1", "(^ 2 (neg 1))"),
        ("2 ** -x ^ 2", "(^ 2 (neg (^ x 2)))"),
        ("a ^ b * c", "(* (^ a b) c)"),
        ("a * b ^ c", "(* a (^ b c))"),
        // Postfix binds tightest.
        ("x.grad ^ 2", "(^ (.grad x) 2)"),
        ("-w.grad", "(neg (.grad w))"),
        ("x[0]^2", "(^ (index x 0) 2)"),
        ("x[i, j].T.shape", "(.shape (.T (index x i j)))"),
        ("m[0][1]", "(index (index m 0) 1)"),
        ("f(x).grad", "(.grad (f x))"),
        ("(a + b).T", "(.T (+ a b))"),
        ("x[-1]", "(index x (neg 1))"),
        // The cast is lowest and covers the whole additive expression.
        ("a + b as f64", "(as f64 (+ a b))"),
        ("a * b as f32", "(as f32 (* a b))"),
        ("(a as f64) * b", "(* (as f64 a) b)"),
        ("x as f64 as f32", "(as f32 (as f64 x))"),
        ("f(x as f64)", "(f (as f64 x))"),
        // Parentheses override.
        ("(a + b) * c", "(* (+ a b) c)"),
        ("(-x)^2", "(^ (neg x) 2)"),
        ("((x))", "x"),
    ])
    func precedence(source: String, expected: String) throws {
        #expect(try sExpression(of: source) == expected)
    }

    @Test(arguments: [
        ("3", "3"), ("2.5", "2.5"), ("1e-3", "0.001"), (".5", "0.5"), ("5.", "5"), ("1E3", "1000"),
    ])
    func numbers(source: String, expected: String) throws {
        #expect(try sExpression(of: source) == expected)
    }

    @Test(arguments: [
        ("[1, 2, 3]", "[1 2 3]"),
        ("[[0, 0], [1, 2]]", "[[0 0] [1 2]]"),
        ("[]", "[]"),
        ("[1, 2,]", "[1 2]"),
        ("[-1, a + b]", "[(neg 1) (+ a b)]"),
        ("[\n  [1, 2],\n  [3, 4]\n]", "[[1 2] [3 4]]"),
    ])
    func lists(source: String, expected: String) throws {
        #expect(try sExpression(of: source) == expected)
    }

    @Test(arguments: [
        ("f()", "(f)"),
        ("exp(x)", "(exp x)"),
        ("reshape(x, 2, 3)", "(reshape x 2 3)"),
        ("sgd(lr=0.01, momentum=0.9)", "(sgd lr=0.01 momentum=0.9)"),
        ("softmax(x, dim=0)", "(softmax x dim=0)"),
        ("f(a, b,)", "(f a b)"),
        ("f(\n  a,\n  lr = 2\n)", "(f a lr=2)"),
    ])
    func calls(source: String, expected: String) throws {
        #expect(try sExpression(of: source) == expected)
    }

    @Test(arguments: [
        ("d(y)/d(x)", "(d y x)"),
        ("d(loss) / d(w)", "(d loss w)"),
        ("d(y)/d(x) * d(x)/d(w)", "(* (d y x) (d x w))"),
        ("d(d(f)/d(t))/d(t)", "(d (d f t) t)"),
        ("d(a + b)/d(x[0])", "(d (+ a b) (index x 0))"),
        ("1 / d(y)/d(x)", "(/ 1 (d y x))"),
        ("∂loss/∂s", "(d loss s)"),
        ("∂loss/∂s * 2", "(* (d loss s) 2)"),
        ("∂(x^2)/∂x", "(d (^ x 2) x)"),
        ("∂f(x)/∂x.T", "(d (f x) (.T x))"),
        ("∂∂f/∂x/∂x", "(d (d f x) x)"),
        ("grad(f, t)", "(d f t)"),
        ("grad(a * b, w) + 1", "(+ (d (* a b) w) 1)"),
        ("2 * d(y)/d(x)", "(* 2 (d y x))"),
    ])
    func derivatives(source: String, expected: String) throws {
        #expect(try sExpression(of: source) == expected)
    }

    @Test func aDerivativeIsAPrimarySoPostfixAndPowerApplyToAllOfIt() throws {
        #expect(try sExpression(of: "d(y)/d(x)^2") == "(^ (d y x) 2)")
        #expect(try sExpression(of: "d(y)/d(x).T") == "(.T (d y x))")
    }
}

/// Every statement of SPEC §2.2.
@Suite struct ParsingStatementTests {
    @Test(arguments: [
        ("param w = 1", "(param w 1)"),
        ("param W = randn(2, 3)", "(param W (randn 2 3))"),
        ("x = a * b", "(= x (* a b))"),
        ("w -= 0.1 * w.grad", "(-= w (* 0.1 (.grad w)))"),
        ("w += 1", "(+= w 1)"),
        ("w *= 2", "(*= w 2)"),
        ("w /= 2", "(/= w 2)"),
        ("backward loss", "(backward loss)"),
        ("backward y, ones(2, 2)", "(backward y (ones 2 2))"),
        ("zero_grad", "(zero_grad)"),
        ("zero_grad w, b", "(zero_grad w b)"),
        ("step sgd(lr=0.01)", "(step sgd lr=0.01)"),
        ("step sgd(lr=0.01, momentum=0.9)", "(step sgd lr=0.01 momentum=0.9)"),
        ("step adam(lr=0.1)", "(step adam lr=0.1)"),
        ("show loss", "(show loss)"),
        ("show loss, w.grad, d(loss)/d(w)", "(show loss (.grad w) (d loss w))"),
        ("log i, l", "(log i l)"),
        ("log mean(l)", "(log (mean l))"),
        ("plot l", "(plot 'l')"),
        ("plot l, mean(l)", "(plot 'l' 'mean(l)')"),
        ("plot l vs i", "(plot 'l' vs 'i')"),
        ("plot a, b vs i", "(plot 'a' 'b' vs 'i')"),
        ("check a = b", "(check = a b)"),
        ("check a == b", "(check = a b)"),
        ("check a = b == c", "(check = a b c)"),
        ("check a < b", "(check < a b)"),
        ("check a <= b", "(check <= a b)"),
        ("check a > b", "(check > a b)"),
        ("check a >= b", "(check >= a b)"),
        ("check a = b within 1e-6", "(check = a b within 1e-06)"),
        ("check l < 1e-3 within 0.1", "(check < l 0.001 within 0.1)"),
        ("trace loss", "(trace loss)"),
        ("diagram (w*x - y)^2", "(diagram (^ (- (* w x) y) 2))"),
        ("gradcheck loss wrt w", "(gradcheck loss wrt w)"),
        ("gradcheck mean((a*x - y)^2) wrt a, b", "(gradcheck (mean (^ (- (* a x) y) 2)) wrt a b)"),
        ("for i in range(3):\n    x = i", "(for (i) (range 3) (= x i))"),
        ("for i in range(1, 10, 2):\n    x = i", "(for (i) (range 1 10 2) (= x i))"),
        ("for row in X:\n    s = s + row", "(for (row) X (= s (+ s row)))"),
        ("for x, y in zip(xs, ys):\n    s = x*y", "(for (x y) (zip xs ys) (= s (* x y)))"),
    ])
    func statement(source: String, expected: String) throws {
        #expect(try sExpressions(source) == expected)
    }

    @Test func loopsNestAndEndWhereTheIndentationDoes() throws {
        let source = """
            for epoch in range(2):
                for x, y in zip(xs, ys):
                    l = (w*x - y)^2
                    backward l

                    # one step per sample
                    step sgd(lr=0.1)
                log epoch, l
            show w
            """
        #expect(
            try sExpressions(source) == """
                (for (epoch) (range 2) (for (x y) (zip xs ys) (= l (^ (- (* w x) y) 2)) (backward l) (step sgd lr=0.1)) (log epoch l))
                (show w)
                """)
    }

    @Test func statementKeywordsAreNamesWhenAssigned() throws {
        #expect(
            try sExpressions("step = 0.1\ncheck = 2\nlog += 1\ntrace = step * check") == """
                (= step 0.1)
                (= check 2)
                (+= log 1)
                (= trace (* step check))
                """)
        // At the start of a statement they are keywords; elsewhere they are names.
        #expect(try sExpressions("show log(x), step") == "(show (log x) step)")
        #expect(try sExpressions("x = in + vs + wrt + within + as") == "(= x (+ (+ (+ (+ in vs) wrt) within) as))")
    }

    @Test func aStatementNeedNotEndWithALineBreak() throws {
        #expect(try sExpressions("x = 1\ny = 2\n") == "(= x 1)\n(= y 2)")
        #expect(try sExpressions("") == "")
        #expect(try sExpressions("\n# nothing but a comment\n\n") == "")
    }

    @Test func aCheckChainContinuesOnLinesStartingWithEquals() throws {
        let source = """
            check d(loss)/d(w) = d(loss)/d(s) * d(s)/d(y_hat)   # chain rule
                               = 2*s * 1   # by hand

                               == -2 within 1e-6
            show w
            """
        let program = try parsedProgram(source)
        #expect(program.statements.count == 2)
        guard case .check(let check, let range) = program.statements.first else {
            Issue.record("expected a check, got \(program.statements)")
            return
        }
        #expect(check.links.map(\.text) == ["d(loss)/d(w)", "d(loss)/d(s) * d(s)/d(y_hat)", "2*s * 1", "-2"])
        #expect(
            range == SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 4, column: 37)))
        #expect(check.comparison == nil)
        #expect(check.within == .number(1e-6, oneLineRange(4, 33, 37)))
    }

    @Test func aLinkSpanningLinesInsideBracketsIsJoinedWithSingleSpaces() throws {
        let program = try parsedProgram("check sum([1,\n           2]) = 3")
        guard case .check(let check, _) = program.statements.first else {
            Issue.record("expected a check, got \(program.statements)")
            return
        }
        #expect(check.links.map(\.text) == ["sum([1, 2])", "3"])
    }

    @Test func sourceTextIsExactAndTrimmed() throws {
        let program = try parsedProgram("show   a  +  b ,(c), ŷ.grad   # comment\nlog   mean( l )  ")
        guard case .show(let shown, _) = program.statements.first, case .log(let logged, _) = program.statements.last
        else {
            Issue.record("expected show then log, got \(program.statements)")
            return
        }
        #expect(shown.map(\.text) == ["a  +  b", "(c)", "ŷ.grad"])
        #expect(logged.map(\.text) == ["mean( l )"])
    }

    @Test func plotSeriesAreNamedByTheirSourceText() throws {
        let program = try parsedProgram("plot l, mean( l ) vs  i")
        #expect(
            program.statements == [
                .plot(
                    series: [
                        NamedRange(name: "l", range: oneLineRange(1, 6, 7)),
                        NamedRange(name: "mean( l )", range: oneLineRange(1, 9, 18)),
                    ],
                    versus: NamedRange(name: "i", range: oneLineRange(1, 23, 24)), oneLineRange(1, 1, 24))
            ])
    }
}

/// Whole trees with every range, built by hand.
@Suite struct ParsingRangeTests {
    @Test func anAssignmentWithUnicodeNames() throws {
        // 损失 = (ŷ - y)^2 as f64
        // 1234567890123456789012
        let program = try parsedProgram("损失 = (ŷ - y)^2 as f64")
        let difference = Expression.binary(
            .subtract, .name("ŷ", oneLineRange(1, 7, 8)), .name("y", oneLineRange(1, 11, 12)), oneLineRange(1, 6, 13))
        let square = Expression.binary(.power, difference, .number(2, oneLineRange(1, 14, 15)), oneLineRange(1, 6, 15))
        #expect(
            program.statements == [
                .assign(
                    name: "损失", nameRange: oneLineRange(1, 1, 3),
                    value: .cast(square, .f64, oneLineRange(1, 6, 22)), oneLineRange(1, 1, 22))
            ])
    }

    @Test func aParamAStepAndAGradcheck() throws {
        let program = try parsedProgram("param θ = [1, -2]\nstep sgd(lr=0.1)\ngradcheck θ.grad wrt θ")
        #expect(
            program.statements == [
                .param(
                    name: "θ", nameRange: oneLineRange(1, 7, 8),
                    value: .list(
                        [
                            .number(1, oneLineRange(1, 12, 13)),
                            .unary(.negate, .number(2, oneLineRange(1, 16, 17)), oneLineRange(1, 15, 17)),
                        ], oneLineRange(1, 11, 18)),
                    oneLineRange(1, 1, 18)),
                .step(
                    optimizer: "sgd", optimizerRange: oneLineRange(2, 6, 9),
                    arguments: [
                        Argument(
                            label: "lr", labelRange: oneLineRange(2, 10, 12),
                            value: .number(0.1, oneLineRange(2, 13, 16)))
                    ], oneLineRange(2, 1, 17)),
                .gradcheck(
                    SourcedExpression(
                        expression: .member(.name("θ", oneLineRange(3, 11, 12)), .grad, oneLineRange(3, 11, 17)),
                        text: "θ.grad"),
                    wrt: [NamedRange(name: "θ", range: oneLineRange(3, 22, 23))], oneLineRange(3, 1, 23)),
            ])
    }

    @Test func derivativesCoverTheirWholeNotation() throws {
        let program = try parsedProgram("a = d(y)/d(x)\nb = ∂y/∂x\nc = grad(y, x)")
        let ranges = program.statements.compactMap { statement -> SourceRange? in
            guard case .assign(_, _, let value, _) = statement else { return nil }
            return value.range
        }
        #expect(ranges == [oneLineRange(1, 5, 14), oneLineRange(2, 5, 10), oneLineRange(3, 5, 15)])
        let operands = program.statements.compactMap { statement -> [SourceRange]? in
            guard case .assign(_, _, .derivative(let of, let wrt, _), _) = statement else { return nil }
            return [of.range, wrt.range]
        }
        #expect(
            operands == [
                [oneLineRange(1, 7, 8), oneLineRange(1, 12, 13)],
                [oneLineRange(2, 6, 7), oneLineRange(2, 9, 10)],
                [oneLineRange(3, 10, 11), oneLineRange(3, 13, 14)],
            ])
    }

    @Test func indexCallAndParenthesesRanges() throws {
        let program = try parsedProgram("x = f(a)[0, 1] + (b)")
        guard case .assign(_, _, .binary(.add, let left, let right, let whole), _) = program.statements.first else {
            Issue.record("expected a sum, got \(program.statements)")
            return
        }
        #expect(whole == oneLineRange(1, 5, 21))
        #expect(left.range == oneLineRange(1, 5, 15))
        guard case .index(let base, let indices, _) = left else {
            Issue.record("expected an index, got \(left)")
            return
        }
        #expect(base.range == oneLineRange(1, 5, 9))
        #expect(indices.map(\.range) == [oneLineRange(1, 10, 11), oneLineRange(1, 13, 14)])
        // A parenthesized expression covers its parentheses.
        #expect(right == .name("b", oneLineRange(1, 18, 21)))
    }

    @Test func aLoopCoversItsBody() throws {
        let program = try parsedProgram("for i, j in zip(a, b):\n    s = i\n\n    t = j  # last\nu = 1")
        guard case .forLoop(let variables, let sequence, let body, let range) = program.statements.first else {
            Issue.record("expected a loop, got \(program.statements)")
            return
        }
        #expect(
            variables == [
                NamedRange(name: "i", range: oneLineRange(1, 5, 6)),
                NamedRange(name: "j", range: oneLineRange(1, 8, 9)),
            ])
        #expect(sequence.range == oneLineRange(1, 13, 22))
        #expect(body.map(\.range) == [oneLineRange(2, 5, 10), oneLineRange(4, 5, 10)])
        #expect(
            range == SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 4, column: 10)))
        #expect(program.statements.last?.range == oneLineRange(5, 1, 6))
    }

    @Test func showItemsKeepTheirTextAndZeroGradItsNames() throws {
        let program = try parsedProgram("show w.grad , 2*w\nzero_grad w,b\nbackward l, g")
        #expect(
            program.statements == [
                .show(
                    [
                        SourcedExpression(
                            expression: .member(.name("w", oneLineRange(1, 6, 7)), .grad, oneLineRange(1, 6, 12)),
                            text: "w.grad"),
                        SourcedExpression(
                            expression: .binary(
                                .multiply, .number(2, oneLineRange(1, 15, 16)), .name("w", oneLineRange(1, 17, 18)),
                                oneLineRange(1, 15, 18)),
                            text: "2*w"),
                    ], oneLineRange(1, 1, 18)),
                .zeroGrad(
                    names: [
                        NamedRange(name: "w", range: oneLineRange(2, 11, 12)),
                        NamedRange(name: "b", range: oneLineRange(2, 13, 14)),
                    ], oneLineRange(2, 1, 14)),
                .backward(
                    .name("l", oneLineRange(3, 10, 11)), gradient: .name("g", oneLineRange(3, 13, 14)),
                    oneLineRange(3, 1, 14)),
            ])
    }
}

/// SPEC §2.8: nesting deeper than 256 is a diagnostic, never a stack overflow.
@Suite struct ParsingLimitTests {
    @Test func aHundredThousandOpeningParenthesesGiveADiagnostic() {
        let source = "x = " + String(repeating: "(", count: 100_000)
        guard case .failure(let diagnostic) = parseProgram(source) else {
            Issue.record("expected an error")
            return
        }
        // The 257th parenthesis, at column 4 + 257, is one level too deep.
        #expect(diagnostic.range == oneLineRange(1, 261, 262))
        #expect(
            diagnostic.message
                == "the expression nests deeper than 256 levels (brackets, operators, calls); split it into named steps"
        )
    }

    @Test func twoHundredFiftySixLevelsAreAllowed() throws {
        let nested = String(repeating: "(", count: 256) + "x" + String(repeating: ")", count: 256)
        #expect(try sExpression(of: nested) == "x")
        let tooDeep = "(" + nested + ")"
        #expect(renderedParseError("x = " + tooDeep).hasPrefix("1:261: error: the expression nests deeper than 256"))
    }

    // 10,000 levels: without the limit, any of these would overflow the stack.
    @Test(arguments: [
        ("brackets", String(repeating: "[", count: 10_000)),
        ("unary minus", String(repeating: "-", count: 10_000) + "1"),
        ("powers", Array(repeating: "2", count: 10_000).joined(separator: "^")),
        ("a long sum", Array(repeating: "1", count: 10_000).joined(separator: " + ")),
        ("a long product", Array(repeating: "x", count: 10_000).joined(separator: "*")),
        ("members", "x" + String(repeating: ".T", count: 10_000)),
        ("indices", "x" + String(repeating: "[0]", count: 10_000)),
        ("casts", "x" + String(repeating: " as f64", count: 10_000)),
        ("calls", String(repeating: "exp(", count: 10_000)),
        ("partial derivatives", String(repeating: "∂", count: 10_000)),
        ("derivatives", String(repeating: "d(", count: 10_000)),
    ])
    func deepInputIsADiagnostic(kind: String, expression: String) {
        guard case .failure(let diagnostic) = parseProgram("x = " + expression) else {
            Issue.record("\(kind): expected an error")
            return
        }
        #expect(diagnostic.message.hasPrefix("the expression nests deeper than 256 levels"), "\(kind)")
        #expect(diagnostic.range.start.line == 1, "\(kind)")
    }

    @Test func loopsNestAtMost256Deep() throws {
        func loops(_ depth: Int) -> String {
            (0..<depth).map { String(repeating: " ", count: $0) + "for i in r:" }.joined(separator: "\n") + "\n"
                + String(repeating: " ", count: depth) + "x = i"
        }
        #expect(try parsedProgram(loops(256)).statements.count == 1)
        guard case .failure(let diagnostic) = parseProgram(loops(1_000)) else {
            Issue.record("expected an error")
            return
        }
        #expect(diagnostic.message == "loops nest deeper than 256 levels")
        #expect(diagnostic.range == oneLineRange(257, 257, 260))
    }

    @Test func longFlatBlocksParse() throws {
        let lines = (0..<2_000).map { "x\($0) = [\($0), \($0 + 1)] * 2" }.joined(separator: "\n")
        #expect(try parsedProgram(lines).statements.count == 2_000)
        let list = "x = [" + Array(repeating: "1", count: 10_000).joined(separator: ", ") + "]"
        guard case .assign(_, _, .list(let elements, _), _) = try parsedProgram(list).statements.first else {
            Issue.record("expected a list")
            return
        }
        #expect(elements.count == 10_000)
    }
}
