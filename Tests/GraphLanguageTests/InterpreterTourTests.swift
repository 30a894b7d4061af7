import Autodiff
import Testing

@testable import GraphLanguage

/// The acceptance lesson, /work/shared/examples/tour.md: every block through one session in
/// order, with its options. Its expected numbers were printed by PyTorch (see the tour's prose) or
/// are hand derivations; the interpreter must pass every check.
@Suite struct InterpreterTourTests {
    struct Block {
        var source: String
        var options: BlockOptions
        var expectError = false
    }

    static let blocks: [Block] = [
        Block(source: TourBlocks.byHand, options: BlockOptions()),
        Block(source: TourBlocks.notebookScope, options: BlockOptions()),
        Block(source: TourBlocks.nonScalarBackward, options: BlockOptions(fresh: true)),
        Block(source: TourBlocks.momentum, options: BlockOptions(fresh: true)),
        Block(source: TourBlocks.adam, options: BlockOptions(dtype: .f64, fresh: true)),
        Block(source: TourBlocks.rowsZipLosses, options: BlockOptions(fresh: true)),
        Block(source: TourBlocks.elementwiseF64, options: BlockOptions(dtype: .f64, fresh: true)),
        Block(source: TourBlocks.mustFail, options: BlockOptions(), expectError: true),
    ]

    @Test func everyBlockRunsAndEveryCheckPasses() {
        let session = Session(options: SessionOptions(defaultDType: .f32))
        for (index, block) in Self.blocks.enumerated() {
            let outcome = session.run(block.source, options: block.options)
            if block.expectError {
                #expect(outcome.error != nil, "block \(index + 1) must fail")
            } else {
                #expect(outcome.error == nil, "block \(index + 1): \(outcome.errorText ?? "")")
            }
            #expect(outcome.failedChecks.isEmpty, "block \(index + 1): \(outcome.failedChecks)")
        }
    }

    @Test func checkCountsMatchTheTour() {
        let session = Session(options: SessionOptions(defaultDType: .f32))
        var counts: [Int] = []
        for block in Self.blocks { counts.append(session.run(block.source, options: block.options).checkCounts.total) }
        // check statements per block, counted in tour.md (gradcheck counts as a check).
        #expect(counts == [3, 2, 5, 2, 5, 7, 2, 0])
    }
}
