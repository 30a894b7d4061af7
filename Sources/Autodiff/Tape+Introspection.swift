// Walking a value's graph for `trace` and `diagram`, and reclaiming nodes nobody holds.

extension Tape {
    /// Every node `root` depends on, in forward (topological) order, ending with `root`: its
    /// operation, inputs, value, local partial derivatives, and the gradient of `sum(root)` with
    /// respect to it. Params' `.grad` are not touched.
    public func graph(of root: Tensor) throws(AutodiffError) -> [GraphNode] {
        let r = try slot(root)
        let order = self.order(of: try traverse(from: r))
        temporaries = []
        defer { freeTemporaries() }
        let seed = record(.constant, dtypeAt(r), shape: shapeAt(r), elements: elementsAt(r).map { _ in 1 })
        let gradients = try propagate(order, seed: seed) { _ in true }
        var result: [GraphNode] = []
        for n in order.reversed() {
            let i = Int(n)
            let kind = nodes[i].kind
            var inputs: [Tensor] = []
            if nodes[i].first >= 0 { inputs.append(handle(Int(nodes[i].first))) }
            if nodes[i].second >= 0 { inputs.append(handle(Int(nodes[i].second))) }
            var locals: [TensorValue?] = inputs.map { _ in nil }
            if kind.isBinaryElementwise || kind.isUnaryElementwise {
                let ones = record(.constant, dtypeAt(i), shape: shapeAt(i), elements: elementsAt(i).map { _ in 1 })
                let (ga, gb) = try inputGradients(i, ones)
                if let ga, !locals.isEmpty { locals[0] = try value(ga) }
                if let gb, locals.count > 1 { locals[1] = try value(gb) }
            }
            let gradient: TensorValue
            if let g = gradients[n] {
                gradient = try value(g)
            } else {
                gradient = TensorValue(unchecked: elementsAt(i).map { _ in 0 }, shape: shapeAt(i), dtype: dtypeAt(i))
            }
            let dimension = nodes[i].attribute
            let hasDim = [.sum, .mean, .max, .min, .softmax, .logSoftmax].contains(kind) && !dimension.isNaN
            result.append(
                GraphNode(
                    tensor: handle(i), kind: kind, inputs: inputs, value: valueAt(i),
                    attribute: kind == .powScalar || kind == .clampMin ? nodes[i].attribute : nil,
                    dim: hasDim ? Int(dimension) : nil, indices: indices(ofNode: i),
                    paramName: paramOrdinal(i).map { paramTable[$0].name }, localGradients: locals, gradient: gradient))
        }
        return result
    }

    /// Frees every node that none of `roots` depends on (params are always kept). Handles of
    /// freed nodes become invalid; call this between statements with every value still bound.
    public func reclaim(keeping roots: some Sequence<Tensor>) {
        let count = nodes.count
        prepareScratch()
        let stamp = nextVisitStamp()
        var stack: [Int32] = []
        for root in roots {
            if let i = try? slot(root), visitMarks[i] != stamp {
                visitMarks[i] = stamp
                stack.append(Int32(i))
            }
        }
        for state in paramTable where state.slot >= 0 && visitMarks[Int(state.slot)] != stamp {
            visitMarks[Int(state.slot)] = stamp
            stack.append(state.slot)
        }
        while let n = stack.popLast() {
            let node = nodes[Int(n)]
            if node.first >= 0 && visitMarks[Int(node.first)] != stamp {
                visitMarks[Int(node.first)] = stamp
                stack.append(node.first)
            }
            if node.second >= 0 && visitMarks[Int(node.second)] != stamp {
                visitMarks[Int(node.second)] = stamp
                stack.append(node.second)
            }
        }
        var i = count - 1
        while i >= 0 {
            if visitMarks[i] != stamp && nodes[i].flags & Tape.liveFlag != 0 { free(i) }
            i -= 1
        }
        keepFreeSlotsAscending()
    }
}
