import Autodiff
import Foundation
import Testing

@testable import GraphLanguage

/// The semantics of SPEC §2: values and dtypes, params and updates, loops, optimizers' state,
/// and the result-producing statements. Expected numbers are hand derivations.
@Suite struct InterpreterLanguageTests {
    func f32(_ value: Double) -> Value { Value(scalar: Double(Float(value)), dtype: .f32) }
    func f64(_ value: Double) -> Value { Value(scalar: value, dtype: .f64) }

    // MARK: Values and dtypes

    @Test func weakLiteralsTakeTheDTypeTheyMeet() {
        let outcome = runBlock("a = [1, 2] as f64\nshow a * 0.1, [1, 2] * 0.1, 1 / 3, a + [1, 1]")
        #expect(outcome.error == nil)
        #expect(shown(outcome, "a * 0.1") == Value(dtype: .f64, shape: [2], scalars: [0.1, 0.2]))
        #expect(
            shown(outcome, "[1, 2] * 0.1")
                == Value(dtype: .f32, shape: [2], scalars: [Double(Float(0.1)), Double(Float(2) * Float(0.1))]))
        // A number alone has the default dtype.
        #expect(shown(outcome, "1 / 3") == f32(1.0 / 3.0))
        // f64 with f32 promotes to f64.
        #expect(shown(outcome, "a + [1, 1]") == Value(dtype: .f64, shape: [2], scalars: [2, 3]))
    }

    @Test func blockAndSessionDefaultDTypes() {
        #expect(shown(runBlock("x = 1\nshow x"), "x") == f32(1))
        #expect(shown(runBlock("x = 1\nshow x", dtype: .f64), "x") == f64(1))
        #expect(shown(runBlock("x = 0.1\nshow x", sessionDType: .f64), "x") == f64(0.1))
        #expect(shown(runBlock("x = zeros(2) + 0.1\nshow x", dtype: .f64), "x")?.dtype == .f64)
    }

    @Test func listsShapesIndexingAndMembers() {
        let source = """
            m = [[1, 2, 3], [4, 5, 6]]
            show m.shape, m.T, m[1], m[1, 2], m[-1, 0], len(m), sum(m, 0), mean(m, dim=1)
            """
        let outcome = runBlock(source)
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(shown(outcome, "m.shape") == Value(dtype: .f32, shape: [2], scalars: [2, 3]))
        #expect(shown(outcome, "m.T") == Value(dtype: .f32, shape: [3, 2], scalars: [1, 4, 2, 5, 3, 6]))
        #expect(shown(outcome, "m[1]") == Value(dtype: .f32, shape: [3], scalars: [4, 5, 6]))
        #expect(shown(outcome, "m[1, 2]") == f32(6))
        #expect(shown(outcome, "m[-1, 0]") == f32(4))
        #expect(shown(outcome, "len(m)") == f32(2))
        #expect(shown(outcome, "sum(m, 0)") == Value(dtype: .f32, shape: [3], scalars: [5, 7, 9]))
        #expect(shown(outcome, "mean(m, dim=1)") == Value(dtype: .f32, shape: [2], scalars: [2, 5]))
    }

    // MARK: Params and updates

    @Test func updatesInPlaceOnParamsAndRebindingOtherwise() {
        let source = """
            param w = 2
            x = 10
            w *= 3
            w += 1
            w /= 2
            x -= 4
            show w, x
            backward w * x
            show w.grad
            """
        let outcome = runBlock(source)
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(shown(outcome, "w") == f32(3.5))
        #expect(shown(outcome, "x") == f32(6))
        #expect(shown(outcome, "w.grad") == f32(6))
    }

    @Test func declaringAParamAgainReplacesIt() {
        let outcome = runBlock("param w = 1\nparam w = 5\nbackward w * w\nshow w, w.grad")
        #expect(outcome.error == nil)
        #expect(shown(outcome, "w") == f32(5))
        #expect(shown(outcome, "w.grad") == f32(10))
    }

    /// A param re-declared in a loop reuses a replaced param once nothing refers to it, so the
    /// engine's params stay few; the values are as if each declaration made a new leaf:
    /// w = i + 1, w.grad = 2w, then w - 0.1 * 2w = 0.8w (hand derivation).
    @Test func aParamDeclaredInALoopReusesAReplacedParam() {
        let session = Session()
        let source = """
            for i in range(100):
                param w = i + 1
                loss = w^2
                backward loss
                show w.grad
                step sgd(lr=0.1)
                show w
            """
        let outcome = session.run(source, options: BlockOptions())
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        let rows = outcome.shows.flatMap(\.rows)
        let grads = rows.filter { $0.expression == "w.grad" }.map { $0.value.scalars[0] }
        let ws = rows.filter { $0.expression == "w" }.map { $0.value.scalars[0] }
        let expectedGrads: [Double] = (1...100).map { (n: Int) -> Double in Double(2 * n) }
        let expectedWs: [Double] = (1...100).map { (n: Int) -> Double in
            let w = Float(n)
            return Double(w.addingProduct(-Float(0.1), 2 * w))
        }
        #expect(grads == expectedGrads)
        #expect(ws == expectedWs)
        // `loss` still holds the previous w when the next one is declared: two params take turns.
        #expect(session.interpreter.tape.params.count == 2)
    }

    /// A reused param starts with an empty .grad; a value computed from the replaced one keeps
    /// its own param (here: no reuse while `loss` refers to it).
    @Test func aReusedParamStartsAfresh() {
        let session = Session()
        let source = """
            param w = 1
            loss = w^2
            backward loss
            param w = 2
            loss = w^2
            backward loss
            param w = 3
            """
        #expect(session.run(source, options: BlockOptions()).error == nil)
        #expect(session.interpreter.tape.params.count == 2)
        #expect(
            session.run("show w.grad", options: BlockOptions()).errorText
                == "1:6: w.grad is empty: no backward has reached w yet")
        // loss = 2^2 from the second w still backpropagates into that (unnamed) param, not into w.
        let after = session.run("backward loss\nbackward w * 5\nshow w, w.grad, loss", options: BlockOptions())
        #expect(after.error == nil, "\(after.errorText ?? "")")
        #expect(shown(after, "w") == f32(3))
        #expect(shown(after, "w.grad") == f32(5))
        #expect(shown(after, "loss") == f32(4))
    }

    /// A replaced param that a name still holds (`v = w`), or a running loop iterates, is not
    /// reused: v keeps the first w's value [1, 2], and the third declaration takes the second w.
    @Test func aParamStillReferencedIsNotReused() {
        let session = Session()
        let source = """
            param w = [1, 2]
            v = w
            param w = [3, 4]
            param w = [5, 6]
            for row in w:
                param w = [7, 8]
                show row
            backward sum(v * w)
            show v, w, w.grad
            """
        let outcome = session.run(source, options: BlockOptions())
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        let f32s = { (values: [Double]) in Value(dtype: .f32, shape: [2], scalars: values) }
        #expect(outcome.shows.first?.rows.map(\.value) == [f32(5), f32(6)])
        #expect(shown(outcome, "v") == f32s([1, 2]))
        #expect(shown(outcome, "w") == f32s([7, 8]))
        #expect(shown(outcome, "w.grad") == f32s([1, 2]))
        // w1 (held by v), w2 (taken over by the third declaration, then the loop's sequence) and
        // w3 (made in the loop's first iteration, taken over in its second): three params for five
        // declarations.
        #expect(session.interpreter.tape.params.count == 3)
    }

    /// An optimizer with a state per param (momentum, Adam) keeps the params it stepped: each new
    /// w gets a fresh momentum buffer, so the first step is w - lr * grad = 1 - 0.1 * 2 = 0.8 in
    /// every iteration (a reused buffer would give 1 - 0.1 * (0.9 * 2 + 2) = 0.62).
    @Test func momentumKeepsTheParamsItStepped() {
        let session = Session()
        let source = """
            for i in range(3):
                param w = 1
                backward w^2
                step sgd(lr=0.1, momentum=0.9)
                show w
            """
        let outcome = session.run(source, options: BlockOptions())
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        let expected = Double(Float(1).addingProduct(-Float(0.1), 2))
        #expect(outcome.shows.flatMap(\.rows).map(\.value) == Array(repeating: f32(expected), count: 3))
        #expect(session.interpreter.tape.params.count == 3)
    }

    // MARK: Sizes given as a shape

    /// `zeros(x.shape)` and the other size-taking built-ins accept one 1-D tensor of whole numbers,
    /// as `torch.zeros(x.shape)` does; `zeros(2, 3)` is unchanged.
    @Test func sizesMayBeOneShape() {
        let source = """
            x = [[1, 2, 3], [4, 5, 6]]
            s = 5
            show zeros(x.shape), ones(x.shape), full(7, x.shape), zeros([2, 3]), zeros(s.shape)
            show reshape(arange(6), x.T.shape), reshape(arange(6), [-1, 2]), ones(x.shape[0])
            """
        let outcome = runBlock(source)
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(shown(outcome, "zeros(x.shape)") == Value(dtype: .f32, shape: [2, 3], scalars: [0, 0, 0, 0, 0, 0]))
        #expect(shown(outcome, "ones(x.shape)") == Value(dtype: .f32, shape: [2, 3], scalars: [1, 1, 1, 1, 1, 1]))
        #expect(shown(outcome, "full(7, x.shape)") == Value(dtype: .f32, shape: [2, 3], scalars: [7, 7, 7, 7, 7, 7]))
        #expect(shown(outcome, "zeros([2, 3])") == Value(dtype: .f32, shape: [2, 3], scalars: [0, 0, 0, 0, 0, 0]))
        #expect(shown(outcome, "zeros(s.shape)") == f32(0))
        #expect(
            shown(outcome, "reshape(arange(6), x.T.shape)")
                == Value(dtype: .f32, shape: [3, 2], scalars: [0, 1, 2, 3, 4, 5]))
        #expect(
            shown(outcome, "reshape(arange(6), [-1, 2])")
                == Value(dtype: .f32, shape: [3, 2], scalars: [0, 1, 2, 3, 4, 5]))
        #expect(shown(outcome, "ones(x.shape[0])") == Value(dtype: .f32, shape: [2], scalars: [1, 1]))
    }

    /// `randn(x.shape)` draws what `randn(2, 3)` draws from the same seed.
    @Test func randomConstructorsTakeAShapeToo() {
        let bySizes = runBlock("r = randn(2, 3)\nu = rand(4)\nshow r, u")
        let byShape = runBlock("x = zeros(2, 3)\nr = randn(x.shape)\nu = rand([4])\nshow r, u")
        #expect(byShape.error == nil, "\(byShape.errorText ?? "")")
        #expect(shown(bySizes, "r")?.shape == [2, 3])
        #expect(shown(byShape, "r") == shown(bySizes, "r"))
        #expect(shown(byShape, "u") == shown(bySizes, "u"))
    }

    @Test func gradientsAccumulateUntilZeroed() {
        let source = """
            param a = 3
            param b = 4
            backward a * b
            backward a * b
            show a.grad, b.grad
            zero_grad a
            show a.grad, b.grad
            zero_grad
            show b.grad
            """
        let rows = runBlock(source).shows.flatMap(\.rows).map { "\($0.expression)=\($0.value.scalars[0])" }
        #expect(rows == ["a.grad=8.0", "b.grad=6.0", "a.grad=0.0", "b.grad=6.0", "b.grad=0.0"])
    }

    @Test func derivativeOfAnIntermediateAndZerosWhenIndependent() {
        let source = """
            param x = 3
            u = x^2
            v = sin(u)
            k = [1, 2]
            show d(v)/d(u), ∂v/∂x, d(v)/d(k)
            """
        let outcome = runBlock(source, dtype: .f64)
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(shown(outcome, "d(v)/d(u)") == f64(Foundation.cos(9.0)))
        #expect(shown(outcome, "∂v/∂x") == f64(Foundation.cos(9.0) * 6))
        #expect(shown(outcome, "d(v)/d(k)") == Value(dtype: .f64, shape: [2], scalars: [0, 0]))
    }

    @Test func thirdDerivativeOfACube() {
        let outcome = runBlock("param x = 2\ny = x^3\nshow d(d(d(y)/d(x))/d(x))/d(x), d(d(y)/d(x))/d(x)")
        #expect(shown(outcome, "d(d(d(y)/d(x))/d(x))/d(x)") == f32(6))
        #expect(shown(outcome, "d(d(y)/d(x))/d(x)") == f32(12))
    }

    // MARK: Loops

    @Test func rangeForms() {
        let source = """
            for i in range(3):
                log i
            for j in range(2, 5):
                log j
            for k in range(10, 0, -4):
                log k
            """
        let columns = runBlock(source).logs.map { $0.rows.map { $0[0].scalars[0] } }
        #expect(columns == [[0, 1, 2], [2, 3, 4], [10, 6, 2]])
    }

    @Test func rowsOfATensorAreDifferentiable() {
        let outcome = runBlock(
            "param m = [[1, 2], [3, 4]]\ns = 0\nfor row in m:\n    s = s + row[0] * row[1]\nbackward s\nshow s, m.grad")
        #expect(shown(outcome, "s") == f32(14))
        #expect(shown(outcome, "m.grad") == Value(dtype: .f32, shape: [2, 2], scalars: [2, 1, 4, 3]))
    }

    // MARK: Optimizers

    /// SGD with momentum 0.9, lr 0.1 on (w - 2)^2 from w = 5, by hand (torch.optim.SGD's rule
    /// buf = 0.9 buf + g, w -= 0.1 buf): g0 = 6, buf = 6, w = 4.4; g1 = 4.8, buf = 10.2,
    /// w = 3.38. Without the state kept between iterations the second step would give 3.92.
    @Test func momentumPersistsAcrossExecutionsOfTheSameStep() {
        let source = """
            param w = 5
            for i in range(2):
                l = (w - 2)^2
                backward l
                step sgd(lr=0.1, momentum=0.9)
                log w
            """
        let values = runBlock(source, dtype: .f64).logs.first?.rows.map { $0[0].scalars[0] } ?? []
        #expect(values.count == 2)
        #expect(abs(values[0] - 4.4) < 1e-12)
        #expect(abs(values[1] - 3.38) < 1e-12)
    }

    @Test func stepZeroesTheGradientsItUsed() {
        let outcome = runBlock("param w = 1\nbackward 3 * w\nstep sgd(lr=0.5)\nshow w, w.grad")
        #expect(shown(outcome, "w") == f32(-0.5))
        #expect(shown(outcome, "w.grad") == f32(0))
    }

    // MARK: Outputs

    @Test func showInALoopGrowsOneTable() {
        let outcome = runBlock("for i in range(3):\n    show i * 2\nshow 7")
        #expect(outcome.shows.count == 2)
        #expect(outcome.shows[0].rows.map { $0.value.scalars[0] } == [0, 2, 4])
        #expect(outcome.shows[0].rows.allSatisfy { $0.expression == "i * 2" })
    }

    @Test func eachLogStatementKeepsItsOwnTableAndPlotsCanUseAnotherColumn() {
        let source = """
            for epoch in range(2):
                for step in range(3):
                    log step, step * 10
                log epoch
            plot step * 10 vs step
            plot epoch
            """
        let outcome = runBlock(source)
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(outcome.logs.count == 2)
        #expect(outcome.logs[0].columns == ["step", "step * 10"])
        #expect(outcome.logs[0].rows.count == 6)
        #expect(outcome.logs[1].rows.count == 2)
        #expect(outcome.plots.count == 2)
        #expect(outcome.plots[0].series == [Plot.Series(name: "step * 10", values: [0, 10, 20, 0, 10, 20])])
        #expect(outcome.plots[0].versus == Plot.Series(name: "step", values: [0, 1, 2, 0, 1, 2]))
        #expect(outcome.plots[1].versus == nil)
        // Outputs stand where their statements first ran.
        guard case .log = outcome.outputs[0], case .log = outcome.outputs[1], case .plot = outcome.outputs[2] else {
            Issue.record("unexpected output order: \(outcome.outputs)")
            return
        }
    }

    /// SPEC §2.7's hand derivation, and the same derivation with a wrong step.
    @Test func handDerivationsNameTheirFirstBrokenLink() {
        let setup = "x = 1\ny = 2\nparam w = 1\ny_hat = w * x\ns = y_hat - y\nloss = s^2\n"
        let good = runBlock(
            setup + """
                check d(loss)/d(w) = d(loss)/d(s) * d(s)/d(y_hat) * d(y_hat)/d(w)
                                   = 2*s * 1 * x
                                   = 2*(-1) * 1 * 1
                                   = -2
                """)
        #expect(good.error == nil)
        #expect(good.checks.count == 1)
        #expect(good.checks.first?.passed == true)
        #expect(good.checks.first?.links.map { $0.value.scalars[0] } == [-2, -2, -2, -2, -2])
        #expect(
            good.checks.first?.text
                == "d(loss)/d(w) = d(loss)/d(s) * d(s)/d(y_hat) * d(y_hat)/d(w) = 2*s * 1 * x = 2*(-1) * 1 * 1 = -2")

        let bad = runBlock(setup + "check d(loss)/d(w) = 2*s * x = s * x = -1\nshow 1")
        #expect(bad.error == nil)  // a failing check is not an error: the block goes on
        #expect(shown(bad, "1") != nil)
        let check = bad.checks.first
        #expect(check?.passed == false)
        #expect(check?.firstBrokenLink == 2)
        #expect(check?.links.map { $0.value.scalars[0] } == [-2, -2, -1, -1])
        #expect(bad.checkCounts.failed == 1)
    }

    @Test func checkTolerances() {
        let within = runBlock("check 1.0 = 1.05 within 0.1\ncheck 1.0 = 1.2 within 0.1")
        #expect(within.checks.map(\.passed) == [true, false])
        #expect(within.checks.first?.absoluteTolerance == 0.1 && within.checks.first?.relativeTolerance == 0)
        // f32: 1e-5 relative passes 1 vs 1.000005, f64 does not.
        #expect(runBlock("check 1 = 1.000005").checks.first?.passed == true)
        #expect(runBlock("check 1 = 1.000005", dtype: .f64).checks.first?.passed == false)
        // Front matter `tolerance:` sets the absolute tolerance.
        let session = Session(options: SessionOptions(tolerance: 0.1))
        let outcome = session.run("check 1 = 1.05", options: BlockOptions())
        #expect(outcome.checks.first?.passed == true)
        #expect(outcome.checks.first?.absoluteTolerance == 0.1)
        // Comparisons, element-wise.
        #expect(runBlock("check [1, 2] < 3\ncheck [1, 4] < 3").checks.map(\.passed) == [true, false])
    }

    @Test func aCheckInALoopKeepsItsFirstFailure() {
        let outcome = runBlock("for i in range(4):\n    check i < 2")
        #expect(outcome.checks.count == 1)
        #expect(outcome.checks.first?.passed == false)
        #expect(outcome.checks.first?.links.first?.value.scalars == [2])
    }

    @Test func gradcheckPassesOnSmoothFunctionsAndFailsAtAKink() {
        let smooth = runBlock("param a = [0.5, -1.5]\nb = 2\ngradcheck sum(tanh(a * b) * exp(a)) wrt a")
        #expect(smooth.error == nil, "\(smooth.errorText ?? "")")
        #expect(smooth.gradchecks.first?.passed == true)
        // relu at 0: autodiff says 0, central differences (relu(h) - relu(-h)) / 2h = 0.5.
        let kink = runBlock("param x = 0\ngradcheck relu(x) wrt x")
        #expect(kink.gradchecks.first?.passed == false)
        #expect(abs((kink.gradchecks.first?.maxRelativeError ?? 0) - 0.5) < 1e-6)
        #expect(kink.checkCounts == (1, 1))
    }

    @Test func blockOptionsTraceAndDiagramTheLastBackward() {
        let source = "x = 1\ny = 2\nparam w = 1\nloss = (w * x - y)^2\nbackward loss\nbackward w * 3"
        let outcome = Session().run(source, options: BlockOptions(trace: true, diagram: true))
        #expect(outcome.error == nil)
        #expect(outcome.traces.first?.output == "w * 3")
        #expect(outcome.traces.first?.rows.map(\.operation) == ["param", "w * 3"])
        #expect(outcome.diagrams.first?.output == "w * 3")
        #expect(outcome.diagrams.first?.operations.map(\.label) == ["* 3"])
    }

    @Test func diagramOfTheSeedModel() {
        let source = "x = 1\ny = 2\nparam w = 1\ny_hat = w * x\ns = y_hat - y\nloss = s^2\ndiagram loss"
        guard let diagram = runBlock(source).diagrams.first else {
            Issue.record("no diagram")
            return
        }
        #expect(diagram.values.map(\.name) == ["x", "y", "w", "y_hat", "s", "loss"])
        #expect(diagram.values.map { $0.gradient?.scalars[0] } == [-2, 2, -2, -2, -2, 1])
        let edges = diagram.operations.map { op in
            op.inputs.map { id in diagram.values.first { $0.id == id }?.name ?? "?" }.joined(separator: ",")
                + " -[\(op.label)]-> " + (diagram.values.first { $0.id == op.output }?.name ?? "?")
        }
        #expect(edges == ["w,x -[*]-> y_hat", "y_hat,y -[-]-> s", "s -[^2]-> loss"])
    }

    // MARK: Scope

    @Test func freshStartsAnEmptyScopeAndLaterBlocksContinueFromIt() {
        let session = Session()
        _ = session.run("x = 1", options: BlockOptions())
        #expect(session.run("show x", options: BlockOptions()).error == nil)
        #expect(session.run("y = 2", options: BlockOptions(fresh: true)).error == nil)
        #expect(session.run("show x", options: BlockOptions()).errorText == "1:6: unknown name `x`")
        #expect(session.run("show y", options: BlockOptions()).error == nil)
    }

    @Test func randomValuesFollowTheSeed() {
        func draw(_ seed: UInt64) -> [Double] {
            let session = Session(options: SessionOptions(seed: seed))
            return shown(session.run("r = rand(3)\nshow r", options: BlockOptions()), "r")?.scalars ?? []
        }
        #expect(draw(0) == draw(0))
        #expect(draw(0) != draw(1))
        #expect(draw(0).allSatisfy { $0 >= 0 && $0 < 1 })
    }

    // MARK: Limits and long loops

    /// Issue 3: a 1,000,000-iteration loop finishes, and backward through the chain gives
    /// d(y)/d(w) = c^1000000 computed in f32 one multiplication at a time (which, for w = 1, is
    /// the value of y itself; both computed here in plain Swift `Float`).
    @Test func millionIterationLoop() {
        let source = """
            param w = 1
            y = w
            for i in range(1000000):
                y = y * 1.000001
            backward y
            show y, w.grad
            """
        let outcome = runBlock(source)
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        var product: Float = 1
        for _ in 0..<1_000_000 { product *= Float(1.000001) }
        #expect(shown(outcome, "y") == f32(Double(product)))
        #expect(shown(outcome, "w.grad") == f32(Double(product)))
    }

    /// A long training loop does not keep its old graphs: the tape is compacted as it goes.
    @Test func longTrainingLoopsKeepTheTapeBounded() {
        let session = Session()
        let source = """
            param w = 5
            for i in range(100000):
                l = (w - 2)^2
                backward l
                step sgd(lr=0.001)
            """
        #expect(session.run(source, options: BlockOptions()).error == nil)
        #expect(session.interpreter.tape.nodeCount <= 2 * Interpreter.minimumCompactionThreshold)
    }
}

/// The block options `trace` and `diagram` in training blocks and with non-scalar roots.
@Suite struct InterpreterBlockOptionTests {
    /// The tour's momentum block with `trace`: the last backward is traced when it runs, before
    /// the step that follows it updates w (tracing it at the end of the block would be stale).
    @Test func traceOptionInATrainingLoop() {
        let outcome = Session().run(TourBlocks.momentum, options: BlockOptions(trace: true, diagram: true))
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(outcome.failedChecks.isEmpty)
        guard let trace = outcome.traces.first else {
            Issue.record("no trace")
            return
        }
        // The 20th iteration: l = (w - 2)^2 at the w before the last step; l = 0.881135880947113 (tour).
        #expect(trace.rows.map(\.operation) == ["param", "w - 2", "t1^2"])
        #expect(trace.rows.last?.value.scalars == [0.881135880947113])
        #expect(outcome.diagrams.count == 1)
        // Both come after every statement's own output.
        guard case .diagram = outcome.outputs.last, case .trace = outcome.outputs[outcome.outputs.count - 2] else {
            Issue.record("trace and diagram are not last: \(outcome.outputs)")
            return
        }
    }

    @Test func traceOptionOfANonScalarBackwardWarns() {
        let outcome = Session().run(TourBlocks.nonScalarBackward, options: BlockOptions(trace: true))
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(outcome.traces.isEmpty)
        #expect(
            outcome.warnings.map { "\($0.range.start): \($0.message)" } == [
                "4:1: the block option `trace` traces scalars, and `Q` has shape 2; trace sum(Q) with a "
                    + "`trace` statement instead"
            ])
    }
}
