import GraphLanguage

/// The `trace` table: the three steps of backpropagation, one row per node in forward order.
enum TraceReport {
    /// A trace is meant for a small graph and is shown whole up to this many nodes; a larger one
    /// shows its first and last 50 nodes.
    static let maximumRows = 100
    /// Operations of leaves, written as words rather than code.
    static let leafOperations: Set<String> = ["param", "input"]

    /// `| node | operation | value | local gradients | ∂loss/∂node |`.
    ///
    /// The value column is the forward pass, the local gradients column is each node's derivative
    /// with respect to its inputs (formula and value), and the last column is the backward pass.
    static func table(_ trace: Trace, precision: Int?) -> [String] {
        let header = ["node", "operation", "value", "local gradients", gradientHeader(output: trace.output)]
        return TableReport.lines(
            header: header, rightAligned: [false, false, true, false, true], rowCount: trace.rows.count,
            maximumRows: maximumRows
        ) { index in
            let row = trace.rows[index]
            let operation =
                leafOperations.contains(row.operation) ? row.operation : MarkdownText.code(row.operation)
            let locals = row.localGradients.map { localGradientText($0, precision: precision) }
            return [
                MarkdownText.code(row.node),
                operation,
                formatValue(row.value, precision: precision),
                locals.joined(separator: "<br>"),
                formatValue(row.gradient, precision: precision),
            ].map(MarkdownText.cell)
        }
    }

    /// `∂loss/∂node` for a named output; the same in a code span for an expression such as `mean(l)`.
    static func gradientHeader(output: String) -> String {
        let text = "∂\(output)/∂node"
        return isIdentifier(output) ? text : MarkdownText.code(text)
    }

    /// `∂loss/∂s = 2*s = -2`, or `∂s/∂y_hat = 1` when the formula is its own value.
    static func localGradientText(_ gradient: Trace.LocalGradient, precision: Int?) -> String {
        let value = formatValue(gradient.value, precision: precision)
        var text = "∂\(gradient.of)/∂\(gradient.wrt) = \(gradient.formula)"
        if gradient.formula.trimmingSpaces != value { text += " = \(value)" }
        return MarkdownText.code(text)
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
            }
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
