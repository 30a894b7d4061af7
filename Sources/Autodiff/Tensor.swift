/// A handle to one value recorded on a `Tape`: a param, a constant or the result of an operation.
///
/// A `Tensor` is a small value (an index and a generation); the tape owns the elements and the graph.
/// Read it through the tape that made it (`tape.value(x)`, `tape.shape(x)`). A handle whose node was
/// reclaimed by `Tape.reclaim(keeping:)` is refused with `AutodiffError.reclaimedValue`.
public struct Tensor: Hashable, Sendable, CustomStringConvertible {
    /// The node's slot on its tape.
    public let index: Int32
    /// The slot's generation when the node was made: a reclaimed slot gets a new generation.
    public let generation: UInt32

    init(index: Int32, generation: UInt32) {
        self.index = index
        self.generation = generation
    }

    public var description: String { "Tensor(#\(index).\(generation))" }
}
