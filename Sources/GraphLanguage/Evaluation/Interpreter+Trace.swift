import Autodiff

// `trace` and `diagram`: the graph of a value, its nodes named after the scope's variables.

extension Interpreter {
    /// The largest graph `trace` and `diagram` show (a table or chart beyond that helps nobody).
    static let largestShownGraph = 200
    /// How far the message about a graph too large counts its nodes ("more than" beyond).
    static let largestCountedGraph = 10_000

    /// A value's graph ready to show: the engine's nodes in forward order, each with a name, and
    /// the unnamed scalar constants (`2` in `2*s`) written inline instead of as nodes.
    struct NamedGraph {
        var nodes: [GraphNode]
        /// For each node: its name, or `nil` for an inline constant.
        var names: [String?]
        /// The text of every node as an input: its name, or the constant's number.
        var texts: [Tensor: String]
        /// The unnamed scalar constants, written inline.
        var inline: Set<Tensor>
    }

    mutating func namedGraph(of root: Tensor, statement: String, range: SourceRange) throws(Diagnostic) -> NamedGraph {
        let size = try graphSize(root, range: range)
        guard size <= Self.largestShownGraph else {
            throw EvaluationMessage.graphTooLarge(
                statement: statement, nodes: size, counted: Self.largestCountedGraph, limit: Self.largestShownGraph
            ).at(range)
        }
        let nodes = try engine(range) { try $0.graph(of: root) }
        var scopeNames: [Tensor: String] = [:]
        for (slot, binding) in slots.enumerated() {
            if let t = binding.tensor, scopeNames[t] == nil { scopeNames[t] = names.names[slot] }
        }
        let taken = Set(names.names)
        var generated = 0
        var graphNames: [String?] = []
        var texts: [Tensor: String] = [:]
        var inline: Set<Tensor> = []
        for node in nodes {
            if let name = scopeNames[node.tensor] ?? node.paramName {
                graphNames.append(name)
                texts[node.tensor] = name
            } else if node.kind == .constant, node.value.shape.isEmpty, node.tensor != root {
                graphNames.append(nil)
                inline.insert(node.tensor)
                let number = ValueText.number(node.value.scalars[0], dtype: node.value.dtype)
                texts[node.tensor] = number.hasPrefix("-") ? "(\(number))" : number
            } else {
                var name: String
                repeat {
                    generated += 1
                    name = "t\(generated)"
                } while taken.contains(name)
                graphNames.append(name)
                texts[node.tensor] = name
            }
        }
        return NamedGraph(nodes: nodes, names: graphNames, texts: texts, inline: inline)
    }

    /// The number of nodes of `root`'s graph, counted up to one past `largestCountedGraph`.
    private mutating func graphSize(_ root: Tensor, range: SourceRange) throws(Diagnostic) -> Int {
        var seen: Set<Tensor> = [root]
        var stack = [root]
        while let t = stack.popLast(), seen.count <= Self.largestCountedGraph {
            for input in try engine(range, { try $0.inputs(of: t) }) where seen.insert(input).inserted {
                stack.append(input)
            }
        }
        return seen.count
    }

    // MARK: Trace

    /// `trace EXPR`: one row per node in forward order.
    mutating func trace(of root: Tensor, text: String, range: SourceRange) throws(Diagnostic) -> Trace {
        let shape = try engine(range) { try $0.shape(root) }
        guard shape.reduce(1, *) == 1 else {
            throw EvaluationMessage.traceOfNonScalar(text, shape: shape).at(range)
        }
        let graph = try namedGraph(of: root, statement: "trace", range: range)
        var rows: [Trace.Row] = []
        for (node, name) in zip(graph.nodes, graph.names) {
            guard let name else { continue }
            let inputs = node.inputs.map { graph.texts[$0] ?? "?" }
            var locals: [Trace.LocalGradient] = []
            for (position, input) in node.inputs.enumerated() {
                guard position < node.localGradients.count, let local = node.localGradients[position],
                    let wrt = graph.texts[input], !graph.inline.contains(input)
                else { continue }
                let formula = Self.localGradientFormula(node, inputs: inputs, position: position)
                locals.append(Trace.LocalGradient(of: name, wrt: wrt, formula: formula, value: Value(local)))
            }
            rows.append(
                Trace.Row(
                    node: name, operation: Self.operationText(node, inputs: inputs), value: Value(node.value),
                    localGradients: locals, gradient: Value(node.gradient)))
        }
        return Trace(output: text, rows: rows, range: range)
    }

    /// How a node was computed, in terms of its inputs' names: `w * x`, `s^2`, `exp(z)`.
    static func operationText(_ node: GraphNode, inputs: [String]) -> String {
        let a = inputs.first ?? "?"
        let b = inputs.count > 1 ? inputs[1] : "?"
        switch node.kind {
        case .constant: return "input"
        case .param: return "param"
        case .add: return "\(a) + \(b)"
        case .sub: return "\(a) - \(b)"
        case .mul: return "\(a) * \(b)"
        case .div: return "\(a) / \(b)"
        case .pow: return "\(a)^\(b)"
        case .matmul: return "\(a) @ \(b)"
        case .neg: return "-\(a)"
        case .powScalar: return "\(a)^\(exponentText(node.attribute ?? 1))"
        case .clampMin: return "max(\(a), \(ValueText.number(node.attribute ?? 0, dtype: .f64)))"
        case .cast: return "\(a) as \(node.value.dtype)"
        case .transpose: return "\(a).T"
        case .reshape: return "reshape(\(a), \(node.value.shape.map(String.init).joined(separator: ", ")))"
        case .index: return "\(a)[\(node.indices.map(String.init).joined(separator: ", "))]"
        case .sum, .mean, .max, .min, .softmax, .logSoftmax:
            let name = node.kind == .logSoftmax ? "log_softmax" : node.kind.description
            if let dim = node.dim { return "\(name)(\(a), \(dim))" }
            return "\(name)(\(a))"
        default:
            return "\(node.kind.description)(\(inputs.joined(separator: ", ")))"
        }
    }

    /// `∂node/∂input` as a formula of the inputs' names: `x` for `w * x` by `w`, `2*s` for `s^2`.
    static func localGradientFormula(_ node: GraphNode, inputs: [String], position: Int) -> String {
        let a = inputs.first ?? "?"
        let b = inputs.count > 1 ? inputs[1] : "?"
        switch node.kind {
        case .add: return "1"
        case .sub: return position == 0 ? "1" : "-1"
        case .mul: return position == 0 ? b : a
        case .div: return position == 0 ? "1/\(b)" : "-\(a)/\(b)^2"
        case .pow: return position == 0 ? "\(b)*\(a)^(\(b) - 1)" : "\(a)^\(b)*log(\(a))"
        case .neg: return "-1"
        case .exp: return "exp(\(a))"
        case .log: return "1/\(a)"
        case .sqrt: return "1/(2*sqrt(\(a)))"
        case .abs: return "sign(\(a))"
        case .sin: return "cos(\(a))"
        case .cos: return "-sin(\(a))"
        case .tan: return "1 + tan(\(a))^2"
        case .tanh: return "1 - tanh(\(a))^2"
        case .sigmoid: return "sigmoid(\(a))*(1 - sigmoid(\(a)))"
        case .relu: return "1 if \(a) > 0 else 0"
        case .square: return "2*\(a)"
        case .powScalar:
            let c = node.attribute ?? 1
            if c == 0 { return "0" }
            if c == 1 { return "1" }
            if c == 2 { return "2*\(a)" }
            return "\(exponentText(c))*\(a)^\(exponentText(c - 1))"
        case .clampMin: return "1 if \(a) >= \(ValueText.number(node.attribute ?? 0, dtype: .f64)) else 0"
        case .cast: return "1"
        default: return "∂\(node.kind.description)/∂\(position == 0 ? a : b)"
        }
    }

    /// An exponent as written after `^`: `2`, `0.5`, `(-1)`.
    static func exponentText(_ c: Double) -> String {
        let text = ValueText.number(c, dtype: .f64)
        return c < 0 ? "(\(text))" : text
    }

    // MARK: Diagram

    /// `diagram EXPR`: value boxes and operation nodes, as micrograd's `draw_dot`.
    mutating func diagram(of root: Tensor, text: String, range: SourceRange) throws(Diagnostic) -> Diagram {
        let graph = try namedGraph(of: root, statement: "diagram", range: range)
        var ids: [Tensor: String] = [:]
        var values: [Diagram.ValueNode] = []
        var operations: [Diagram.OperationNode] = []
        for (node, name) in zip(graph.nodes, graph.names) {
            guard let name else { continue }
            let id = "v\(values.count)"
            ids[node.tensor] = id
            values.append(
                Diagram.ValueNode(id: id, name: name, value: Value(node.value), gradient: Value(node.gradient)))
            guard !node.inputs.isEmpty else { continue }
            var label = Self.operationSymbol(node)
            var inputIDs: [String] = []
            for (position, input) in node.inputs.enumerated() {
                if let inputID = ids[input] {
                    inputIDs.append(inputID)
                } else if let constant = graph.texts[input] {
                    label = position == 0 ? "\(constant) \(label)" : "\(label) \(constant)"
                }
            }
            operations.append(
                Diagram.OperationNode(id: "op\(operations.count)", label: label, inputs: inputIDs, output: id))
        }
        return Diagram(output: text, values: values, operations: operations, range: range)
    }

    /// The short label of an operation node: `+`, `*`, `^2`, `exp`.
    static func operationSymbol(_ node: GraphNode) -> String {
        switch node.kind {
        case .powScalar: return "^\(exponentText(node.attribute ?? 1))"
        case .matmul: return "@"
        case .neg: return "-"
        case .transpose: return ".T"
        case .index: return "[\(node.indices.map(String.init).joined(separator: ", "))]"
        case .cast: return "as \(node.value.dtype)"
        default: return node.kind.description
        }
    }
}
