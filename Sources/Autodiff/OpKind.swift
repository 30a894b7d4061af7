/// What computed a node: the operation the language can switch on to name it or write its formula.
public enum OpKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible, BitwiseCopyable {
    /// A leaf without gradient: a literal, a constructor's result, `detach(x)`, a `.grad` read.
    case constant
    /// A leaf that collects gradients.
    case param

    // Element-wise, broadcasting binary operations.
    case add, sub, mul, div
    /// `pow(x, y)` with a tensor exponent.
    case pow

    // Element-wise unary operations.
    case neg, exp, log, sqrt, abs, sin, cos, tan, tanh, sigmoid, relu, square
    /// `x ^ c` with a constant exponent `c` (the node's `attribute`).
    case powScalar
    /// `max(x, c)` with a constant floor `c` (the node's `attribute`); used by `bce`'s gradient.
    case clampMin
    /// `1 - x*x` as one fused multiply-add: the derivative of `tanh` in terms of its result.
    case oneMinusSquare
    /// Conversion to another dtype (`x as f64`).
    case cast

    // Linear algebra and shape.
    case matmul
    /// `x.T`: the dimensions reversed (rows and columns swapped for a matrix).
    case transpose
    case reshape
    /// Broadcast to a larger shape (the gradient of a reduction).
    case broadcastTo
    /// Sum down to a smaller shape (the gradient of a broadcast).
    case sumTo
    /// `x[i]`, `x[i, j]`: the indices are the node's `indices`.
    case index
    /// Zeros of the input's shape with the gradient placed at `indices` (the gradient of `index`).
    case indexBackward

    // Reductions, over everything or over `dim` (the node's `dim`).
    case sum, mean, max, min

    // Activations and losses.
    case softmax
    case logSoftmax
    /// Mean squared error `mean((pred - target)^2)`.
    case mse
    /// Mean binary cross-entropy of probabilities, logs clamped at -100 as in PyTorch.
    case bce
    /// Mean cross-entropy of logits and class indices.
    case crossEntropy
    /// `x[i, t_i]` for each row `i` (class `t_i`): a step of `crossEntropy`'s gradient.
    case gather
    /// Zeros with `g_i` placed at `[i, t_i]`: the gradient of `gather`.
    case scatter

    /// `+ - * / pow`: binary, element-wise, broadcasting.
    public var isBinaryElementwise: Bool {
        switch self {
        case .add, .sub, .mul, .div, .pow: return true
        default: return false
        }
    }

    /// Unary element-wise operations (`neg`, `exp`, ..., `powScalar`, `clampMin`, `oneMinusSquare`).
    public var isUnaryElementwise: Bool {
        switch self {
        case .neg, .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .square, .powScalar, .clampMin,
            .oneMinusSquare:
            return true
        default: return false
        }
    }

    /// Whether `backward` has a numeric rule for it on scalars (leaves and element-wise kinds).
    var hasScalarRule: Bool { isLeaf || isUnaryElementwise || isBinaryElementwise }

    /// Leaves: `constant` and `param`.
    public var isLeaf: Bool { self == .constant || self == .param }

    /// The operation's name as a lesson writes it (`+`, `exp`, `log_softmax`).
    public var description: String {
        switch self {
        case .constant: return "constant"
        case .param: return "param"
        case .add: return "+"
        case .sub: return "-"
        case .mul: return "*"
        case .div: return "/"
        case .pow: return "pow"
        case .neg: return "neg"
        case .exp: return "exp"
        case .log: return "log"
        case .sqrt: return "sqrt"
        case .abs: return "abs"
        case .sin: return "sin"
        case .cos: return "cos"
        case .tan: return "tan"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .relu: return "relu"
        case .square: return "square"
        case .powScalar: return "^"
        case .clampMin: return "clamp_min"
        case .oneMinusSquare: return "one_minus_square"
        case .cast: return "cast"
        case .matmul: return "matmul"
        case .transpose: return "transpose"
        case .reshape: return "reshape"
        case .broadcastTo: return "broadcast_to"
        case .sumTo: return "sum_to"
        case .index: return "index"
        case .indexBackward: return "index_backward"
        case .sum: return "sum"
        case .mean: return "mean"
        case .max: return "max"
        case .min: return "min"
        case .softmax: return "softmax"
        case .logSoftmax: return "log_softmax"
        case .mse: return "mse"
        case .bce: return "bce"
        case .crossEntropy: return "cross_entropy"
        case .gather: return "gather"
        case .scatter: return "scatter"
        }
    }
}
