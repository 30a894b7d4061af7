import Autodiff

// Params and gradients: `param`, in-place updates, `backward`, `zero_grad`.

extension Interpreter {
    /// `param w = EXPR`: a new leaf holding the value (declaring `w` again replaces it).
    ///
    /// The engine keeps every param it made, so a `param` in a loop would add one per iteration.
    /// Instead, a param that a declaration replaced is kept aside, and a later declaration of
    /// the same name with the same shape and dtype takes it over (new value, empty `.grad`)
    /// once nothing refers to it any more: no binding, loop or optimizer with momentum.
    mutating func declareParam(slot: Int, value expression: ResolvedExpression, range: SourceRange) throws(Diagnostic) {
        let initial = try materialize(try evaluate(expression))
        let value = try engine(range) { try $0.value(initial) }
        let name = names.names[slot]
        if case .param(let replaced) = slots[slot] { retiredParams[name, default: []].append(replaced) }
        if let reused = try reusableParam(named: name, like: value, rebinding: slot, range: range) {
            try engine(range) { tape in
                try tape.update(reused, to: initial)
                try tape.clearGrad(reused)
            }
            slots[slot] = .param(reused)
        } else {
            slots[slot] = .param(tape.param(value, name: name))
        }
        updates[slot] = nil
    }

    /// The most nodes `reusableParam` walks to prove a replaced param unreferenced; past it, a new
    /// param is made (the walk must not cost more than the loop it serves).
    static let reuseWalkLimit = 1 << 16

    /// A param replaced by an earlier declaration of `name`, of `value`'s shape and dtype, that no
    /// binding (but `slot`, about to be rebound), loop sequence or optimizer state still needs; it
    /// is taken out of the retired list and out of the optimizers' records.
    private mutating func reusableParam(
        named name: String, like value: TensorValue, rebinding slot: Int, range: SourceRange
    ) throws(Diagnostic) -> Tensor? {
        guard let retired = retiredParams[name], !retired.isEmpty else { return nil }
        var candidates: Set<Tensor> = []
        var live: [Tensor] = []
        for param in retired where tape.isLive(param) {
            live.append(param)
            let shape = try engine(range) { try $0.shape(param) }
            let dtype = try engine(range) { try $0.dtype(param) }
            let stateful = block.optimizers.contains {
                $0?.keepsParamState == true && $0?.stepped.contains(param) == true
            }
            if shape == value.shape, dtype == value.dtype, !stateful { candidates.insert(param) }
        }
        retiredParams[name] = live
        guard !candidates.isEmpty else { return nil }

        // Walk the graphs of everything the scope holds (only nodes that depend on a param).
        var seen: Set<Tensor> = []
        var stack: [Tensor] = []
        for (index, binding) in slots.enumerated() where index != slot {
            if let t = binding.tensor { stack.append(t) }
        }
        stack.append(contentsOf: block.loopHolds)
        while let t = stack.popLast(), !candidates.isEmpty {
            guard seen.insert(t).inserted, try engine(range, { try $0.requiresGrad(t) }) else { continue }
            guard seen.count <= Self.reuseWalkLimit else { return nil }
            candidates.remove(t)
            stack.append(contentsOf: try engine(range) { try $0.inputs(of: t) })
        }
        guard let reused = live.first(where: { candidates.contains($0) }) else { return nil }
        retiredParams[name] = live.filter { $0 != reused }
        for index in block.optimizers.indices { block.optimizers[index]?.stepped.remove(reused) }
        return reused
    }

    /// `w -= EXPR` (and `+=`, `*=`, `/=`): in place on a param, outside the graph; on any other
    /// name, the same as `w = w - EXPR`.
    mutating func update(slot: Int, op: UpdateOperator, value expression: ResolvedExpression, range: SourceRange)
        throws(Diagnostic)
    {
        let operation: BinaryOperator
        switch op {
        case .add: operation = .add
        case .subtract: operation = .subtract
        case .multiply: operation = .multiply
        case .divide: operation = .divide
        }
        let current: Operand
        switch slots[slot] {
        case .unbound:
            throw unknownName(slot: slot, range: range)
        case .number(let value):
            current = .number(value)
        case .tensor(let t):
            current = .tensor(t)
        case .param(let param):
            if try updateWithoutRecording(param, operation, expression, range: range) {
                updates[slot] = UpdateRecord(range: range, block: blockNumber)
                return
            }
            let change = try evaluate(expression)
            let updated = try materialize(try binary(operation, .tensor(param), change, range: range))
            let shape = try engine(range) { try $0.shape(param) }
            let newShape = try engine(range) { try $0.shape(updated) }
            guard newShape == shape else {
                throw EvaluationMessage.updateChangesShape(name: names.names[slot], shape: shape, updateShape: newShape)
                    .at(range)
            }
            try engine(range) { try $0.update(param, to: updated) }
            updates[slot] = UpdateRecord(range: range, block: blockNumber)
            return
        }
        let result = try binary(operation, current, try evaluate(expression), range: range)
        slots[slot] = .tensor(try materialize(result))
    }

    /// `backward EXPR` or `backward EXPR, GRADIENT`.
    mutating func backward(
        _ expression: ResolvedExpression, text: String, gradient: ResolvedExpression?, range: SourceRange
    ) throws(Diagnostic) {
        guard case .tensor(let root) = try tensorUnlessNumber(try evaluate(expression)) else {
            throw EvaluationMessage.backwardOfNumber(text).at(range)
        }
        var seed: Tensor?
        if let gradient {
            let dtype = try engine(range) { try $0.dtype(root) }
            switch try evaluate(gradient) {
            case .tensor(let t): seed = t
            case .number(let value): seed = try constant([value], shape: [], dtype: dtype, range)
            case .numbers(let values, let shape): seed = try constant(values, shape: shape, dtype: dtype, range)
            }
        } else {
            let shape = try engine(range) { try $0.shape(root) }
            if shape.reduce(1, *) != 1 {
                throw EvaluationMessage.nonScalarBackward(shape: shape, text: text).at(range)
            }
        }
        do {
            try tape.backward(root, gradient: seed)
        } catch {
            if case .gradientShapeMismatch(let valueShape, let gradientShape) = error {
                throw EvaluationMessage.backwardGradientShape(valueShape: valueShape, gradientShape: gradientShape)
                    .at(range)
            }
            throw diagnostic(for: error, at: range)
        }
        // A loop runs the same `backward` again and again: assigning only a new text spares the
        // string's reference counting on every step.
        if lastBackwardText != text { lastBackwardText = text }
        if block.traceOption || block.diagramOption {
            // Traced now, while the graph matches the params (a step after it would make it stale).
            block.optionOutputs = []
            if block.traceOption {
                let shape = try engine(range) { try $0.shape(root) }
                if shape.reduce(1, *) == 1 {
                    block.optionOutputs.append(.trace(try trace(of: root, text: text, range: range)))
                } else if !block.warnedNonScalarTrace {
                    block.warnedNonScalarTrace = true
                    block.warnings.append(
                        EvaluationMessage.traceOptionOfNonScalar(text, shape: shape).warning(at: range))
                }
            }
            if block.diagramOption {
                block.optionOutputs.append(.diagram(try diagram(of: root, text: text, range: range)))
            }
        }
    }

    /// `zero_grad` (every param) or `zero_grad w, b`.
    mutating func zeroGrad(_ named: [ResolvedName], range: SourceRange) throws(Diagnostic) {
        if named.isEmpty {
            try engine(range) { try $0.zeroGrad() }
            return
        }
        var params: [Tensor] = []
        for name in named {
            switch slots[name.slot] {
            case .param(let param): params.append(param)
            case .unbound: throw unknownName(slot: name.slot, range: name.range)
            case .tensor, .number: throw EvaluationMessage.zeroGradOfNonParam(name.name).at(name.range)
            }
        }
        try engine(range) { try $0.zeroGrad(params) }
    }
}
