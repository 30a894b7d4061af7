import Autodiff
import Foundation
import Testing

@testable import GraphLanguage

/// In-place updates of 0-d params (`w -= lr * w.grad`) are computed with numbers, without
/// recording nodes. Expected values are the same arithmetic written out in Swift `Float` and
/// `Double` (PyTorch's rules: a weak number takes the tensor's dtype, f32 with f64 gives f64, the
/// result is converted to the param's dtype).
@Suite struct InterpreterUpdateTests {
    func shownScalar(_ outcome: BlockOutcome, _ expression: String) -> Double? {
        shown(outcome, expression)?.scalars.first
    }

    /// d/dw (2w - 4)^2 = 4(2w - 4) = 40 at w = 7.
    static let lossAtSeven = "param w = 7\nl = (w*2 - 4)^2\nbackward l\n"

    @Test func f32Update() {
        let outcome = runBlock(Self.lossAtSeven + "w -= 0.01 * w.grad\nshow w, w.grad")
        #expect(outcome.error == nil)
        #expect(shownScalar(outcome, "w.grad") == 40)
        #expect(shownScalar(outcome, "w") == Double(Float(7) - Float(0.01) * Float(40)))
    }

    @Test func f64Update() {
        let outcome = runBlock(Self.lossAtSeven + "w -= 0.01 * w.grad\nshow w", dtype: .f64)
        #expect(outcome.error == nil)
        #expect(shownScalar(outcome, "w") == 7 - 0.01 * 40)
    }

    /// An f64 learning rate makes the change f64; the result is rounded to the f32 param.
    @Test func f64ChangeOfAnF32Param() {
        let outcome = runBlock(Self.lossAtSeven + "lr = 0.3 as f64\nw -= lr * w.grad\nshow w")
        #expect(outcome.error == nil)
        #expect(shownScalar(outcome, "w") == Double(Float(Double(Float(7)) - 0.3 * 40)))
    }

    /// Every operator, negation, powers with the number on either side, and arithmetic of weak
    /// numbers. Gradients of p·q + r·s: p.grad = q, q.grad = p, r.grad = s, s.grad = r.
    @Test func everyOperator() {
        let source = """
            param p = 1.7
            param q = 2.9
            param r = 0.35
            param s = 1.3
            l = p*q + r*s
            backward l
            p *= 3
            q /= 7
            r += -r.grad
            s -= s ^ 2
            p -= 2 ^ q
            q -= 2 * 3
            show p, q, r, s
            """
        let outcome = runBlock(source)
        #expect(outcome.error == nil)
        let p1 = Float(1.7) * Float(3)
        let q1 = Float(2.9) / Float(7)
        let p2 = p1 - Foundation.pow(Float(2), q1)
        #expect(shownScalar(outcome, "p") == Double(p2))
        #expect(shownScalar(outcome, "q") == Double(q1 - Float(6)))
        #expect(shownScalar(outcome, "r") == Double(Float(0.35) + -Float(1.3)))
        #expect(shownScalar(outcome, "s") == Double(Float(1.3) - Float(1.3) * Float(1.3)))
    }

    /// A loop counter is a weak number: `w -= i` subtracts 0, 1, 2 in f32.
    @Test func loopCounterAsTheChange() {
        let outcome = runBlock("param w = 0.1\nfor i in range(3):\n    w -= i\nshow w")
        #expect(shownScalar(outcome, "w") == Double(Float(0.1) - Float(0) - Float(1) - Float(2)))
    }

    /// The updates add no node to the tape, and still make older values stale.
    @Test func updatesRecordNothing() {
        let session = Session()
        _ = session.run("param w = 1\nl = (w - 3)^2\nbackward l", options: BlockOptions())
        let before = session.interpreter.tape.nodeCount
        let outcome = session.run("for i in range(100):\n    w -= 0.01 * w.grad", options: BlockOptions())
        #expect(outcome.error == nil)
        #expect(session.interpreter.tape.nodeCount == before)
        #expect(session.run("backward l", options: BlockOptions()).error != nil)
    }

    /// What the numbers cannot do takes the recording path: a tensor param, a list, and errors.
    @Test func otherUpdatesAreRecordedAsBefore() {
        let tensor = runBlock("param m = [1, 2]\nm -= 0.5\nshow m")
        #expect(shown(tensor, "m")?.scalars == [0.5, 1.5])
        #expect(
            runBlock("param w = 1\nw -= [0.5]").errorText
                == "2:1: cannot update w in place: w is a scalar, and the updated value would have shape 1")
        #expect(
            runBlock("param w = 1\nv = 2\nw -= v.grad").errorText
                == "3:6: `v` is not a param, so it has no .grad (only params collect gradients); write "
                + "`d(loss)/d(v)` for the gradient of loss with respect to it")
        #expect(runBlock("param w = 1\nw -= nope").errorText == "2:6: unknown name `nope`")
        #expect(
            runBlock("param w = 1\nw -= w.grad").errorText == "2:6: w.grad is empty: no backward has reached w yet")
    }
}
