import Autodiff
import Testing

@testable import GraphLanguage

/// `for ... in zip(...)`: the sequences are held while the loop runs (also across a compaction of
/// the tape), nested loops keep their own rows, and errors come in source order. Expected rows by
/// hand.
@Suite struct InterpreterLoopTests {
    func rows(_ outcome: BlockOutcome, table: Int = 0) -> [[Double]] {
        guard table < outcome.logs.count else { return [] }
        return outcome.logs[table].rows.map { $0.map { $0.scalars[0] } }
    }

    @Test func threeSequencesSideBySide() {
        let outcome = Session().run(
            "for a, b, c in zip([1, 2], [10, 20], [100, 200]):\n    log a, b, c", options: BlockOptions())
        #expect(outcome.error == nil)
        #expect(rows(outcome) == [[1, 10, 100], [2, 20, 200]])
    }

    @Test func nestedZipLoopsKeepTheirOwnRows() {
        let source = """
            for a, b in zip([1, 2], [3, 4]):
                for c, d in zip([5, 6, 7], [8, 9, 10]):
                    log a, b, c, d
                log a, b
            """
        let outcome = Session().run(source, options: BlockOptions())
        #expect(outcome.error == nil)
        #expect(
            rows(outcome) == [
                [1, 3, 5, 8], [1, 3, 6, 9], [1, 3, 7, 10], [2, 4, 5, 8], [2, 4, 6, 9], [2, 4, 7, 10],
            ])
        #expect(rows(outcome, table: 1) == [[1, 3], [2, 4]])
    }

    @Test func aMismatchInTheThirdSequenceNamesIt() {
        #expect(
            Session().run("for a, b, c in zip([1, 2], [1, 2], [1, 2, 3]):\n    show a", options: BlockOptions())
                .errorText
                == "1:1: zip needs sequences of the same length: `[1, 2]` has 2 rows, `[1, 2, 3]` has 3")
    }

    /// Every sequence is evaluated before the lengths are compared: a scalar after a mismatch is
    /// the error.
    @Test func aScalarSequenceComesBeforeALengthMismatch() {
        #expect(
            Session().run("for a, b, c in zip([1, 2], [1], 5):\n    show a", options: BlockOptions()).errorText
                == "1:1: cannot loop over `5`, a scalar: `for` iterates along the first dimension of a tensor")
    }

    /// 2 × 40,000 products pass the compaction threshold (65,536 nodes) inside the loop: the
    /// sequences and the rows stay readable. x·y: 1·3 = 3, 2·4 = 8.
    @Test func sequencesSurviveACompactionInsideTheLoop() {
        let source = """
            xs = [1, 2]
            ys = [3, 4]
            for x, y in zip(xs, ys):
                for i in range(40000):
                    t = x * y
                log x, y, t
            """
        let outcome = Session().run(source, options: BlockOptions())
        #expect(outcome.error == nil)
        #expect(rows(outcome) == [[1, 3, 3], [2, 4, 8]])
    }

    /// An error deep in nested loops stops the block at its statement; the rows logged before
    /// stay, and the session runs the next block.
    @Test func anErrorInANestedLoopKeepsTheRowsBeforeIt() {
        let source = """
            for i in range(3):
                for j in range(2):
                    log i, j
                y = [10, 20][i]
            """
        let session = Session()
        let outcome = session.run(source, options: BlockOptions())
        #expect(outcome.errorText == "4:9: index 2 is out of range for dimension 0 of size 2 (valid: -2 to 1)")
        #expect(rows(outcome) == [[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]])
        let next = session.run("for k in range(2):\n    log y + k", options: BlockOptions())
        #expect(next.error == nil)
        #expect(rows(next) == [[20], [21]])
    }

    /// After a loop that stopped with an error, the next block loops again normally.
    @Test func aFailedZipLoopLeavesTheNextBlockClean() {
        let session = Session()
        let failed = session.run("for a, b in zip([1, 2], [1]):\n    show a", options: BlockOptions())
        #expect(failed.error != nil)
        let outcome = session.run("for a, b in zip([1, 2], [3, 4]):\n    log a, b", options: BlockOptions())
        #expect(outcome.error == nil)
        #expect(rows(outcome) == [[1, 3], [2, 4]])
    }
}
