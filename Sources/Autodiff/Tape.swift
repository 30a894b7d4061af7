/// The record of every value computed for a lesson: an arena of graph nodes.
///
/// Every operation is a method of the tape that returns a `Tensor` handle. Nodes live in flat
/// arrays (one per field), scalars inline and tensors in side buffers, so that a long chain of
/// scalar operations costs a few dozen bytes per node and no allocation. Inputs are node indices,
/// never references, so there are no reference cycles and traversals are iterative.
///
/// Nodes are not freed automatically: a long-lived caller calls `reclaim(keeping:)` with the
/// values it still holds, and every node they do not depend on is recycled.
public final class Tape {
    /// Tensors above this many elements are refused (`AutodiffError.tooManyElements`).
    public static let maximumElementCount = 10_000_000

    // MARK: Per-node storage (struct of arrays, indexed by slot)

    var kinds: [OpKind] = []
    var flags: [UInt8] = []
    var firstInputs: [Int32] = []
    var secondInputs: [Int32] = []
    /// The exponent of `powScalar`, the floor of `clampMin`, the `dim` of reductions (`noDim` for all).
    var attributes: [Double] = []
    /// The value of a scalar node (unused for tensors).
    var scalarValues: [Double] = []
    /// `-1` for a scalar node, else the index of its `TensorPayload`.
    var payloads: [Int32] = []
    var generations: [UInt32] = []
    /// `updateEpoch` when the node was made: a param updated after this is stale for the node.
    var epochs: [UInt32] = []

    // MARK: Side tables

    var tensorPayloads: [TensorPayload] = []
    var freePayloads: [Int32] = []
    var freeSlots: [Int32] = []
    /// The indices of `index` and `indexBackward` nodes.
    var nodeIndices: [Int32: [Int]] = [:]
    /// Name, gradient and version of every param node.
    var paramStates: [Int32: ParamState] = [:]
    /// Counts params made, for their declaration order.
    var paramCounter = 0
    /// Counts in-place updates of params.
    var updateEpoch: UInt32 = 0
    /// While set, slots made are collected here to be freed (the temporaries of `backward`).
    var temporaries: [Int32]?

    /// Scratch of the traversal: visit stamps and pending edge counts, indexed by slot.
    var visitMarks: [UInt32] = []
    var visitStamp: UInt32 = 0
    var pendingCounts: [Int32] = []

    /// The generator of `rand` and `randn`.
    public var random: SplitMix64

    static let f64Flag: UInt8 = 1
    static let requiresGradFlag: UInt8 = 2
    static let liveFlag: UInt8 = 4
    static let noInput: Int32 = -1
    static let noDim = Double.nan

    /// An empty tape whose `rand`/`randn` start from `seed`.
    public init(seed: UInt64 = 0) {
        random = SplitMix64(seed: seed)
    }

    /// The number of nodes alive on the tape (params, constants and results not yet reclaimed).
    public var nodeCount: Int { generations.count - freeSlots.count }

    // MARK: Recording nodes

    /// Records a scalar node.
    @inline(__always)
    func recordScalar(
        _ kind: OpKind, _ dtype: DType, _ value: Double, _ first: Int32 = noInput, _ second: Int32 = noInput,
        attribute: Double = 0
    ) -> Tensor {
        var flag = Tape.liveFlag | (dtype == .f64 ? Tape.f64Flag : 0)
        if first >= 0 { flag |= flags[Int(first)] & Tape.requiresGradFlag }
        if second >= 0 { flag |= flags[Int(second)] & Tape.requiresGradFlag }
        if let slot = freeSlots.popLast() {
            let i = Int(slot)
            kinds[i] = kind
            flags[i] = flag
            firstInputs[i] = first
            secondInputs[i] = second
            attributes[i] = attribute
            scalarValues[i] = value
            payloads[i] = -1
            epochs[i] = updateEpoch
            temporaries?.append(slot)
            return Tensor(index: slot, generation: generations[i])
        }
        let slot = Int32(truncatingIfNeeded: kinds.count)
        kinds.append(kind)
        flags.append(flag)
        firstInputs.append(first)
        secondInputs.append(second)
        attributes.append(attribute)
        scalarValues.append(value)
        payloads.append(-1)
        generations.append(0)
        epochs.append(updateEpoch)
        temporaries?.append(slot)
        return Tensor(index: slot, generation: 0)
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
        if let free = freePayloads.popLast() {
            tensorPayloads[Int(free)] = payload
            payloads[i] = free
        } else {
            payloads[i] = Int32(truncatingIfNeeded: tensorPayloads.count)
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
        guard i >= 0, i < generations.count, generations[i] == t.generation, flags[i] & Tape.liveFlag != 0 else {
            throw AutodiffError.reclaimedValue
        }
        return i
    }

    @inline(__always) func dtypeAt(_ i: Int) -> DType { flags[i] & Tape.f64Flag != 0 ? .f64 : .f32 }
    @inline(__always) func isScalarAt(_ i: Int) -> Bool { payloads[i] < 0 }

    func shapeAt(_ i: Int) -> [Int] {
        let p = payloads[i]
        return p < 0 ? [] : tensorPayloads[Int(p)].shape
    }

    func elementsAt(_ i: Int) -> [Double] {
        let p = payloads[i]
        return p < 0 ? [scalarValues[i]] : tensorPayloads[Int(p)].elements
    }

    func valueAt(_ i: Int) -> TensorValue {
        TensorValue(unchecked: elementsAt(i), shape: shapeAt(i), dtype: dtypeAt(i))
    }

    func handle(_ i: Int) -> Tensor {
        Tensor(index: Int32(truncatingIfNeeded: i), generation: generations[i])
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
        let p = payloads[i]
        return p < 0 ? 1 : tensorPayloads[Int(p)].elements.count
    }
    /// The single element of a one-element tensor, else `nil`.
    public func scalarValue(_ t: Tensor) throws(AutodiffError) -> Double? {
        let i = try slot(t)
        let p = payloads[i]
        if p < 0 { return scalarValues[i] }
        let elements = tensorPayloads[Int(p)].elements
        return elements.count == 1 ? elements[0] : nil
    }
    /// The operation that made `t`.
    public func kind(_ t: Tensor) throws(AutodiffError) -> OpKind { kinds[try slot(t)] }
    /// The inputs of the operation that made `t`, in order (none for a leaf).
    public func inputs(of t: Tensor) throws(AutodiffError) -> [Tensor] {
        let i = try slot(t)
        var result: [Tensor] = []
        if firstInputs[i] >= 0 { result.append(handle(Int(firstInputs[i]))) }
        if secondInputs[i] >= 0 { result.append(handle(Int(secondInputs[i]))) }
        return result
    }
    /// Whether `t` depends on a param (PyTorch's `requires_grad`).
    public func requiresGrad(_ t: Tensor) throws(AutodiffError) -> Bool {
        flags[try slot(t)] & Tape.requiresGradFlag != 0
    }
    /// Whether `handle` still names a live node of this tape.
    public func isLive(_ t: Tensor) -> Bool { (try? slot(t)) != nil }
}

/// The shape and elements of a non-scalar node.
struct TensorPayload {
    var shape: [Int]
    var elements: [Double]
}
