/// The built-in functions of the language (SPEC §2.4), with the parameters each one takes.
enum Builtin: String, CaseIterable, Sendable {
    // Element-wise.
    case exp, log, sqrt, abs, sin, cos, tan, tanh, sigmoid, relu, square, pow
    // Reductions.
    case sum, mean, max, min
    // Linear algebra.
    case matmul, dot, transpose, reshape
    // Losses and activations.
    case softmax, logSoftmax = "log_softmax", mse, bce, crossEntropy = "cross_entropy"
    // Constructors (not differentiable).
    case zeros, ones, full, arange, linspace, rand, randn, eye
    // Others.
    case detach, len

    /// How a built-in's arguments are written: named parameters, the last ones optional,
    /// optionally followed by any number of sizes (`zeros(2, 3)`, `reshape(x, 2, 3)`).
    struct Signature: Sendable {
        var parameters: [String]
        var required: Int
        var takesSizes: Bool = false
    }

    var signature: Signature {
        switch self {
        case .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .square, .detach, .len:
            return Signature(parameters: ["x"], required: 1)
        case .transpose:
            return Signature(parameters: ["x"], required: 1)
        case .pow:
            return Signature(parameters: ["x", "y"], required: 2)
        case .sum, .mean, .max, .min:
            return Signature(parameters: ["x", "dim"], required: 1)
        case .matmul, .dot:
            return Signature(parameters: ["a", "b"], required: 2)
        case .reshape:
            return Signature(parameters: ["x"], required: 1, takesSizes: true)
        case .softmax, .logSoftmax:
            return Signature(parameters: ["x", "dim"], required: 1)
        case .mse:
            return Signature(parameters: ["pred", "target"], required: 2)
        case .bce:
            return Signature(parameters: ["prob", "target"], required: 2)
        case .crossEntropy:
            return Signature(parameters: ["logits", "target"], required: 2)
        case .zeros, .ones, .rand, .randn:
            return Signature(parameters: [], required: 0, takesSizes: true)
        case .full:
            return Signature(parameters: ["value"], required: 1, takesSizes: true)
        case .arange:
            return Signature(parameters: ["start", "end", "step"], required: 1)
        case .linspace:
            return Signature(parameters: ["start", "end", "steps"], required: 3)
        case .eye:
            return Signature(parameters: ["n"], required: 1)
        }
    }

    /// How the signature reads in a message: `sum(x, dim)`, `zeros(d1, d2, ...)`.
    var usage: String {
        let signature = self.signature
        var parts = signature.parameters.enumerated().map { index, name in
            index < signature.required ? name : "\(name)=..."
        }
        if signature.takesSizes { parts.append("d1, d2, ...") }
        return "\(rawValue)(\(parts.joined(separator: ", ")))"
    }

    /// Every name a call may use, for did-you-mean suggestions (the loop-only `range` and `zip`,
    /// and `grad`, are functions too).
    static let allNames: [String] = allCases.map(\.rawValue) + ["grad", "range", "zip"]
}
