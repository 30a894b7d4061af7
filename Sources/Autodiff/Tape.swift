/// The record of every value computed for a lesson: an arena of graph nodes.
///
/// Every operation is a method of the tape that returns a `Tensor` handle. Nodes live in one flat
/// array of 40-byte records, scalars inline and tensors in side buffers, so that a long chain of
/// scalar operations costs a few dozen bytes per node and no allocation. Inputs are node indices,
/// never references, so there are no reference cycles and traversals are iterative.
///
/// Nodes are not freed automatically: a long-lived caller calls `reclaim(keeping:)` with the
/// values it still holds, and every node they do not depend on is recycled.
public final class Tape {
    /// Tensors above this many elements are refused (`AutodiffError.tooManyElements`).
    public static let maximumElementCount = 10_000_000

    // MARK: Node storage (one record per slot)

    // Exclusivity is not checked dynamically on the tape's storage: the tape is not shared across
    // threads (it is not Sendable) and no method hands out an `inout` reference to it while
    // calling back into the tape, so the per-access checks would only cost time on every node.
    @exclusivity(unchecked) var nodes = SlotBuffer<Node>()

    // MARK: Side tables

    @exclusivity(unchecked) var tensorPayloads: [TensorPayload] = []
    @exclusivity(unchecked) var freePayloads: [Int32] = []
    @exclusivity(unchecked) var freeSlots: [Int32] = []
    /// The indices of `index` and `indexBackward` nodes with more than one index (see
    /// `indices(ofNode:)`).
    @exclusivity(unchecked) var nodeIndices: [Int32: [Int]] = [:]
    /// Name, gradient and version of every param, in declaration order; a param node's
    /// `attribute` is its index here.
    @exclusivity(unchecked) var paramTable: [ParamState] = []
    /// Counts in-place updates of params.
    var updateEpoch: UInt32 = 0
    /// While set, slots made are collected here to be freed (the temporaries of `backward`).
    @exclusivity(unchecked) var temporaries: [Int32]? {
        didSet { appendsAtEnd = temporaries == nil && freeSlots.isEmpty }
    }
    /// No free slot to reuse and no temporaries to note: new nodes go at the end (the fast path).
    @exclusivity(unchecked) var appendsAtEnd = true

    /// Scratch of the traversal: visit stamps and pending edge counts, indexed by slot.
    @exclusivity(unchecked) var visitMarks = SlotBuffer<UInt32>()
    @exclusivity(unchecked) var visitStamp: UInt32 = 0
    @exclusivity(unchecked) var pendingCounts = SlotBuffer<Int32>()
    /// Scratch of the scalar fast path: gradients indexed by slot.
    @exclusivity(unchecked) var scalarGradients = SlotBuffer<Double>()
    /// Scratch of `traverse`: its depth-first stack and the reached slots.
    @exclusivity(unchecked) var traversalStack = SlotBuffer<Int32>()
    @exclusivity(unchecked) var traversalReached = SlotBuffer<Int32>()
    /// Scratch of `backwardScalarsInOnePass`: its max-heap of ready slots.
    @exclusivity(unchecked) var readyHeap = SlotBuffer<Int32>()
    /// Scratch of `backwardScalarsInOnePass`: the params it reached.
    @exclusivity(unchecked) var reachedParams = SlotBuffer<Int32>(capacity: 16)

    /// The generator of `rand` and `randn`.
    public var random: SplitMix64

    static let f64Flag: UInt8 = 1
    static let requiresGradFlag: UInt8 = 2
    static let liveFlag: UInt8 = 4
    /// A scalar element-wise node or leaf: `backwardScalars` has a numeric rule for it.
    static let scalarRuleFlag: UInt8 = 8
    static let noInput: Int32 = -1
    static let noDim = Double.nan

    /// An empty tape whose `rand`/`randn` start from `seed`.
    public init(seed: UInt64 = 0) {
        random = SplitMix64(seed: seed)
    }

    deinit {
        nodes.deallocate()
        visitMarks.deallocate()
        pendingCounts.deallocate()
        scalarGradients.deallocate()
        traversalStack.deallocate()
        traversalReached.deallocate()
        readyHeap.deallocate()
        reachedParams.deallocate()
    }

    /// Sizes the traversal scratch to the node count (`pendingCounts` too for Kahn's algorithm).
    func prepareScratch(withPendingCounts: Bool = false) {
        let count = nodes.count
        visitMarks.extend(to: count, with: 0)
        scalarGradients.extend(to: count, with: 0)
        if withPendingCounts { pendingCounts.extend(to: count, with: 0) }
    }

    /// The number of nodes alive on the tape (params, constants and results not yet reclaimed).
    public var nodeCount: Int { nodes.count - freeSlots.count }

    // MARK: Recording nodes

    /// Records a scalar node.
    @inline(__always)
    func recordScalar(
        _ kind: OpKind, _ dtype: DType, _ value: Double, _ first: Int32 = noInput, _ second: Int32 = noInput,
        attribute: Double = 0
    ) -> Tensor {
        var flag = Tape.liveFlag | (dtype == .f64 ? Tape.f64Flag : 0) | (kind.hasScalarRule ? Tape.scalarRuleFlag : 0)
        if first >= 0 { flag |= nodes[Int(first)].flags & Tape.requiresGradFlag }
        if second >= 0 { flag |= nodes[Int(second)].flags & Tape.requiresGradFlag }
        return appendScalar(kind, flag, value, first, second, attribute)
    }

    /// Appends a scalar node with its flags already combined.
    @inline(__always)
    func appendScalar(
        _ kind: OpKind, _ flag: UInt8, _ value: Double, _ first: Int32, _ second: Int32, _ attribute: Double
    ) -> Tensor {
        if !appendsAtEnd {
            return recordInFreeSlot(kind, flag, value, first, second, attribute)
        }
        let slot = Int32(truncatingIfNeeded: nodes.count)
        nodes.append(
            Node(
                value: value, attribute: attribute, first: first, second: second, payload: -1, generation: 0,
                epoch: updateEpoch, kind: kind, flags: flag))
        return Tensor(index: slot, generation: 0)
    }

    /// The slow path of `recordScalar`: reuses a free slot and notes temporaries.
    @inline(never)
    func recordInFreeSlot(
        _ kind: OpKind, _ flag: UInt8, _ value: Double, _ first: Int32, _ second: Int32, _ attribute: Double
    ) -> Tensor {
        let slot: Int32
        var generation: UInt32 = 0
        defer { appendsAtEnd = temporaries == nil && freeSlots.isEmpty }
        if let free = freeSlots.popLast() {
            slot = free
            generation = nodes[Int(free)].generation
            nodes[Int(free)] = Node(
                value: value, attribute: attribute, first: first, second: second, payload: -1,
                generation: generation, epoch: updateEpoch, kind: kind, flags: flag)
        } else {
            slot = Int32(truncatingIfNeeded: nodes.count)
            nodes.append(
                Node(
                    value: value, attribute: attribute, first: first, second: second, payload: -1, generation: 0,
                    epoch: updateEpoch, kind: kind, flags: flag))
        }
        temporaries?.append(slot)
        return Tensor(index: slot, generation: generation)
    }

    /// Records a node of any shape; a 0-d value is stored inline.
    func record(
        _ kind: OpKind, _ dtype: DType, shape: [Int], elements: [Double], _ first: Int32 = noInput,
        _ second: Int32 = noInput, attribute: Double = 0
    ) -> Tensor {
        if shape.isEmpty {
            return recordScalar(kind, dtype, elements.first ?? 0, first, second, attribute: attribute)
        }
        let tensor = recordScalar(kind, dtype, 0, first, second, attribute: attribute)
        let payload = TensorPayload(shape: shape, elements: elements)
        let i = Int(tensor.index)
        nodes[i].flags &= ~Tape.scalarRuleFlag
        if let free = freePayloads.popLast() {
            tensorPayloads[Int(free)] = payload
            nodes[i].payload = free
        } else {
            nodes[i].payload = Int32(truncatingIfNeeded: tensorPayloads.count)
            tensorPayloads.append(payload)
        }
        return tensor
    }

    /// Records a node holding `value`.
    func record(
        _ kind: OpKind, _ value: TensorValue, _ first: Int32 = noInput, _ second: Int32 = noInput,
        attribute: Double = 0
    ) -> Tensor {
        record(kind, value.dtype, shape: value.shape, elements: value.scalars, first, second, attribute: attribute)
    }

    // MARK: Reading nodes

    /// The slot of a live handle, or `reclaimedValue`.
    @inline(__always)
    func slot(_ t: Tensor) throws(AutodiffError) -> Int {
        let i = Int(t.index)
        guard i >= 0, i < nodes.count, nodes[i].generation == t.generation, nodes[i].flags & Tape.liveFlag != 0
        else {
            throw AutodiffError.reclaimedValue
        }
        return i
    }

    /// The index in `paramTable` of the param at slot `i`, or `nil` for another node.
    @inline(__always) func paramOrdinal(_ i: Int) -> Int? {
        nodes[i].kind == .param ? Int(nodes[i].attribute) : nil
    }

    @inline(__always) func dtypeAt(_ i: Int) -> DType { nodes[i].flags & Tape.f64Flag != 0 ? .f64 : .f32 }
    @inline(__always) func isScalarAt(_ i: Int) -> Bool { nodes[i].payload < 0 }

    func shapeAt(_ i: Int) -> [Int] {
        let p = nodes[i].payload
        return p < 0 ? [] : tensorPayloads[Int(p)].shape
    }

    func elementsAt(_ i: Int) -> [Double] {
        let p = nodes[i].payload
        return p < 0 ? [nodes[i].value] : tensorPayloads[Int(p)].elements
    }

    func valueAt(_ i: Int) -> TensorValue {
        TensorValue(unchecked: elementsAt(i), shape: shapeAt(i), dtype: dtypeAt(i))
    }

    func handle(_ i: Int) -> Tensor {
        Tensor(index: Int32(truncatingIfNeeded: i), generation: nodes[i].generation)
    }

    /// The value of `t`: dtype, shape and elements (f32 elements exact as `Double`).
    public func value(_ t: Tensor) throws(AutodiffError) -> TensorValue { valueAt(try slot(t)) }
    /// The shape of `t` (`[]` for a scalar).
    public func shape(_ t: Tensor) throws(AutodiffError) -> [Int] { shapeAt(try slot(t)) }
    /// The dtype of `t`.
    public func dtype(_ t: Tensor) throws(AutodiffError) -> DType { dtypeAt(try slot(t)) }
    /// The elements of `t` in row-major order.
    public func scalars(_ t: Tensor) throws(AutodiffError) -> [Double] { elementsAt(try slot(t)) }
    /// The number of elements of `t` (1 for a scalar).
    public func scalarCount(_ t: Tensor) throws(AutodiffError) -> Int {
        let i = try slot(t)
        let p = nodes[i].payload
        return p < 0 ? 1 : tensorPayloads[Int(p)].elements.count
    }
    /// The single element of a one-element tensor, else `nil`.
    public func scalarValue(_ t: Tensor) throws(AutodiffError) -> Double? {
        let i = try slot(t)
        let p = nodes[i].payload
        if p < 0 { return nodes[i].value }
        let elements = tensorPayloads[Int(p)].elements
        return elements.count == 1 ? elements[0] : nil
    }
    /// The operation that made `t`.
    public func kind(_ t: Tensor) throws(AutodiffError) -> OpKind { nodes[try slot(t)].kind }
    /// The inputs of the operation that made `t`, in order (none for a leaf).
    public func inputs(of t: Tensor) throws(AutodiffError) -> [Tensor] {
        let i = try slot(t)
        var result: [Tensor] = []
        if nodes[i].first >= 0 { result.append(handle(Int(nodes[i].first))) }
        if nodes[i].second >= 0 { result.append(handle(Int(nodes[i].second))) }
        return result
    }
    /// Whether `t` depends on a param (PyTorch's `requires_grad`).
    public func requiresGrad(_ t: Tensor) throws(AutodiffError) -> Bool {
        nodes[try slot(t)].flags & Tape.requiresGradFlag != 0
    }
    /// Whether `handle` still names a live node of this tape.
    public func isLive(_ t: Tensor) -> Bool { (try? slot(t)) != nil }
}

/// One node of the graph: what made it, its inputs, and its value (inline for a scalar).
struct Node: BitwiseCopyable {
    /// The value of a scalar node (unused for tensors).
    var value: Double
    /// The exponent of `powScalar`, the floor of `clampMin`, the `dim` of reductions (`noDim` for
    /// all), a param's index in `paramTable`, the index of a one-index `index` or `indexBackward`
    /// (NaN when its indices are in `nodeIndices`).
    var attribute: Double
    var first: Int32
    var second: Int32
    /// `-1` for a scalar node, else the index of its `TensorPayload`.
    var payload: Int32
    /// Bumped when the slot is freed: handles made before are refused.
    var generation: UInt32
    /// The tape's `updateEpoch` when the node was made: a param updated after this is stale for it.
    var epoch: UInt32
    var kind: OpKind
    /// `f64Flag`, `requiresGradFlag`, `liveFlag`.
    var flags: UInt8
}

/// The shape and elements of a non-scalar node.
struct TensorPayload {
    var shape: [Int]
    var elements: [Double]
}
