import Autodiff

// Params and gradients: `param`, in-place updates, `backward`, `zero_grad`.

extension Interpreter {
    /// `param w = EXPR`: a new leaf holding the value (declaring `w` again replaces it).
    mutating func declareParam(slot: Int, value expression: ResolvedExpression, range: SourceRange) throws(Diagnostic) {
        let initial = try materialize(try evaluate(expression))
        let value = try engine(range) { try $0.value(initial) }
        let name = names.names[slot]
        slots[slot] = .param(tape.param(value, name: name))
        updates[name] = nil
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
            let change = try evaluate(expression)
            let updated = try materialize(try binary(operation, .tensor(param), change, range: range))
            let shape = try engine(range) { try $0.shape(param) }
            let newShape = try engine(range) { try $0.shape(updated) }
            guard newShape == shape else {
                throw EvaluationMessage.updateChangesShape(name: names.names[slot], shape: shape, updateShape: newShape)
                    .at(range)
            }
            try engine(range) { try $0.update(param, to: updated) }
            updates[names.names[slot]] = UpdateRecord(line: range.start.line, block: blockNumber)
            return
        }
        let result = try binary(operation, current, try evaluate(expression), range: range)
        slots[slot] = .tensor(try materialize(result))
    }

    /// `backward EXPR` or `backward EXPR, GRADIENT`.
    mutating func backward(
        _ expression: ResolvedExpression, text: String, gradient: ResolvedExpression?, range: SourceRange
    ) throws(Diagnostic) {
        guard case .tensor(let root) = try evaluate(expression) else {
            throw EvaluationMessage.backwardOfNumber(text).at(range)
        }
        var seed: Tensor?
        if let gradient {
            switch try evaluate(gradient) {
            case .tensor(let t): seed = t
            case .number(let value):
                let dtype = try engine(range) { try $0.dtype(root) }
                seed = try constant([value], shape: [], dtype: dtype, range)
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
        lastBackwardText = text
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
