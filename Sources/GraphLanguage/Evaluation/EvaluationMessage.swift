/// Every error the interpreter reports, worded for the lesson author: what happened and what to
/// write instead.
///
/// A message never states a position: the runner reports the diagnostic's range as a file
/// position, and a place worth pointing at (a param's update, the log statements of an ambiguous
/// column) goes in a note with its own range.
///
/// Shapes read as the engine writes them, after the word "shape": `shape 3`, `shape 2×3`, and
/// `a scalar` for 0-d. Limits read with thousands separators (`10,000,000`).
enum EvaluationMessage: Sendable, Hashable {
    // Names and calls.
    case unknownName(String, suggestion: String?)
    case unknownFunction(String, suggestion: String?)
    case wrongArgumentCount(usage: String, given: Int)
    case unknownKeyword(function: String, keyword: String, suggestion: String?)
    case repeatedArgument(function: String, parameter: String)
    case loopOnly(String)
    case notANumber(what: String, shape: [Int])
    case notAWholeNumber(what: String, value: Double)
    case sizesNotAShape(usage: String, shape: [Int])

    // Params and gradients.
    case assignToParam(String)
    case gradOfNonParam(String, root: String)
    case gradEmpty(String)
    case zeroGradOfNonParam(String)
    case updateChangesShape(name: String, shape: [Int], updateShape: [Int])
    case staleValue(param: String, earlierBlock: Bool)
    /// The note of `staleValue` at the update.
    case updatedHere(param: String)
    case nonScalarBackward(shape: [Int], text: String)
    case backwardGradientShape(valueShape: [Int], gradientShape: [Int])
    case backwardOfNumber(String)
    case derivativeOfNumber(String)
    case derivativeWrtNumber(String)

    // Tensors.
    case raggedList(index: Int, shape: [Int], firstShape: [Int])
    case engine(String)

    // Loops.
    case loopOverScalar(String)
    case loopVariableCount(expected: Int, given: Int, sequence: String)
    case zipLengths(first: String, firstCount: Int, other: String, otherCount: Int)
    case rangeStepZero

    // Optimizers.
    case unknownOptimizer(String, suggestion: String?)
    case missingLearningRate(String)

    // Outputs.
    case unknownColumn(String, available: [String], suggestion: String?)
    case ambiguousColumn(String, count: Int)
    /// The note of `ambiguousColumn` at each log statement.
    case loggedHere(String)
    case versusInOtherTable(series: String, versus: String)
    case plotOfTensorColumn(String, shape: [Int])
    case traceOfNonScalar(String, shape: [Int])
    /// A graph of `nodes` nodes, counted no further than one past `counted`.
    case graphTooLarge(statement: String, nodes: Int, counted: Int, limit: Int)
    case checkShapes(first: String, firstShape: [Int], second: String, secondShape: [Int])
    case gradcheckWrtUnknown(String, suggestion: String?)

    // Warnings.
    case logNeverRan
    case stepWithoutGradients(String)
    case traceOptionOfNonScalar(String, shape: [Int])

    // Limits.
    case statementLimit(Int)
    case timeout(Double)

    var text: String {
        switch self {
        case .unknownName(let name, let suggestion):
            return "unknown name `\(name)`" + Self.didYouMean(suggestion)
        case .unknownFunction(let name, let suggestion):
            return "unknown function `\(name)`" + Self.didYouMean(suggestion)
        case .wrongArgumentCount(let usage, let given):
            return "\(usage) cannot take \(given) argument\(given == 1 ? "" : "s")"
        case .unknownKeyword(let function, let keyword, let suggestion):
            return "\(function) has no argument `\(keyword)`" + Self.didYouMean(suggestion)
        case .repeatedArgument(let function, let parameter):
            return "\(function) is given its argument `\(parameter)` twice"
        case .loopOnly(let name):
            return name == "range"
                ? "range(...) makes the numbers of a loop: `for i in range(...)`; for a tensor of numbers, use arange(...)"
                : "\(name)(...) can only be looped over: `for x, y in \(name)(xs, ys)`"
        case .notANumber(let what, let shape):
            return "\(what) must be a number, not \(ShapeText.value(shape))"
        case .notAWholeNumber(let what, let value):
            return "\(what) must be a whole number, not \(ShapeText.number(value))"
        case .sizesNotAShape(let usage, let shape):
            return "\(usage) takes whole numbers, or one shape such as `x.shape`, not \(ShapeText.value(shape))"

        case .assignToParam(let name):
            return "`\(name)` is a param: `\(name) = ...` would replace it with a value that collects no gradient; "
                + "update it in place with `\(name) -= ...`, or declare a new param with `param \(name) = ...`"
        case .gradOfNonParam(let text, let root):
            return "`\(text)` is not a param, so it has no .grad (only params collect gradients); "
                + "write `d(\(root))/d(\(Self.unparenthesized(text)))` for the gradient of \(root) with respect to it"
        case .gradEmpty(let name):
            return "\(name).grad is empty: no backward has reached \(name) yet"
        case .zeroGradOfNonParam(let name):
            return "`\(name)` is not a param: zero_grad clears the .grad of params only"
        case .updateChangesShape(let name, let shape, let updateShape):
            return "cannot update \(name) in place: \(name) \(ShapeText.has(shape)), and the updated value would "
                + "have shape \(ShapeText.describe(updateShape))"
        case .staleValue(let param, let earlierBlock):
            let place = earlierBlock ? " in an earlier block" : ""
            return "this value was computed from \(param) before \(param) was updated\(place), "
                + "so its graph no longer matches \(param); compute it again after the update, then backward"
        case .updatedHere(let param):
            return "\(param) was updated here"
        case .nonScalarBackward(let shape, let text):
            let sizes = shape.map(String.init).joined(separator: ", ")
            return "backward of \(ShapeText.value(shape)) needs a gradient of the same shape, "
                + "e.g. `backward \(text), ones(\(sizes))`"
        case .backwardGradientShape(let valueShape, let gradientShape):
            return "the gradient of backward must have the value's shape: the value \(ShapeText.has(valueShape)), "
                + "the gradient \(ShapeText.has(gradientShape))"
        case .backwardOfNumber(let text):
            return "backward of a plain number (`\(text)`) does nothing: backward a value computed from params"
        case .derivativeOfNumber(let text):
            return "d(\(text)) is the derivative of a plain number: differentiate a value computed from params"
        case .derivativeWrtNumber(let text):
            return
                "d(...)/d(\(text)): the value after `/d` must name a value in the graph, such as a param or a variable"

        case .raggedList(let index, let shape, let firstShape):
            return "ragged list: element \(index + 1) \(ShapeText.has(shape)) but element 1 "
                + "\(ShapeText.has(firstShape)); every element of a list must have the same shape"
        case .engine(let message):
            return message

        case .loopOverScalar(let text):
            return "cannot loop over `\(text)`, a scalar: `for` iterates along the first dimension of a tensor"
        case .loopVariableCount(let expected, let given, let sequence):
            return "`\(sequence)` gives \(expected) value\(expected == 1 ? "" : "s") per iteration, "
                + "but the loop names \(given)"
        case .zipLengths(let first, let firstCount, let other, let otherCount):
            return "zip needs sequences of the same length: `\(first)` has \(firstCount) rows, "
                + "`\(other)` has \(otherCount)"
        case .rangeStepZero:
            return "the step of range(...) cannot be 0"

        case .unknownOptimizer(let name, let suggestion):
            return "unknown optimizer `\(name)`"
                + Self.didYouMean(suggestion, otherwise: "; the optimizers are sgd and adam")
        case .missingLearningRate(let name):
            return "\(name) needs a learning rate: `step \(name)(lr=0.01)`"

        case .unknownColumn(let name, let available, let suggestion):
            if available.isEmpty {
                return "no column `\(name)` to plot: this block has logged nothing yet (plot draws columns of `log`)"
            }
            let list = available.map { "`\($0)`" }.joined(separator: ", ")
            return "no logged column `\(name)` in this block" + Self.didYouMean(suggestion)
                + (suggestion == nil ? "; " : " ") + "logged columns: \(list)"
        case .ambiguousColumn(let name, let count):
            return "`\(name)` is ambiguous: \(count) log statements log it; plot a column that only one log "
                + "statement logs"
        case .loggedHere(let name):
            return "`\(name)` is logged here"
        case .versusInOtherTable(let series, let versus):
            return "cannot plot `\(series)` vs `\(versus)`: they are logged by different log statements; "
                + "log them together (`log \(versus), \(series)`)"
        case .plotOfTensorColumn(let name, let shape):
            return "cannot plot `\(name)`: its logged values have shape \(ShapeText.describe(shape)), not numbers; "
                + "log a number such as `mean(\(name))`"
        case .traceOfNonScalar(let text, let shape):
            return "trace needs a scalar, but `\(text)` \(ShapeText.has(shape)); "
                + "trace sum(\(text)) or mean(\(text))"
        case .graphTooLarge(let statement, let nodes, let counted, let limit):
            let size = nodes > counted ? "more than \(ShapeText.grouped(counted))" : ShapeText.grouped(nodes)
            return "\(statement) shows graphs of up to \(ShapeText.grouped(limit)) nodes, and this one has \(size); "
                + "\(statement) a smaller expression"
        case .checkShapes(let first, let firstShape, let second, let secondShape):
            return "check compares `\(first)` (shape \(ShapeText.describe(firstShape))) with `\(second)` "
                + "(shape \(ShapeText.describe(secondShape))): the shapes do not broadcast"
        case .gradcheckWrtUnknown(let name, let suggestion):
            return "gradcheck ... wrt `\(name)`: no value is named `\(name)`"
                + Self.didYouMean(suggestion, otherwise: "; after `wrt`, name params or variables of the scope")
        case .logNeverRan:
            return "this log never ran (is it in a loop that ran zero times?), so it has no table"
        case .traceOptionOfNonScalar(let text, let shape):
            return "the block option `trace` traces scalars, and `\(text)` \(ShapeText.has(shape)); "
                + "trace sum(\(text)) with a `trace` statement instead"
        case .stepWithoutGradients(let text):
            return "`step \(text)` found no param with a gradient, so it changed nothing; call backward before step"

        case .statementLimit(let limit):
            return "this block ran more than \(ShapeText.grouped(limit)) statements, the limit for one block; "
                + "does a loop run longer than intended?"
        case .timeout(let seconds):
            return "this block ran longer than the timeout of \(ShapeText.number(seconds)) s"
        }
    }

    /// `w * 3` for `(w * 3)`: the text without one pair of parentheses around all of it.
    static func unparenthesized(_ text: String) -> String {
        guard text.hasPrefix("("), text.hasSuffix(")") else { return text }
        var depth = 0
        for (offset, character) in text.enumerated() {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0 && offset < text.count - 1 { return text }
        }
        return String(text.dropFirst().dropLast())
    }

    private static func didYouMean(_ suggestion: String?, otherwise: String = "") -> String {
        suggestion.map { "; did you mean `\($0)`?" } ?? otherwise
    }

    /// This message as an error at `range`, with notes pointing elsewhere.
    func at(_ range: SourceRange, notes: [Diagnostic.Note] = []) -> Diagnostic {
        Diagnostic(message: text, range: range, notes: notes)
    }

    /// This message as a note at `range`.
    func note(at range: SourceRange) -> Diagnostic.Note {
        Diagnostic.Note(message: text, range: range)
    }

    /// This message as a warning at `range`.
    func warning(at range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .warning, message: text, range: range)
    }
}
