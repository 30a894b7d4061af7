// Params: leaves that collect gradients and are updated in place, outside the graph.

extension Tape {
    /// `param name = value`: a leaf that collects gradients (`requires_grad=True`).
    public func param(_ value: TensorValue, name: String) -> Tensor {
        let t = constant(value)
        let i = Int(t.index)
        nodes[i].kind = .param
        nodes[i].flags |= Tape.requiresGradFlag
        paramStates[t.index] = ParamState(name: name, order: paramCounter)
        paramCounter += 1
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
        try state(of: t, "name").name
    }

    /// Every live param, in declaration order.
    public var params: [Tensor] {
        paramStates.sorted { $0.value.order < $1.value.order }.map { handle(Int($0.key)) }
    }

    /// The gradient accumulated in a param, or `nil` when no `backward` has reached it yet.
    public func gradient(of param: Tensor) throws(AutodiffError) -> TensorValue? {
        let i = try slot(param)
        guard let state = paramStates[Int32(i)] else { throw .notAParam(operation: ".grad") }
        guard let gradient = state.gradient else { return nil }
        return TensorValue(unchecked: gradient, shape: shapeAt(i), dtype: dtypeAt(i))
    }

    /// The gradient of a param as a constant on the tape (for `w -= lr * w.grad`), or `nil`
    /// when no `backward` has reached it yet.
    public func gradientTensor(of param: Tensor) throws(AutodiffError) -> Tensor? {
        guard let value = try gradient(of: param) else { return nil }
        return constant(value)
    }

    /// How many times a param was updated in place.
    public func version(of param: Tensor) throws(AutodiffError) -> Int {
        try state(of: param, "version").version
    }

    /// Sets the gradient of the given params (all params when `nil`) to zeros, as `w.grad.zero_()`.
    public func zeroGrad(_ params: [Tensor]? = nil) throws(AutodiffError) {
        let targets = params ?? self.params
        for p in targets {
            let i = try slot(p)
            guard paramStates[Int32(i)] != nil else { throw .notAParam(operation: "zero_grad") }
            let count = nodes[i].payload < 0 ? 1 : tensorPayloads[Int(nodes[i].payload)].elements.count
            paramStates[Int32(i)]?.gradient = [Double](repeating: 0, count: count)
        }
    }

    /// Forgets a param's gradient (`.grad = None`): reading it is empty again until a `backward`.
    public func clearGrad(_ param: Tensor) throws(AutodiffError) {
        let i = try slot(param)
        guard paramStates[Int32(i)] != nil else { throw .notAParam(operation: "clear_grad") }
        paramStates[Int32(i)]?.gradient = nil
    }

    /// `w -= ...`: replaces a param's value in place, outside the graph (`with torch.no_grad()`).
    ///
    /// `newValue` is broadcast to the param's shape and converted to its dtype. The param's
    /// version goes up: a value computed from the old version can no longer be differentiated.
    public func update(_ param: Tensor, to newValue: Tensor) throws(AutodiffError) {
        let i = try slot(param)
        let j = try slot(newValue)
        guard paramStates[Int32(i)] != nil else { throw .notAParam(operation: "in-place update") }
        let shape = shapeAt(i)
        let from = shapeAt(j)
        guard Broadcasting.broadcasts(from, to: shape) else {
            throw .shapeMismatch(operation: "in-place update", left: shape, right: from)
        }
        var elements = Broadcasting.expand(elementsAt(j), from, to: shape)
        if dtypeAt(i) == .f32 { elements = elements.map { Double(Float($0)) } }
        setParamElements(i, elements)
    }

    /// Writes a param's elements in place and bumps its version.
    func setParamElements(_ i: Int, _ elements: [Double]) {
        if nodes[i].payload < 0 {
            nodes[i].value = elements.first ?? 0
        } else {
            tensorPayloads[Int(nodes[i].payload)].elements = elements
        }
        updateEpoch &+= 1
        paramStates[Int32(i)]?.lastUpdate = updateEpoch
        paramStates[Int32(i)]?.version += 1
    }

    func state(of param: Tensor, _ operation: String) throws(AutodiffError) -> ParamState {
        let i = try slot(param)
        guard let state = paramStates[Int32(i)] else { throw .notAParam(operation: operation) }
        return state
    }
}
