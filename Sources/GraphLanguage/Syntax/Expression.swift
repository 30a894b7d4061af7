/// An expression of the graph language, with the source range it was parsed from.
public indirect enum Expression: Sendable, Hashable {
    /// A number literal such as `3`, `-2.5` is `.negate(.number)`; `1e-3`. Weak: takes the dtype it meets.
    case number(Double, SourceRange)
    /// A name bound by `param`, `=` or a loop, or a constant of the language.
    case name(String, SourceRange)
    /// `[a, b, c]` or `[[0, 0], [1, 2]]`: a tensor literal; ragged lists are an evaluation error.
    case list([Expression], SourceRange)
    /// `-x` or `+x`.
    case unary(UnaryOperator, Expression, SourceRange)
    /// `a + b`, `a * b`, `a @ b`, `a ^ b`, ...
    case binary(BinaryOperator, Expression, Expression, SourceRange)
    /// `f(a, b, key=value)`: a built-in function or constructor.
    case call(name: String, arguments: [Argument], SourceRange)
    /// `x[i]` or `x[i, j]`.
    case index(Expression, [Expression], SourceRange)
    /// `x.grad`, `x.T`, `x.shape`.
    case member(Expression, Member, SourceRange)
    /// `d(A)/d(B)`, `∂A/∂B` or `grad(A, B)`: the gradient of `sum(A)` with respect to `B`.
    case derivative(of: Expression, wrt: Expression, SourceRange)
    /// `EXPR as f64`.
    case cast(Expression, DTypeName, SourceRange)

    /// Where the expression stands in its block.
    public var range: SourceRange {
        switch self {
        case .number(_, let r), .name(_, let r), .list(_, let r), .unary(_, _, let r),
            .binary(_, _, _, let r), .call(_, _, let r), .index(_, _, let r), .member(_, _, let r),
            .derivative(_, _, let r), .cast(_, _, let r):
            return r
        }
    }
}

/// One argument of a call: positional (`label == nil`) or keyword (`lr=0.01`).
public struct Argument: Sendable, Hashable {
    public var label: String?
    public var labelRange: SourceRange?
    public var value: Expression

    public init(label: String? = nil, labelRange: SourceRange? = nil, value: Expression) {
        self.label = label
        self.labelRange = labelRange
        self.value = value
    }
}

/// A prefix operator.
public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case plus = "+"
}

/// An infix operator; `^` and `**` are both `.power`.
public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case matmul = "@"
    case power = "^"
}

/// A postfix member: `.grad`, `.T`, `.shape`.
public enum Member: String, Sendable, Hashable {
    case grad
    case transpose = "T"
    case shape
}

/// The dtype named after `as`, or in `dtype=` options.
public enum DTypeName: String, Sendable, Hashable {
    case f32
    case f64
}
