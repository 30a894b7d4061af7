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
        let rootShape = shapeAt(r)
        let rootCount = payloads[r] < 0 ? 1 : tensorPayloads[Int(payloads[r])].elements.count
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
        let order = try reverseTopologicalOrder(from: r)
        if try backwardScalars(order, seed: seedValue) { return }
        temporaries = []
        defer { freeTemporaries() }
        let seed = record(.constant, dtypeAt(r), shape: rootShape, elements: seedValue)
        let gradients = try propagate(order, seed: seed) { self.kinds[$0] == .param }
        for (index, g) in gradients where kinds[Int(index)] == .param {
            accumulate(into: Int(index), elementsAt(Int(g.index)))
        }
    }

    /// `d(A)/d(B)`: the gradient of `sum(A)` with respect to `B` (a param, a constant or an
    /// intermediate value of `A`'s graph), as a new differentiable tensor of `B`'s shape: the grad
    /// of a grad is a second derivative. Zeros when `A` does not depend on `B`.
    public func grad(of a: Tensor, wrt b: Tensor) throws(AutodiffError) -> Tensor {
        let r = try slot(a)
        let target = try slot(b)
        let order = try reverseTopologicalOrder(from: r)
        let seed = record(.constant, dtypeAt(r), shape: shapeAt(r), elements: elementsAt(r).map { _ in 1 })
        let gradients = try propagate(order, seed: seed) { $0 == target }
        if let g = gradients[Int32(target)] { return g }
        return record(.constant, dtypeAt(target), shape: shapeAt(target), elements: elementsAt(target).map { _ in 0 })
    }

    /// Adds `elements` to a param's gradient (PyTorch's AccumulateGrad, in the param's dtype).
    func accumulate(into i: Int, _ elements: [Double]) {
        let key = Int32(i)
        guard let old = paramStates[key]?.gradient, old.count == elements.count else {
            paramStates[key]?.gradient = elements
            return
        }
        let f32 = dtypeAt(i) == .f32
        paramStates[key]?.gradient = zip(old, elements).map { f32 ? Double(Float($0) + Float($1)) : $0 + $1 }
    }

    // MARK: Traversal

    /// Every node `root` depends on, each before its inputs (root first), without recursion.
    ///
    /// Refuses a graph that uses a param's value from before an in-place update. Among nodes
    /// whose consumers are all done, the latest made goes first, as PyTorch's engine.
    func reverseTopologicalOrder(from root: Int) throws(AutodiffError) -> [Int32] {
        let count = generations.count
        if pendingCounts.count < count {
            pendingCounts.append(contentsOf: repeatElement(0, count: count - pendingCounts.count))
            visitMarks.append(contentsOf: repeatElement(0, count: count - visitMarks.count))
        }
        visitStamp &+= 1
        if visitStamp == 0 {
            for k in visitMarks.indices { visitMarks[k] = 0 }
            visitStamp = 1
        }
        let stamp = visitStamp
        // Pass 1: count, for every reachable node, the edges that reach it.
        var stack: [Int32] = [Int32(root)]
        visitMarks[root] = stamp
        pendingCounts[root] = 0
        while let n = stack.popLast() {
            let node = Int(n)
            for input in [firstInputs[node], secondInputs[node]] where input >= 0 {
                let k = Int(input)
                if kinds[k] == .param, let state = paramStates[input], epochs[node] < state.lastUpdate {
                    throw .staleValue(param: state.name)
                }
                if visitMarks[k] == stamp {
                    pendingCounts[k] += 1
                } else {
                    visitMarks[k] = stamp
                    pendingCounts[k] = 1
                    stack.append(input)
                }
            }
        }
        // Pass 2: Kahn's algorithm from the root.
        var order: [Int32] = []
        var ready = MaxHeap()
        ready.push(Int32(root))
        while let n = ready.pop() {
            order.append(n)
            let node = Int(n)
            let first = firstInputs[node]
            if first >= 0 {
                pendingCounts[Int(first)] -= 1
                if pendingCounts[Int(first)] == 0 { ready.push(first) }
            }
            let second = secondInputs[node]
            if second >= 0 {
                pendingCounts[Int(second)] -= 1
                if pendingCounts[Int(second)] == 0 { ready.push(second) }
            }
        }
        return order
    }

    /// Propagates `seed` from `order[0]` (the root) to every node for which `isTarget` holds, with
    /// recorded operations (so the gradients are themselves differentiable). Returns the gradient
    /// of every node that reaches a target, keyed by slot.
    func propagate(_ order: [Int32], seed: Tensor, isTarget: (Int) -> Bool) throws(AutodiffError) -> [Int32: Tensor] {
        // A node matters when it is a target or depends on one.
        var relevant = Set<Int32>()
        for n in order.reversed() {
            let node = Int(n)
            if isTarget(node) || relevant.contains(firstInputs[node]) || relevant.contains(secondInputs[node]) {
                relevant.insert(n)
            }
        }
        var gradients: [Int32: Tensor] = [:]
        guard let root = order.first, relevant.contains(root) else { return gradients }
        gradients[root] = seed
        for n in order {
            let node = Int(n)
            guard let g = gradients[n], firstInputs[node] >= 0 else { continue }
            let (ga, gb) = try inputGradients(node, g)
            for (input, gi) in [(firstInputs[node], ga), (secondInputs[node], gb)] {
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
        switch kinds[node] {
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
    }

    /// Returns a slot (and its tensor payload) to the free lists; its handles become invalid.
    func free(_ i: Int) {
        guard flags[i] & Tape.liveFlag != 0 else { return }
        flags[i] = 0
        generations[i] &+= 1
        let p = payloads[i]
        if p >= 0 {
            tensorPayloads[Int(p)] = TensorPayload(shape: [], elements: [])
            freePayloads.append(p)
            payloads[i] = -1
        }
        firstInputs[i] = Tape.noInput
        secondInputs[i] = Tape.noInput
        nodeIndices[Int32(i)] = nil
        paramStates[Int32(i)] = nil
        freeSlots.append(Int32(i))
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
