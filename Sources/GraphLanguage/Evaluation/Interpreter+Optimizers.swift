import Autodiff

// `step sgd(...)` and `step adam(...)`: the engine's optimizers, one per step statement.

extension Interpreter {
    /// Updates every param of the scope that has a gradient, then sets those gradients to zeros.
    ///
    /// A param whose gradient is all zeros and that this statement never stepped is left alone
    /// (PyTorch would step it by exactly 0, but bumping its version would make values computed
    /// from it stale for nothing).
    mutating func step(_ call: OptimizerCall, stepIndex: Int, range: SourceRange) throws(Diagnostic) {
        // Every argument first, in the order of `call.kind.parameters`: `lr`, then `momentum`
        // (sgd) or `beta1`, `beta2`, `eps` (adam).
        let first = try optimizerArgument(call, 0, range: range)
        let second = try optimizerArgument(call, 1, range: range)
        let third = try optimizerArgument(call, 2, range: range)
        let fourth = try optimizerArgument(call, 3, range: range)
        // The resolver refuses a step without `lr`; the guard keeps that a message, not a default.
        guard let learningRate = first else {
            throw EvaluationMessage.missingLearningRate(call.kind.rawValue).at(range)
        }
        var state: OptimizerState
        if let existing = block.optimizers[stepIndex].take() {
            state = existing  // taken out, so that `state` is the only copy, mutated in place
        } else {
            switch call.kind {
            case .sgd: state = OptimizerState(optimizer: .sgd(SGD(learningRate: learningRate)))
            case .adam: state = OptimizerState(optimizer: .adam(Adam(learningRate: learningRate)))
            }
        }
        defer { block.optimizers[stepIndex] = state }
        switch state.optimizer {
        case .sgd(let sgd):
            sgd.learningRate = learningRate
            sgd.momentum = second ?? 0
            if sgd.momentum != 0 { state.keepsParamState = true }
        case .adam(let adam):
            state.keepsParamState = true
            adam.learningRate = learningRate
            adam.beta1 = second ?? 0.9
            adam.beta2 = third ?? 0.999
            adam.epsilon = fourth ?? 1e-8
        }

        var chosen: [Tensor] = []
        var chosenSlots: [Int] = []
        for (slot, binding) in slots.enumerated() {
            guard case .param(let param) = binding, !chosen.contains(param) else { continue }
            guard let gradient = try engine(range, { try $0.gradient(of: param) }) else { continue }
            if gradient.scalars.allSatisfy({ $0 == 0 }) && !state.stepped.contains(param) { continue }
            chosen.append(param)
            chosenSlots.append(slot)
        }
        if chosen.isEmpty && !state.warned {
            state.warned = true
            block.warnings.append(EvaluationMessage.stepWithoutGradients(call.text).warning(at: range))
        }
        switch state.optimizer {
        case .sgd(let sgd): try engine(range) { try sgd.step($0, params: chosen) }
        case .adam(let adam): try engine(range) { try adam.step($0, params: chosen) }
        }
        for param in chosen { state.stepped.insert(param) }
        for slot in chosenSlots { updates[slot] = UpdateRecord(range: range, block: blockNumber) }
        try engine(range) { try $0.zeroGrad(chosen) }
    }

    /// The number given for the `position`-th of `call.kind.parameters`, `nil` if none was.
    private mutating func optimizerArgument(_ call: OptimizerCall, _ position: Int, range: SourceRange)
        throws(Diagnostic) -> Double?
    {
        guard position < call.arguments.count, let expression = call.arguments[position] else { return nil }
        let kind = call.kind  // the message captures only the kind, not the whole call
        return try number(
            try evaluate(expression), what: "`\(kind.parameters[position])` of \(kind.rawValue)", range: range)
    }
}
