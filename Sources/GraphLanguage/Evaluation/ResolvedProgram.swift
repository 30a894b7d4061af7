import Autodiff

/// A graph block ready to run: every name resolved to a slot of the session's scope, every call to
/// a built-in, and every result-producing statement given the index of its output.
///
/// Resolving once keeps the interpreter's loop free of string lookups: a name is an array index.
struct ResolvedProgram {
    var statements: [ResolvedStatement]
    /// How many result-producing statements (`show`, `log`, ...) the block has.
    var outputCount: Int
    /// How many `step` statements the block has (each keeps its optimizer's state).
    var stepCount: Int
    /// How many `.withConstant` sites the block has (each caches its constant node).
    var constantSiteCount: Int
    /// The `log` statements by output index, to warn about a log that never ran.
    var logStatements: [(outputIndex: Int, range: SourceRange)]
}

/// A statement whose names are slots.
indirect enum ResolvedStatement {
    case param(slot: Int, value: ResolvedExpression, SourceRange)
    case assign(slot: Int, value: ResolvedExpression, SourceRange)
    case update(slot: Int, op: UpdateOperator, value: ResolvedExpression, SourceRange)
    case backward(ResolvedExpression, text: String, gradient: ResolvedExpression?, SourceRange)
    /// `zero_grad` (no names) or `zero_grad w, b`.
    case zeroGrad(names: [ResolvedName], SourceRange)
    case step(OptimizerCall, stepIndex: Int, SourceRange)
    case forLoop(variables: [ResolvedName], sequence: LoopSequence, body: [ResolvedStatement], SourceRange)
    case show(outputIndex: Int, [ResolvedSourcedExpression], SourceRange)
    case log(outputIndex: Int, [ResolvedSourcedExpression], SourceRange)
    case plot(outputIndex: Int, series: [NamedRange], versus: NamedRange?, SourceRange)
    case check(outputIndex: Int, ResolvedCheck, SourceRange)
    case trace(outputIndex: Int, ResolvedSourcedExpression, SourceRange)
    case diagram(outputIndex: Int, ResolvedSourcedExpression, SourceRange)
    case gradcheck(outputIndex: Int, ResolvedSourcedExpression, wrt: [ResolvedName], SourceRange)
    /// A statement that cannot run (for example `for i, j in range(3)`): its error, raised when
    /// it is reached, so that the statements before it still run as in a notebook.
    case invalid(Diagnostic)

    var range: SourceRange {
        switch self {
        case .param(_, _, let r), .assign(_, _, let r), .update(_, _, _, let r), .backward(_, _, _, let r),
            .zeroGrad(_, let r), .step(_, _, let r), .forLoop(_, _, _, let r), .show(_, _, let r),
            .log(_, _, let r), .plot(_, _, _, let r), .check(_, _, let r), .trace(_, _, let r),
            .diagram(_, _, let r), .gradcheck(_, _, _, let r):
            return r
        case .invalid(let diagnostic):
            return diagnostic.range
        }
    }
}

/// A name written in a statement, with its slot.
struct ResolvedName {
    var slot: Int
    var name: String
    var range: SourceRange
}

/// An expression with its source text, for outputs that name their expressions.
struct ResolvedSourcedExpression {
    var expression: ResolvedExpression
    var text: String
}

/// What a `for` loop iterates over.
enum LoopSequence {
    /// `range(N)`, `range(A, B)` or `range(A, B, STEP)`; a missing start is 0, a missing step 1.
    case range(start: ResolvedExpression?, end: ResolvedExpression, step: ResolvedExpression?)
    /// `zip(XS, YS, ...)`: rows of every sequence side by side.
    case zip([ResolvedSourcedExpression])
    /// `for ROW in EXPR`: rows of one tensor.
    case rows(ResolvedSourcedExpression)
}

/// `step sgd(lr=0.1, momentum=0.9)` or `step adam(lr=0.1, betas=..., eps=...)`.
struct OptimizerCall {
    enum Kind: String, CaseIterable {
        case sgd
        case adam

        /// The keyword arguments each optimizer accepts.
        var parameters: [String] {
            switch self {
            case .sgd: return ["lr", "momentum"]
            case .adam: return ["lr", "beta1", "beta2", "eps"]
            }
        }
    }

    var kind: Kind
    /// The argument of each of `kind.parameters`, in that order (`nil` where none was given): the
    /// interpreter reads them by position on every step, without looking names up.
    var arguments: [ResolvedExpression?]
    var text: String
}

/// The body of a `check` statement.
struct ResolvedCheck {
    /// The text after `check`, continuation lines joined by single spaces.
    var text: String
    var links: [ResolvedSourcedExpression]
    var comparison: Comparison?
    var within: ResolvedExpression?
}

/// An expression whose names are slots and whose calls are built-ins.
indirect enum ResolvedExpression {
    /// A weak number: it takes the dtype of the tensor it meets.
    case number(Double)
    case name(slot: Int, SourceRange)
    case list([ResolvedExpression], SourceRange)
    case negate(ResolvedExpression, SourceRange)
    case binary(BinaryOperator, ResolvedExpression, ResolvedExpression, SourceRange)
    /// `y * 1.000001`, `2 * s`: an operator with a literal number on one side. The literal's
    /// constant node is made once per site (and dtype) and reused, so a loop records one node
    /// per iteration.
    case withConstant(
        BinaryOperator, ResolvedExpression, constant: Double, constantOnLeft: Bool, site: Int, SourceRange)
    /// A call with its arguments in the built-in's parameter order (`nil` for an omitted optional
    /// one), followed by sizes for the built-ins that take them.
    case call(Builtin, [ResolvedExpression?], sizes: [ResolvedExpression], SourceRange)
    case index(ResolvedExpression, [ResolvedExpression], SourceRange)
    /// `x.grad`, with the text of `x` for messages.
    case grad(ResolvedExpression, text: String, SourceRange)
    case transpose(ResolvedExpression, SourceRange)
    case shape(ResolvedExpression, SourceRange)
    case derivative(of: ResolvedExpression, wrt: ResolvedExpression, ofText: String, wrtText: String, SourceRange)
    case cast(ResolvedExpression, DType, SourceRange)
    /// An expression that cannot be evaluated (an unknown function, a wrong argument): its error.
    case invalid(Diagnostic)
}

extension ResolvedSourcedExpression {
    /// Where the expression stands, when known (for messages).
    var range: SourceRange? { expression.range }
}

extension ResolvedExpression {
    /// Where the expression stands; `nil` for a literal number (which cannot fail).
    var range: SourceRange? {
        switch self {
        case .number: return nil
        case .name(_, let r), .list(_, let r), .negate(_, let r), .binary(_, _, _, let r), .call(_, _, _, let r),
            .withConstant(_, _, _, _, _, let r),
            .index(_, _, let r), .grad(_, _, let r), .transpose(_, let r), .shape(_, let r),
            .derivative(_, _, _, _, let r), .cast(_, _, let r):
            return r
        case .invalid(let diagnostic): return diagnostic.range
        }
    }
}
