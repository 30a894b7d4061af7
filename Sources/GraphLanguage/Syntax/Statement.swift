/// A statement of a graph block (SPEC §2.2). Every statement knows its source range.
///
/// `text` fields keep the statement's source text exactly as written (trimmed), because
/// outputs name expressions by their source: `log mean(l)` makes a column `mean(l)`.
public indirect enum Statement: Sendable, Hashable {
    /// `param w = EXPR`.
    case param(name: String, nameRange: SourceRange, value: Expression, SourceRange)
    /// `x = EXPR`.
    case assign(name: String, nameRange: SourceRange, value: Expression, SourceRange)
    /// `w -= EXPR` (also `+=`, `*=`, `/=`): in place on a param, rebinding on any other name.
    case update(name: String, nameRange: SourceRange, op: UpdateOperator, value: Expression, SourceRange)
    /// `backward EXPR` or `backward EXPR, GRADIENT`.
    case backward(Expression, gradient: Expression?, SourceRange)
    /// `zero_grad` or `zero_grad w, b`.
    case zeroGrad(names: [NamedRange], SourceRange)
    /// `step sgd(lr=0.01)`, `step adam(lr=0.1)`: the optimizer call is kept as written.
    case step(optimizer: String, optimizerRange: SourceRange, arguments: [Argument], SourceRange)
    /// `for i in range(N):`, `for x, y in zip(xs, ys):`, `for row in X:` with an indented body.
    case forLoop(variables: [NamedRange], sequence: Expression, body: [Statement], SourceRange)
    /// `show a, b.grad`.
    case show([SourcedExpression], SourceRange)
    /// `log i, l`: one row appended to this statement's own table.
    case log([SourcedExpression], SourceRange)
    /// `plot l, a` or `plot a vs i`: series named by the text of logged columns.
    case plot(series: [NamedRange], versus: NamedRange?, SourceRange)
    /// `check A = B = C`, `check A < B`, optionally `within TOL`.
    case check(Check, SourceRange)
    /// `trace EXPR`.
    case trace(SourcedExpression, SourceRange)
    /// `diagram EXPR`.
    case diagram(SourcedExpression, SourceRange)
    /// `gradcheck EXPR wrt a, b`.
    case gradcheck(SourcedExpression, wrt: [NamedRange], SourceRange)

    /// Where the statement stands in its block (for a loop, the `for` line through its body).
    public var range: SourceRange {
        switch self {
        case .param(_, _, _, let r), .assign(_, _, _, let r), .update(_, _, _, _, let r),
            .backward(_, _, let r), .zeroGrad(_, let r), .step(_, _, _, let r),
            .forLoop(_, _, _, let r), .show(_, let r), .log(_, let r), .plot(_, _, let r),
            .check(_, let r), .trace(_, let r), .diagram(_, let r), .gradcheck(_, _, let r):
            return r
        }
    }
}

/// A name with where it was written (loop variables, `zero_grad w`, `wrt a`, plot series).
///
/// For plot series, `name` is the column's source text, which may be an expression's text
/// such as `mean(l)`.
public struct NamedRange: Sendable, Hashable {
    public var name: String
    public var range: SourceRange

    public init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// An expression together with its source text as written, trimmed of surrounding spaces.
public struct SourcedExpression: Sendable, Hashable {
    public var expression: Expression
    public var text: String

    public init(expression: Expression, text: String) {
        self.expression = expression
        self.text = text
    }
}

/// The operator of an update statement.
public enum UpdateOperator: String, Sendable, Hashable {
    case add = "+="
    case subtract = "-="
    case multiply = "*="
    case divide = "/="
}

/// The body of a `check` statement.
public struct Check: Sendable, Hashable {
    /// The links of a chain `A = B = C` (at least two), or the two sides of a comparison.
    public var links: [SourcedExpression]
    /// `nil` for an equality chain (`=` or `==`); the operator for a one-comparison check.
    public var comparison: Comparison?
    /// The tolerance after `within`, if any.
    public var within: Expression?

    public init(links: [SourcedExpression], comparison: Comparison? = nil, within: Expression? = nil) {
        self.links = links
        self.comparison = comparison
        self.within = within
    }
}

/// The operator of a one-comparison check.
public enum Comparison: String, Sendable, Hashable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A parsed graph block: its statements in order.
public struct Program: Sendable, Hashable {
    public var statements: [Statement]

    public init(statements: [Statement]) {
        self.statements = statements
    }
}
