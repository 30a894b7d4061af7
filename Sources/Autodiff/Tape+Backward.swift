// Reverse-mode differentiation: iterative traversal, `backward` into params, and `grad(of:wrt:)`.

extension Tape {
    /// `backward root`: accumulates d(root)/d(p) into `.grad` of every param `p` that `root`
    /// depends on. `root` must have one element; otherwise pass a `gradient`.
    public func backward(_ root: Tensor) throws(AutodiffError) {
        try backward(root, gradient: nil)
    }

    /// `backward root, gradient`: accumulates the vector-Jacobian product of `root` with `gradient`
    /// (same shape as `root`) into the `.grad` of every param `root` depends on.
    public func backward(_ root: Tensor, gradient: Tensor?) throws(AutodiffError) {
        let r = try slot(root)
        if gradient == nil && nodes[r].flags & Tape.scalarRuleFlag != 0 && backwardScalarsInOnePass(root: r, seed: 1) {
            return
        }
        let rootShape = shapeAt(r)
        let rootCount = nodes[r].payload < 0 ? 1 : tensorPayloads[Int(nodes[r].payload)].elements.count
        var seedValue: [Double]
        if let gradient {
            let g = try slot(gradient)
            guard shapeAt(g) == rootShape else {
                throw .gradientShapeMismatch(root: rootShape, gradient: shapeAt(g))
            }
            seedValue = elementsAt(g)
            if dtypeAt(r) == .f32 { seedValue = seedValue.map { Double(Float($0)) } }
        } else {
            guard rootCount == 1 else { throw .nonScalarBackward(shape: rootShape) }
            seedValue = [1]
        }
        if gradient != nil && nodes[r].flags & Tape.scalarRuleFlag != 0
            && backwardScalarsInOnePass(root: r, seed: seedValue[0])
        {
            return
        }
        let traversal = try traverse(from: r)
        if traversal.allScalar {
            backwardScalars(traversal, seed: seedValue[0])
            return
        }
        let order = self.order(of: traversal)
        temporaries = []
        defer { freeTemporaries() }
        let seed = record(.constant, dtypeAt(r), shape: rootShape, elements: seedValue)
        let gradients = try propagate(order, seed: seed) { self.nodes[$0].kind == .param }
        for (index, g) in gradients where nodes[Int(index)].kind == .param {
            accumulate(into: Int(index), elementsAt(Int(g.index)))
        }
    }

    /// `d(A)/d(B)`: the gradient of `sum(A)` with respect to `B` (a param, a constant or an
    /// intermediate value of `A`'s graph), as a new differentiable tensor of `B`'s shape: the grad
    /// of a grad is a second derivative. Zeros when `A` does not depend on `B`.
    public func grad(of a: Tensor, wrt b: Tensor) throws(AutodiffError) -> Tensor {
        let r = try slot(a)
        let target = try slot(b)
        let order = self.order(of: try traverse(from: r))
        let seed = record(.constant, dtypeAt(r), shape: shapeAt(r), elements: elementsAt(r).map { _ in 1 })
        let gradients = try propagate(order, seed: seed) { $0 == target }
        if let g = gradients[Int32(target)] { return g }
        return record(.constant, dtypeAt(target), shape: shapeAt(target), elements: elementsAt(target).map { _ in 0 })
    }

    /// Adds `elements` to a param's gradient (PyTorch's AccumulateGrad, in the param's dtype).
    func accumulate(into i: Int, _ elements: [Double]) {
        guard let k = paramOrdinal(i) else { return }
        guard let old = paramTable[k].gradient, old.count == elements.count else {
            paramTable[k].gradient = elements
            return
        }
        let f32 = dtypeAt(i) == .f32
        paramTable[k].gradient = zip(old, elements).map { f32 ? Double(Float($0) + Float($1)) : $0 + $1 }
    }

    /// Adds `g` to a scalar param's gradient, in place.
    @inline(__always)
    func accumulate(into i: Int, scalar g: Double) {
        guard let k = paramOrdinal(i) else { return }
        if paramTable[k].gradient?.count == 1, let old = paramTable[k].gradient?[0] {
            let f32 = nodes[i].flags & Tape.f64Flag == 0
            paramTable[k].gradient?[0] = f32 ? Double(Float(old) + Float(g)) : old + g
        } else {
            paramTable[k].gradient = [g]
        }
    }

    // MARK: Traversal

    /// What `traverse` found: the nodes a root depends on, marked in `visitMarks` with `stamp`.
    struct Traversal {
        var root: Int
        var stamp: UInt32
        /// The number of reachable nodes (their slots are in `traversalReached`).
        var reachedCount: Int
        /// The lowest reachable slot.
        var lowest: Int
        /// Whether some node's slot is below one of its inputs' (a reused slot): then decreasing
        /// slot order is not a topological order.
        var inverted: Bool
        /// Whether every reachable node is a scalar with a numeric rule (`backwardScalars`).
        var allScalar: Bool
    }

    /// Marks every node `root` depends on, without recursion. Refuses a graph that uses a param's
    /// value from before an in-place update.
    func traverse(from root: Int) throws(AutodiffError) -> Traversal {
        prepareScratch()
        let stamp = nextVisitStamp()
        traversalStack.removeAll()
        traversalReached.removeAll()
        traversalStack.append(Int32(root))
        traversalReached.append(Int32(root))
        visitMarks[root] = stamp
        var lowest = root
        var inverted = false
        var allScalar = true
        while let n = traversalStack.popLast() {
            let node = nodes[Int(n)]
            allScalar = allScalar && node.flags & Tape.scalarRuleFlag != 0
            // A param can be stale for this node only if some param was updated after it was made.
            let maybeStale = node.epoch != updateEpoch
            if node.first >= 0 {
                try visit(node.first, from: n, maybeStale, node.epoch, stamp, &lowest, &inverted)
                if node.second >= 0 {
                    try visit(node.second, from: n, maybeStale, node.epoch, stamp, &lowest, &inverted)
                }
            }
        }
        return Traversal(
            root: root, stamp: stamp, reachedCount: traversalReached.count, lowest: lowest, inverted: inverted,
            allScalar: allScalar)
    }

    /// The reachable nodes, each before its inputs (root first): the latest made first, as
    /// PyTorch's engine. Decreasing slot order when no slot is below its inputs' (always, until
    /// reclaimed slots are reused), else Kahn's algorithm with the highest ready slot first.
    func order(of traversal: Traversal) -> [Int32] {
        let reached = traversalReached.array
        if !traversal.inverted {
            if traversal.root - traversal.lowest < 4 * reached.count {
                var order: [Int32] = []
                order.reserveCapacity(reached.count)
                var i = traversal.root
                while i >= traversal.lowest {
                    if visitMarks[i] == traversal.stamp { order.append(Int32(i)) }
                    i -= 1
                }
                return order
            }
            return reached.sorted(by: >)
        }
        prepareScratch(withPendingCounts: true)
        for n in reached { pendingCounts[Int(n)] = 0 }
        for n in reached {
            let node = nodes[Int(n)]
            if node.first >= 0 { pendingCounts[Int(node.first)] += 1 }
            if node.second >= 0 { pendingCounts[Int(node.second)] += 1 }
        }
        var order: [Int32] = []
        order.reserveCapacity(reached.count)
        var ready = MaxHeap()
        ready.push(Int32(traversal.root))
        while let n = ready.pop() {
            order.append(n)
            let node = nodes[Int(n)]
            if node.first >= 0 {
                pendingCounts[Int(node.first)] -= 1
                if pendingCounts[Int(node.first)] == 0 { ready.push(node.first) }
            }
            if node.second >= 0 {
                pendingCounts[Int(node.second)] -= 1
                if pendingCounts[Int(node.second)] == 0 { ready.push(node.second) }
            }
        }
        return order
    }

    /// One edge of `traverse`: the stale-param check, then mark `input` if it is new.
    @inline(__always)
    func visit(
        _ input: Int32, from n: Int32, _ maybeStale: Bool, _ epoch: UInt32, _ stamp: UInt32, _ lowest: inout Int,
        _ inverted: inout Bool
    ) throws(AutodiffError) {
        let k = Int(input)
        if maybeStale, let p = paramOrdinal(k), epoch < paramTable[p].lastUpdate {
            throw .staleValue(param: paramTable[p].name)
        }
        if input >= n { inverted = true }
        if visitMarks[k] != stamp {
            visitMarks[k] = stamp
            if k < lowest { lowest = k }
            traversalReached.append(input)
            traversalStack.append(input)
        }
    }

    /// A fresh stamp for `visitMarks`; `stamp + 1` is free for the scalar path's "has a gradient".
    func nextVisitStamp() -> UInt32 {
        if visitStamp >= UInt32.max - 4 {
            visitMarks.fill(with: 0)
            visitStamp = 0
        }
        visitStamp += 2
        return visitStamp
    }

    /// Propagates `seed` from `order[0]` (the root) to every node for which `isTarget` holds, with
    /// recorded operations (so the gradients are themselves differentiable). Returns the gradient
    /// of every node that reaches a target, keyed by slot.
    func propagate(_ order: [Int32], seed: Tensor, isTarget: (Int) -> Bool) throws(AutodiffError) -> [Int32: Tensor] {
        // A node matters when it is a target or depends on one.
        var relevant = Set<Int32>()
        for n in order.reversed() {
            let node = Int(n)
            if isTarget(node) || relevant.contains(nodes[node].first) || relevant.contains(nodes[node].second) {
                relevant.insert(n)
            }
        }
        var gradients: [Int32: Tensor] = [:]
        guard let root = order.first, relevant.contains(root) else { return gradients }
        gradients[root] = seed
        for n in order {
            let node = Int(n)
            guard let g = gradients[n], nodes[node].first >= 0 else { continue }
            let (ga, gb) = try inputGradients(node, g)
            for (input, gi) in [(nodes[node].first, ga), (nodes[node].second, gb)] {
                guard input >= 0, relevant.contains(input), let gi else { continue }
                let fitted = try fit(gi, to: Int(input))
                if let previous = gradients[input] {
                    gradients[input] = try add(previous, fitted)
                } else {
                    gradients[input] = fitted
                }
            }
            if !isTarget(node) { gradients[n] = nil }
        }
        return gradients
    }

    /// A gradient summed back to the input's shape (after broadcasting) and cast to its dtype.
    func fit(_ g: Tensor, to input: Int) throws(AutodiffError) -> Tensor {
        var result = g
        let shape = shapeAt(input)
        if try self.shape(result) != shape { result = try sum(result, to: shape) }
        if try dtype(result) != dtypeAt(input) { result = try cast(result, to: dtypeAt(input)) }
        return result
    }

    /// The gradients flowing from node `node` with output gradient `g` to its inputs (not yet
    /// summed back to their shapes).
    func inputGradients(_ node: Int, _ g: Tensor) throws(AutodiffError) -> (Tensor?, Tensor?) {
        switch nodes[node].kind {
        case .constant, .param:
            return (nil, nil)
        case .add, .sub, .mul, .div, .pow:
            return try binaryGradients(node, g)
        case .neg, .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .square, .powScalar, .clampMin,
            .oneMinusSquare:
            return (try unaryGradient(node, g), nil)
        case .matmul:
            return try matmulGradients(node, g)
        case .transpose, .reshape, .broadcastTo, .sumTo, .index, .indexBackward, .cast:
            return (try shapeGradient(node, g), nil)
        case .sum, .mean, .max, .min, .softmax, .logSoftmax:
            return (try reductionGradient(node, g), nil)
        case .mse, .bce, .crossEntropy, .gather, .scatter:
            return try lossGradients(node, g)
        }
    }

    /// Frees every slot recorded in `temporaries` and stops recording.
    func freeTemporaries() {
        guard let slots = temporaries else { return }
        temporaries = nil
        for slot in slots { free(Int(slot)) }
        keepFreeSlotsAscending()
    }

    /// Orders the free list so that the lowest slot is reused first: new nodes then get
    /// increasing slots, and traversals keep their fast order (see `traverse`).
    func keepFreeSlotsAscending() {
        if !zip(freeSlots, freeSlots.dropFirst()).allSatisfy({ $0 > $1 }) { freeSlots.sort(by: >) }
        appendsAtEnd = temporaries == nil && freeSlots.isEmpty
    }

    /// Returns a slot (and its tensor payload) to the free lists; its handles become invalid.
    func free(_ i: Int) {
        guard nodes[i].flags & Tape.liveFlag != 0 else { return }
        nodes[i].flags = 0
        nodes[i].generation &+= 1
        let p = nodes[i].payload
        if p >= 0 {
            tensorPayloads[Int(p)] = TensorPayload(shape: [], elements: [])
            freePayloads.append(p)
            nodes[i].payload = -1
        }
        nodes[i].first = Tape.noInput
        nodes[i].second = Tape.noInput
        let kind = nodes[i].kind
        if (kind == .index || kind == .indexBackward) && nodes[i].attribute.isNaN { nodeIndices[Int32(i)] = nil }
        if let k = paramOrdinal(i) { paramTable[k].slot = -1 }
        nodes[i].kind = .constant
        freeSlots.append(Int32(i))
    }
}

/// A binary max-heap of slots over a `SlotBuffer` (the tape keeps the buffer between passes).
struct SlotHeap {
    var storage: SlotBuffer<Int32>

    @inline(__always) mutating func removeAll() { storage.removeAll() }

    @inline(__always)
    mutating func push(_ value: Int32) {
        storage.append(value)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if storage[parent] >= value { break }
            storage[child] = storage[parent]
            child = parent
        }
        storage[child] = value
    }

    @inline(__always)
    mutating func pop() -> Int32? {
        guard let last = storage.popLast() else { return nil }
        let count = storage.count
        if count == 0 { return last }
        let top = storage[0]
        var parent = 0
        while true {
            let left = 2 * parent + 1
            if left >= count { break }
            let right = left + 1
            let larger = right < count && storage[right] > storage[left] ? right : left
            if storage[larger] <= last { break }
            storage[parent] = storage[larger]
            parent = larger
        }
        storage[parent] = last
        return top
    }
}

/// A binary max-heap of slots: the ready queue of the backward pass.
struct MaxHeap {
    var items: [Int32] = []

    mutating func push(_ value: Int32) {
        items.append(value)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if items[parent] >= items[child] { break }
            items.swapAt(parent, child)
            child = parent
        }
    }

    mutating func pop() -> Int32? {
        guard let last = items.popLast() else { return nil }
        if items.isEmpty { return last }
        let top = items[0]
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var largest = parent
            if left < items.count && items[left] > items[largest] { largest = left }
            if right < items.count && items[right] > items[largest] { largest = right }
            if largest == parent { break }
            items.swapAt(parent, largest)
            parent = largest
        }
        return top
    }
}
