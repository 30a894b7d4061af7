// Params: leaves that collect gradients and are updated in place, outside the graph.

extension Tape {
    /// `param name = value`: a leaf that collects gradients (`requires_grad=True`).
    public func param(_ value: TensorValue, name: String) -> Tensor {
        let t = constant(value)
        let i = Int(t.index)
        nodes[i].kind = .param
        nodes[i].flags |= Tape.requiresGradFlag
        nodes[i].attribute = Double(paramTable.count)
        paramTable.append(ParamState(name: name, slot: t.index))
        return t
    }

    /// A param holding the current value of `x` (which is not changed).
    public func param(from x: Tensor, name: String) throws(AutodiffError) -> Tensor {
        param(try value(x), name: name)
    }

    /// Whether `t` is a param.
    public func isParam(_ t: Tensor) -> Bool {
        guard let i = try? slot(t) else { return false }
        return nodes[i].kind == .param
    }

    /// The name a param was declared with.
    public func paramName(_ t: Tensor) throws(AutodiffError) -> String {
        paramTable[try ordinal(of: t, "name")].name
    }

    /// Every param, in declaration order.
    public var params: [Tensor] {
        paramTable.compactMap { state in
            let i = Int(state.slot)
            return i >= 0 ? handle(i) : nil
        }
    }

    /// The gradient accumulated in a param, or `nil` when no `backward` has reached it yet.
    public func gradient(of param: Tensor) throws(AutodiffError) -> TensorValue? {
        let k = try ordinal(of: param, ".grad")
        guard let gradient = paramTable[k].gradient else { return nil }
        let i = Int(param.index)
        return TensorValue(unchecked: gradient, shape: shapeAt(i), dtype: dtypeAt(i))
    }

    /// The gradient of a param as a constant on the tape (for `w -= lr * w.grad`), or `nil`
    /// when no `backward` has reached it yet.
    public func gradientTensor(of param: Tensor) throws(AutodiffError) -> Tensor? {
        let k = try ordinal(of: param, ".grad")
        guard let gradient = paramTable[k].gradient else { return nil }
        let i = Int(param.index)
        if nodes[i].payload < 0, let g = gradient.first {
            return recordScalar(.constant, dtypeAt(i), g)
        }
        return record(.constant, dtypeAt(i), shape: shapeAt(i), elements: gradient)
    }

    /// How many times a param was updated in place.
    public func version(of param: Tensor) throws(AutodiffError) -> Int {
        paramTable[try ordinal(of: param, "version")].version
    }

    /// Sets the gradient of the given params (all params when `nil`) to zeros, as `w.grad.zero_()`.
    public func zeroGrad(_ params: [Tensor]? = nil) throws(AutodiffError) {
        guard let params else {
            // Every live param, straight from the table (no array of handles per call).
            for k in paramTable.indices where paramTable[k].slot >= 0 { zeroGrad(ordinal: k) }
            return
        }
        for p in params { zeroGrad(ordinal: try ordinal(of: p, "zero_grad")) }
    }

    /// Sets the gradient of the param `paramTable[k]` to zeros, in place when it has one.
    func zeroGrad(ordinal k: Int) {
        let i = Int(paramTable[k].slot)
        let count = nodes[i].payload < 0 ? 1 : tensorPayloads[Int(nodes[i].payload)].elements.count
        paramTable[k].zeroGradient(count: count)
    }

    /// Forgets a param's gradient (`.grad = None`): reading it is empty again until a `backward`.
    public func clearGrad(_ param: Tensor) throws(AutodiffError) {
        paramTable[try ordinal(of: param, "clear_grad")].gradient = nil
    }

    /// `w -= ...`: replaces a param's value in place, outside the graph (`with torch.no_grad()`).
    ///
    /// `newValue` is broadcast to the param's shape and converted to its dtype. The param's
    /// version goes up: a value computed from the old version can no longer be differentiated.
    public func update(_ param: Tensor, to newValue: Tensor) throws(AutodiffError) {
        let k = try ordinal(of: param, "in-place update")
        let i = Int(param.index)
        let j = try slot(newValue)
        let f32 = dtypeAt(i) == .f32
        if nodes[i].payload < 0 && nodes[j].payload < 0 {
            let v = nodes[j].value
            setParamElements(k, scalar: f32 ? Double(Float(v)) : v)
            return
        }
        let shape = shapeAt(i)
        let from = shapeAt(j)
        guard Broadcasting.broadcasts(from, to: shape) else {
            throw .shapeMismatch(operation: "in-place update", left: shape, right: from)
        }
        var elements = Broadcasting.expand(elementsAt(j), from, to: shape)
        if f32 { elements = elements.map { Double(Float($0)) } }
        setParamElements(k, elements)
    }

    /// Writes a param's elements in place and bumps its version.
    func setParamElements(_ k: Int, _ elements: [Double]) {
        let i = Int(paramTable[k].slot)
        if nodes[i].payload < 0 {
            nodes[i].value = elements.first ?? 0
        } else {
            tensorPayloads[Int(nodes[i].payload)].elements = elements
        }
        bumpVersion(k)
    }

    /// Writes a scalar param's value in place and bumps its version.
    func setParamElements(_ k: Int, scalar: Double) {
        nodes[Int(paramTable[k].slot)].value = scalar
        bumpVersion(k)
    }

    @inline(__always)
    func bumpVersion(_ k: Int) {
        updateEpoch &+= 1
        paramTable[k].lastUpdate = updateEpoch
        paramTable[k].version += 1
    }

    /// The index in `paramTable` of a param handle, or `notAParam`.
    func ordinal(of param: Tensor, _ operation: String) throws(AutodiffError) -> Int {
        guard let k = paramOrdinal(try slot(param)) else { throw .notAParam(operation: operation) }
        return k
    }
}
