/// What running one graph block produced: its outputs in statement order, and the error that
/// stopped it, if one did. Outputs produced before an error are kept.
public struct BlockOutcome: Sendable, Hashable {
    public var outputs: [Output]
    public var error: Diagnostic?
    /// Non-fatal messages (for example a loop that never ran a `log`).
    public var warnings: [Diagnostic]

    public init(outputs: [Output] = [], error: Diagnostic? = nil, warnings: [Diagnostic] = []) {
        self.outputs = outputs
        self.error = error
        self.warnings = warnings
    }

    /// The number of checks and gradchecks in the outputs, and how many of them failed.
    public var checkCounts: (total: Int, failed: Int) {
        var total = 0
        var failed = 0
        for output in outputs {
            switch output {
            case .check(let c):
                total += 1
                if !c.passed { failed += 1 }
            case .gradcheck(let g):
                total += 1
                if !g.passed { failed += 1 }
            default:
                break
            }
        }
        return (total, failed)
    }
}

/// One result-producing statement's output. A statement inside a loop produces one output
/// (its table grows row by row), placed where the statement first ran.
public enum Output: Sendable, Hashable {
    case show(ShowTable)
    case log(LogTable)
    case plot(Plot)
    case check(CheckResult)
    case trace(Trace)
    case diagram(Diagram)
    case gradcheck(GradcheckResult)
}

/// The rows of one `show` statement: `expression | value`, one row per expression per execution.
public struct ShowTable: Sendable, Hashable {
    public var rows: [Row]
    /// Where the `show` statement stands.
    public var range: SourceRange

    public struct Row: Sendable, Hashable {
        public var expression: String
        public var value: Value

        public init(expression: String, value: Value) {
            self.expression = expression
            self.value = value
        }
    }

    public init(rows: [Row], range: SourceRange) {
        self.rows = rows
        self.range = range
    }
}

/// The table of one `log` statement: one column per logged expression, one row per execution.
public struct LogTable: Sendable, Hashable {
    /// Column names: the logged expressions' source text.
    public var columns: [String]
    /// `rows[i][j]` is column `j` at the `i`-th execution.
    public var rows: [[Value]]
    public var range: SourceRange

    public init(columns: [String], rows: [[Value]], range: SourceRange) {
        self.columns = columns
        self.rows = rows
        self.range = range
    }
}

/// A line chart of logged columns, resolved when the `plot` statement ran.
public struct Plot: Sendable, Hashable {
    /// Each series: the column name and its values. Only scalar columns can be plotted; a tensor
    /// column is an error at the `plot` statement.
    public var series: [Series]
    /// The x axis: another column of the same table, or `nil` for the row number (0, 1, 2, ...).
    public var versus: Series?
    public var range: SourceRange

    public struct Series: Sendable, Hashable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public init(series: [Series], versus: Series?, range: SourceRange) {
        self.series = series
        self.versus = versus
        self.range = range
    }
}

/// The verdict on one `check` statement, with the value of every link.
public struct CheckResult: Sendable, Hashable {
    /// The check's source text as written (continuation lines joined by single spaces).
    public var text: String
    public var links: [Link]
    /// `nil` for an equality chain.
    public var comparison: Comparison?
    public var passed: Bool
    /// For a failed equality chain: the index `i` of the first link that differs from link `i - 1`.
    public var firstBrokenLink: Int?
    /// The absolute and relative tolerance the links were compared with.
    public var absoluteTolerance: Double
    public var relativeTolerance: Double
    public var range: SourceRange

    public struct Link: Sendable, Hashable {
        public var text: String
        public var value: Value

        public init(text: String, value: Value) {
            self.text = text
            self.value = value
        }
    }

    public init(
        text: String, links: [Link], comparison: Comparison?, passed: Bool, firstBrokenLink: Int?,
        absoluteTolerance: Double, relativeTolerance: Double, range: SourceRange
    ) {
        self.text = text
        self.links = links
        self.comparison = comparison
        self.passed = passed
        self.firstBrokenLink = firstBrokenLink
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.range = range
    }
}

/// The forward and backward pass of a scalar expression, one row per node in forward order.
public struct Trace: Sendable, Hashable {
    /// The traced expression's source text (the output, `out`).
    public var output: String
    public var rows: [Row]
    public var range: SourceRange

    public struct Row: Sendable, Hashable {
        /// The node's name: the variable bound to it (`y_hat`), or a generated one (`t1`).
        public var node: String
        /// How it was computed: `w * x`, `y_hat - y`, `s^2`; `param` or `input` for leaves.
        public var operation: String
        public var value: Value
        /// The local gradient of this node with respect to each of its inputs.
        public var localGradients: [LocalGradient]
        /// d(output)/d(node).
        public var gradient: Value

        public init(
            node: String, operation: String, value: Value, localGradients: [LocalGradient], gradient: Value
        ) {
            self.node = node
            self.operation = operation
            self.value = value
            self.localGradients = localGradients
            self.gradient = gradient
        }
    }

    /// `∂s/∂y_hat = 1`, `∂loss/∂s = 2*s = -2`: the formula and its value at this point.
    public struct LocalGradient: Sendable, Hashable {
        public var of: String
        public var wrt: String
        /// The formula in terms of node names, e.g. `2*s`, `x`, `1`.
        public var formula: String
        public var value: Value

        public init(of: String, wrt: String, formula: String, value: Value) {
            self.of = of
            self.wrt = wrt
            self.formula = formula
            self.value = value
        }
    }

    public init(output: String, rows: [Row], range: SourceRange) {
        self.output = output
        self.rows = rows
        self.range = range
    }
}

/// The graph of an expression for a Mermaid flowchart: value boxes and operation nodes.
public struct Diagram: Sendable, Hashable {
    public var output: String
    public var values: [ValueNode]
    public var operations: [OperationNode]
    public var range: SourceRange

    /// A box `name = value`, `grad = ...`.
    public struct ValueNode: Sendable, Hashable {
        /// A stable id within the diagram (`v0`, `v1`, ...).
        public var id: String
        public var name: String
        public var value: Value
        /// d(output)/d(this value), if computed.
        public var gradient: Value?

        public init(id: String, name: String, value: Value, gradient: Value?) {
            self.id = id
            self.name = name
            self.value = value
            self.gradient = gradient
        }
    }

    /// An operation node (`*`, `-`, `square`) with its input value ids and its output value id.
    public struct OperationNode: Sendable, Hashable {
        public var id: String
        public var label: String
        public var inputs: [String]
        public var output: String

        public init(id: String, label: String, inputs: [String], output: String) {
            self.id = id
            self.label = label
            self.inputs = inputs
            self.output = output
        }
    }

    public init(output: String, values: [ValueNode], operations: [OperationNode], range: SourceRange) {
        self.output = output
        self.values = values
        self.operations = operations
        self.range = range
    }
}

/// Autodiff against central finite differences in f64.
public struct GradcheckResult: Sendable, Hashable {
    public var text: String
    public var passed: Bool
    /// The largest relative error over every element of every input.
    public var maxRelativeError: Double
    /// Per input: its name and its largest relative error.
    public var inputs: [(name: String, maxRelativeError: Double)] {
        get { zip(inputNames, inputErrors).map { ($0, $1) } }
    }
    public var inputNames: [String]
    public var inputErrors: [Double]
    public var tolerance: Double
    public var range: SourceRange

    public init(
        text: String, passed: Bool, maxRelativeError: Double, inputNames: [String], inputErrors: [Double],
        tolerance: Double, range: SourceRange
    ) {
        self.text = text
        self.passed = passed
        self.maxRelativeError = maxRelativeError
        self.inputNames = inputNames
        self.inputErrors = inputErrors
        self.tolerance = tolerance
        self.range = range
    }
}
