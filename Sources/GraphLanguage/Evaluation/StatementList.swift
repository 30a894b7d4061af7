/// Statements as the interpreter walks them: without reference counting per statement.
///
/// Walking a `[ResolvedStatement]` copies each statement out of the array, and the copy retains
/// and releases the statement's storage (the optimizer cannot prove that the array outlives the
/// call); in a training loop those atomic operations were a tenth of every step. Here each
/// statement is boxed once, `boxes` keeps the boxes alive as long as the list lives, and the
/// interpreter reads them through `references`: `Unmanaged` values are plain words, and
/// `_withUnsafeGuaranteedRef` lends a box to the body without retaining it. A box's `statement`
/// is a `let`, which Swift reads in place.
struct StatementList {
    /// The owners of the boxes (`references` does not keep them alive).
    private let boxes: [StatementBox]
    /// The same boxes, in order, without reference counting.
    let references: [Unmanaged<StatementBox>]

    init(_ statements: [ResolvedStatement]) {
        boxes = statements.map(StatementBox.init)
        references = boxes.map { Unmanaged.passUnretained($0) }
    }
}

/// One statement of a `StatementList`, with the body of a `for` loop boxed in turn.
final class StatementBox {
    let statement: ResolvedStatement
    /// The body of a `for` loop (`nil` for other statements).
    let body: StatementList?

    init(_ statement: ResolvedStatement) {
        self.statement = statement
        if case .forLoop(_, _, let body, _) = statement {
            self.body = StatementList(body)
        } else {
            self.body = nil
        }
    }
}
