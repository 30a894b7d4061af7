import Autodiff
import Foundation
import Testing

@testable import GraphLanguage

/// Every error of SPEC §2.2 and §2.8 as a whole message with its `line:column`: the messages
/// are part of the product (they teach), so a test states each one in full.
@Suite struct InterpreterErrorTests {
    /// Runs `source` in a fresh session and returns `line:column: message`.
    func error(_ source: String, options: BlockOptions = BlockOptions()) -> String? {
        Session().run(source, options: options).errorText
    }

    @Test func assigningToAParamTeachesTheInPlaceUpdate() {
        #expect(
            error("param w = 1\nw = w - 0.1")
                == "2:1: `w` is a param: `w = ...` would replace it with a value that collects no gradient; "
                + "update it in place with `w -= ...`, or declare a new param with `param w = ...`")
    }

    @Test func gradOfANonParamPointsToTheDerivative() {
        #expect(
            error("param w = 2\nx = 3\nloss = (w*x)^2\nbackward loss\nshow x.grad")
                == "5:6: `x` is not a param, so it has no .grad (only params collect gradients); "
                + "write `d(loss)/d(x)` for the gradient of loss with respect to it")
        // Without a backward yet, the hint still names a loss.
        #expect(
            error("y = 3\nshow y.grad")
                == "2:6: `y` is not a param, so it has no .grad (only params collect gradients); "
                + "write `d(loss)/d(y)` for the gradient of loss with respect to it")
    }

    /// The hint names the root of the last `backward` run, also when backwards alternate.
    @Test func gradHintNamesTheLastBackwardRoot() {
        let source = """
            param w = 2
            x = 3
            a = w*x
            b = a*2
            for i in range(2):
                backward a
                backward b
            """
        #expect(
            error(source + "\nshow x.grad")
                == "8:6: `x` is not a param, so it has no .grad (only params collect gradients); "
                + "write `d(b)/d(x)` for the gradient of b with respect to it")
        #expect(
            error(source + "\nbackward a\nshow x.grad")
                == "9:6: `x` is not a param, so it has no .grad (only params collect gradients); "
                + "write `d(a)/d(x)` for the gradient of a with respect to it")
    }

    @Test func gradBeforeAnyBackwardIsEmpty() {
        #expect(error("param w = 1\nshow w.grad") == "2:6: w.grad is empty: no backward has reached w yet")
    }

    /// The message has no position (the runner prints file positions); a note points at the update.
    func errorWithNotes(_ source: String) -> [String] {
        guard let error = Session().run(source, options: BlockOptions()).error else { return [] }
        return ["\(error.range.start): \(error.message)"]
            + error.notes.map { "\($0.range.map { "\($0.start)-\($0.end)" } ?? "-"): note: \($0.message)" }
    }

    @Test func backwardOfAStaleValuePointsToTheUpdate() {
        let source = """
            param w = 1
            loss = (w - 3)^2
            backward loss
            w -= 0.1 * w.grad
            backward loss
            """
        #expect(
            errorWithNotes(source) == [
                "5:1: this value was computed from w before w was updated, so its graph no longer matches w; "
                    + "compute it again after the update, then backward",
                "4:1-4:18: note: w was updated here",
            ])
    }

    @Test func staleValueUpdatedByAStepPointsToTheStep() {
        let source = """
            param w = 1
            loss = (w - 3)^2
            for i in range(2):
                backward loss
                step sgd(lr=0.1)
            """
        #expect(
            errorWithNotes(source) == [
                "4:5: this value was computed from w before w was updated, so its graph no longer matches w; "
                    + "compute it again after the update, then backward",
                "5:5-5:21: note: w was updated here",
            ])
    }

    /// Each param's last update is kept apart: the note points at w's update, not at u's.
    @Test func staleValueNotePointsToTheUpdateOfItsOwnParam() {
        let source = """
            param u = 1
            param w = 2
            u -= 1
            loss = u * w
            w -= 2
            backward loss
            """
        #expect(
            errorWithNotes(source) == [
                "6:1: this value was computed from w before w was updated, so its graph no longer matches w; "
                    + "compute it again after the update, then backward",
                "5:1-5:7: note: w was updated here",
            ])
    }

    /// A new declaration of w forgets where the old w was updated: no note points at it.
    @Test func newDeclarationForgetsTheOldUpdate() {
        let source = """
            param w = 1
            loss = (w - 3)^2
            w -= 1
            param w = 5
            backward loss
            """
        #expect(
            errorWithNotes(source) == [
                "5:1: this value was computed from an older w: w was updated in place since; compute it again "
                    + "from the current w before `backward`"
            ])
    }

    @Test func staleValueUpdatedInAnEarlierBlockSaysSoWithoutANote() {
        let session = Session()
        _ = session.run("param w = 1\nloss = (w - 3)^2\nbackward loss", options: BlockOptions())
        _ = session.run("zero_grad\nw -= 1", options: BlockOptions())
        let error = session.run("backward loss", options: BlockOptions()).error
        #expect(
            error.map { "\($0.range.start): \($0.message)" }
                == "1:1: this value was computed from w before w was updated in an earlier block, so its graph no "
                + "longer matches w; compute it again after the update, then backward")
        #expect(error?.notes == [])
    }

    /// No message of the interpreter names a line: every case's text is free of "line N".
    @Test func messagesNameNoPositions() {
        let sources = [
            "param w = 1\nloss = (w - 3)^2\nbackward loss\nw -= 1\nbackward loss",
            "for i in range(3):\n    log i\nfor j in range(2):\n    log i\nplot i",
        ]
        for source in sources {
            let message = Session().run(source, options: BlockOptions()).error?.message ?? ""
            #expect(!message.isEmpty)
            #expect(message.range(of: #"line \d"#, options: .regularExpression) == nil, "\(message)")
        }
    }

    @Test func nonScalarBackwardShowsTheFix() {
        #expect(
            error("param q = [[0, 0], [1, 2]]\nr = q^2\nbackward r")
                == "3:1: backward of a value of shape 2×2 needs a gradient of the same shape, e.g. "
                + "`backward r, ones(2, 2)`")
        #expect(
            error("param v = [1, 2, 3]\nbackward v * 2")
                == "2:1: backward of a value of shape 3 needs a gradient of the same shape, e.g. "
                + "`backward v * 2, ones(3)`")
    }

    @Test func backwardWithAGradientOfAnotherShape() {
        #expect(
            error("param v = [1, 2, 3]\nbackward v * 2, [1, 1]")
                == "2:1: the gradient of backward must have the value's shape: the value has shape 3, the gradient "
                + "has shape 2")
        #expect(
            error("param s = 2\nbackward s * 2, [1, 1]")
                == "2:1: the gradient of backward must have the value's shape: the value is a scalar, the gradient "
                + "has shape 2")
    }

    @Test func shapeMismatchNamesBothShapes() {
        #expect(
            error("a = [1, 2, 3]\nb = [1, 2]\nc = a + b")
                == "3:5: shapes 3 and 2 do not broadcast in `+` (sizes must be equal or 1, compared from the "
                + "last dimension)")
    }

    @Test func unknownNameSuggestsTheClosestBoundName() {
        #expect(error("loss = 1\nshow lss") == "2:6: unknown name `lss`; did you mean `loss`?")
        #expect(error("show nothing_like_it") == "1:6: unknown name `nothing_like_it`")
    }

    @Test func unknownFunctionSuggestsTheClosestBuiltin() {
        #expect(error("x = 1\ny = sigmoud(x)") == "2:5: unknown function `sigmoud`; did you mean `sigmoid`?")
        #expect(error("y = softmx([1, 2], 0)") == "1:5: unknown function `softmx`; did you mean `softmax`?")
    }

    @Test func raggedListSaysWhichElement() {
        #expect(
            error("x = [[1, 2], [3]]")
                == "1:5: ragged list: element 2 has shape 1 but element 1 has shape 2; every element of a list "
                + "must have the same shape")
        #expect(
            error("x = [[1, 2], 3]")
                == "1:5: ragged list: element 2 is a scalar but element 1 has shape 2; every element of a list "
                + "must have the same shape")
    }

    @Test func statementLimitStopsTheBlockAtTheStatement() {
        let source = "s = 0\nfor i in range(100):\n    s = s + i\n"
        // 1 + 1 (the for) + 100 body statements = 102 statements; a limit of 50 stops it in the loop.
        #expect(
            error(source, options: BlockOptions(statementLimit: 50))
                == "3:5: this block ran more than 50 statements, the limit for one block; does a loop run "
                + "longer than intended?")
        #expect(error(source, options: BlockOptions(statementLimit: 102)) == nil)
        #expect(error(source, options: BlockOptions(statementLimit: 101)) != nil)
    }

    @Test func timeoutStopsAnEndlessLoop() {
        let source = "s = 0\nfor i in range(1000000000):\n    s = s + 1\n"
        #expect(
            error(source, options: BlockOptions(timeout: 0.05))
                == "3:5: this block ran longer than the timeout of 0.05 s")
    }

    @Test func oddTimeoutsNeverCrash() {
        #expect(error("x = 1", options: BlockOptions(timeout: .nan)) == nil)
        #expect(error("x = 1", options: BlockOptions(timeout: .infinity)) == nil)
        #expect(
            error("x = 1", options: BlockOptions(timeout: 0)) == "1:1: this block ran longer than the timeout of 0 s")
    }

    @Test func elementLimitIsAnErrorAtTheExpression() {
        #expect(
            error("big = zeros(4000, 4000)")
                == "1:7: a tensor of shape 4000×4000 exceeds the limit of 10,000,000 elements")
    }

    @Test func theSessionStaysUsableAfterAnError() {
        let session = Session()
        let first = session.run("param w = 2\ny = w * 3\nz = y + nope\nshow y", options: BlockOptions())
        #expect(first.errorText == "3:9: unknown name `nope`")
        let second = session.run("show y, w\nbackward y\nshow w.grad", options: BlockOptions())
        #expect(second.error == nil)
        #expect(shown(second, "y")?.scalars == [6])
        #expect(shown(second, "w.grad")?.scalars == [3])
    }

    @Test func outputsBeforeAnErrorAreKept() {
        let outcome = Session().run("x = 2\nshow x\nshow y", options: BlockOptions())
        #expect(outcome.errorText == "3:6: unknown name `y`")
        #expect(shown(outcome, "x")?.scalars == [2])
    }

    @Test func parseErrorsBecomeTheOutcomesError() {
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let outcome = Session().run("x = " + deep, options: BlockOptions())
        #expect(outcome.error != nil)
        #expect(outcome.outputs.isEmpty)
    }

    @Test func plotOfAnUnknownColumnListsTheLoggedOnes() {
        let source = "for i in range(3):\n    l = i * 2\n    log i, l\nplot loss"
        #expect(
            error(source) == "4:6: no logged column `loss` in this block; logged columns: `i`, `l`")
        #expect(
            error("for i in range(3):\n    log i, i * 2\nplot ii")
                == "3:6: no logged column `ii` in this block; did you mean `i`? logged columns: `i`, `i * 2`")
    }

    @Test func plotOfAnAmbiguousColumnPointsToTheLogStatements() {
        let source = "for i in range(3):\n    log i\nfor j in range(2):\n    log i\nplot i"
        #expect(
            errorWithNotes(source) == [
                "5:6: `i` is ambiguous: 2 log statements log it; plot a column that only one log statement logs",
                "2:5-2:10: note: `i` is logged here",
                "4:5-4:10: note: `i` is logged here",
            ])
    }

    @Test func zeroGradOfANonParam() {
        #expect(error("x = 1\nzero_grad x") == "2:11: `x` is not a param: zero_grad clears the .grad of params only")
    }

    @Test func unknownOptimizerAndMissingLearningRate() {
        #expect(error("param w = 1\nstep sdg(lr=0.1)") == "2:6: unknown optimizer `sdg`; did you mean `sgd`?")
        #expect(error("param w = 1\nstep sgd(momentum=0.9)") == "2:1: sgd needs a learning rate: `step sgd(lr=0.01)`")
    }

    /// An argument that is not a number is named, positional ones too; with several, the first in
    /// the optimizer's parameter order (`lr`, `momentum`; `lr`, `beta1`, `beta2`, `eps`) is the
    /// error, whatever order they are written in.
    @Test func optimizerArgumentsThatAreNotNumbers() {
        #expect(
            error("param w = 1\nl = w^2\nbackward l\nstep sgd(lr=[0.1, 0.2])")
                == "4:1: `lr` of sgd must be a number, not a value of shape 2")
        #expect(error("step adam(0.1, 0.9, [1, 2])") == "1:1: `beta2` of adam must be a number, not a value of shape 2")
        #expect(
            error("step sgd(momentum=[1, 2], lr=[3, 4, 5])")
                == "1:1: `lr` of sgd must be a number, not a value of shape 3")
        #expect(
            error("step adam(eps=[1, 2], beta1=[1, 2, 3], lr=0.1)")
                == "1:1: `beta1` of adam must be a number, not a value of shape 3")
    }

    @Test func zipOfDifferentLengths() {
        #expect(
            error("for a, b in zip([1, 2, 3], [1, 2]):\n    show a")
                == "1:1: zip needs sequences of the same length: `[1, 2, 3]` has 3 rows, `[1, 2]` has 2")
    }
}

/// Warnings: the block runs on, and the outcome says what looks wrong.
@Suite struct InterpreterWarningTests {
    @Test func stepWithoutAnyGradientWarnsOnce() {
        let outcome = Session().run("param w = 1\nfor i in range(3):\n    step sgd(lr=0.1)", options: BlockOptions())
        #expect(outcome.error == nil)
        #expect(
            outcome.warnings.map { "\($0.range.start): \($0.severity): \($0.message)" } == [
                "3:5: warning: `step sgd(lr=0.1)` found no param with a gradient, so it changed nothing; call "
                    + "backward before step"
            ])
    }

    @Test func aLogThatNeverRan() {
        let outcome = Session().run("for i in range(0):\n    log i", options: BlockOptions())
        #expect(outcome.error == nil)
        #expect(
            outcome.warnings.map { "\($0.range.start): \($0.message)" } == [
                "2:5: this log never ran (is it in a loop that ran zero times?), so it has no table"
            ])
    }

    @Test func gradOfAnExpressionDropsItsParenthesesInTheHint() {
        #expect(
            Session().run("param w = 2\nshow (w * 3).grad", options: BlockOptions()).errorText
                == "2:6: `(w * 3)` is not a param, so it has no .grad (only params collect gradients); "
                + "write `d(loss)/d(w * 3)` for the gradient of loss with respect to it")
        #expect(EvaluationMessage.unparenthesized("(a) * (b)") == "(a) * (b)")
    }
}
