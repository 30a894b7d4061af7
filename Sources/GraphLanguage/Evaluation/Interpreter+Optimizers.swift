import Autodiff

// `step sgd(...)` and `step adam(...)`: the engine's optimizers, one per step statement.

extension Interpreter {
    /// Updates every param of the scope that has a gradient, then sets those gradients to zeros.
    ///
    /// A param whose gradient is all zeros and that this statement never stepped is left alone
    /// (PyTorch would step it by exactly 0, but bumping its version would make values computed
    /// from it stale for nothing).
    mutating func step(_ call: OptimizerCall, stepIndex: Int, range: SourceRange) throws(Diagnostic) {
        var arguments: [String: Double] = [:]
        for (name, expression) in call.arguments {
            arguments[name] = try number(
                try evaluate(expression), what: "`\(name)` of \(call.kind.rawValue)", range: range)
        }
        // The resolver refuses a step without `lr`; the guard keeps that a message, not a default.
        guard let learningRate = arguments["lr"] else {
            throw EvaluationMessage.missingLearningRate(call.kind.rawValue).at(range)
        }
        var state: OptimizerState
        if let existing = block.optimizers[stepIndex] {
            state = existing
            block.optimizers[stepIndex] = nil  // so that `state` is the only copy, mutated in place
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
            sgd.momentum = arguments["momentum"] ?? 0
            if sgd.momentum != 0 { state.keepsParamState = true }
        case .adam(let adam):
            state.keepsParamState = true
            adam.learningRate = learningRate
            adam.beta1 = arguments["beta1"] ?? 0.9
            adam.beta2 = arguments["beta2"] ?? 0.999
            adam.epsilon = arguments["eps"] ?? 1e-8
        }

        var chosen: [Tensor] = []
        var chosenSlots: [Int] = []
        for (slot, binding) in slots.enumerated() {
            guard case .param(let param) = binding, !chosen.contains(param) else { continue }
            guard let gradient = try engine(range, { try $0.gradient(of: param) }) else { continue }
            if !state.stepped.contains(param) && gradient.scalars.allSatisfy({ $0 == 0 }) { continue }
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
        for param in chosen where !state.stepped.contains(param) { state.stepped.insert(param) }
        for slot in chosenSlots { updates[slot] = UpdateRecord(range: range, block: blockNumber) }
        try engine(range) { try $0.zeroGrad(chosen) }
    }
}
