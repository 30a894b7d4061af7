import GraphLanguage

/// The `diagram` output: a Mermaid flowchart drawn left to right, as micrograd's `draw_dot`
/// draws a graph: a box per value (`name = value`, `grad = ...`) and a round node per operation,
/// with edges from each input to its operation and from the operation to its result.
enum MermaidDiagram {
    static func lines(for diagram: Diagram, precision: Int?) -> [String] {
        var lines = ["```mermaid", "flowchart LR"]
        // Node ids are generated here (v0, op0, ...) rather than taken from the results, so that no
        // id can be a Mermaid keyword such as `end`.
        var valueIds: [String: String] = [:]
        for (index, node) in diagram.values.enumerated() {
            let id = "v\(index)"
            if valueIds[node.id] == nil { valueIds[node.id] = id }
            var label = "\(node.name) = \(formatValue(node.value, precision: precision))"
            if let gradient = node.gradient { label += "<br>grad = \(formatValue(gradient, precision: precision))" }
            lines.append("    \(id)[\"\(escapeLabel(label))\"]")
        }
        var edges: [String] = []
        for (index, operation) in diagram.operations.enumerated() {
            let id = "op\(index)"
            lines.append("    \(id)((\"\(escapeLabel(operation.label))\"))")
            for input in operation.inputs {
                if let from = valueIds[input] { edges.append("    \(from) --> \(id)") }
            }
            if let to = valueIds[operation.output] { edges.append("    \(id) --> \(to)") }
        }
        lines += edges
        lines.append("    classDef op fill:#f3f3f3,stroke:#888888")
        if !diagram.operations.isEmpty {
            lines.append("    class " + diagram.operations.indices.map { "op\($0)" }.joined(separator: ",") + " op")
        }
        lines.append("```")
        return lines
    }

    /// Text inside a quoted Mermaid label: quotes, `#`, `&` and angle brackets as Mermaid entity
    /// codes, so that only the `<br>` this type writes is markup.
    static func escapeLabel(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let c = rest.first {
            if rest.hasPrefix("<br>") {
                result += "<br>"
                rest = rest.dropFirst(4)
                continue
            }
            switch c {
            case "\"": result += "#quot;"
            case "#": result += "#35;"
            case "&": result += "#amp;"
            case "<": result += "#lt;"
            case ">": result += "#gt;"
            case "\n", "\r\n", "\r": result += " "
            default: result.append(c)
            }
            rest = rest.dropFirst()
        }
        return result
    }
}
