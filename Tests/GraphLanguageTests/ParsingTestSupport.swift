import Testing

@testable import GraphLanguage

/// A compact, independent rendering of syntax trees for parser tests: `(+ a (* b c))`.
///
/// Written by hand from the AST's cases (not from the parser), so a test states the tree it
/// expects in a form a reader can check at a glance.
func sExpression(_ expression: Expression) -> String {
    switch expression {
    case .number(let value, _):
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    case .name(let name, _):
        return name
    case .list(let elements, _):
        return "[" + elements.map(sExpression).joined(separator: " ") + "]"
    case .unary(let op, let operand, _):
        return "(\(op == .negate ? "neg" : "pos") \(sExpression(operand)))"
    case .binary(let op, let left, let right, _):
        return "(\(op.rawValue) \(sExpression(left)) \(sExpression(right)))"
    case .call(let name, let arguments, _):
        return "(\(name)" + arguments.map { " " + sExpression($0) }.joined() + ")"
    case .index(let base, let indices, _):
        return "(index \(sExpression(base))" + indices.map { " " + sExpression($0) }.joined() + ")"
    case .member(let base, let member, _):
        return "(.\(member.rawValue) \(sExpression(base)))"
    case .derivative(let of, let wrt, _):
        return "(d \(sExpression(of)) \(sExpression(wrt)))"
    case .cast(let base, let dtype, _):
        return "(as \(dtype.rawValue) \(sExpression(base)))"
    }
}

func sExpression(_ argument: Argument) -> String {
    (argument.label.map { "\($0)=" } ?? "") + sExpression(argument.value)
}

func sExpression(_ statement: Statement) -> String {
    func list(_ items: [String]) -> String { items.map { " " + $0 }.joined() }
    switch statement {
    case .param(let name, _, let value, _):
        return "(param \(name) \(sExpression(value)))"
    case .assign(let name, _, let value, _):
        return "(= \(name) \(sExpression(value)))"
    case .update(let name, _, let op, let value, _):
        return "(\(op.rawValue) \(name) \(sExpression(value)))"
    case .backward(let value, let gradient, _):
        return "(backward \(sExpression(value))" + (gradient.map { " " + sExpression($0) } ?? "") + ")"
    case .zeroGrad(let names, _):
        return "(zero_grad" + list(names.map(\.name)) + ")"
    case .step(let optimizer, _, let arguments, _):
        return "(step \(optimizer)" + list(arguments.map(sExpression)) + ")"
    case .forLoop(let variables, let sequence, let body, _):
        return "(for (\(variables.map(\.name).joined(separator: " "))) \(sExpression(sequence))"
            + list(body.map(sExpression)) + ")"
    case .show(let items, _):
        return "(show" + list(items.map { sExpression($0.expression) }) + ")"
    case .log(let items, _):
        return "(log" + list(items.map { sExpression($0.expression) }) + ")"
    case .plot(let series, let versus, _):
        return "(plot" + list(series.map { "'\($0.name)'" }) + (versus.map { " vs '\($0.name)'" } ?? "") + ")"
    case .check(let check, _):
        return "(check \(check.comparison?.rawValue ?? "=")" + list(check.links.map { sExpression($0.expression) })
            + (check.within.map { " within " + sExpression($0) } ?? "") + ")"
    case .trace(let item, _):
        return "(trace \(sExpression(item.expression)))"
    case .diagram(let item, _):
        return "(diagram \(sExpression(item.expression)))"
    case .gradcheck(let item, let names, _):
        return "(gradcheck \(sExpression(item.expression)) wrt" + list(names.map(\.name)) + ")"
    }
}

/// Parses `source`, failing the test with the rendered diagnostic if it does not parse.
func parsedProgram(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Program {
    switch parseProgram(source) {
    case .success(let program):
        return program
    case .failure(let diagnostic):
        Issue.record("unexpected parse error:\n\(diagnostic.rendered(source: source))", sourceLocation: sourceLocation)
        throw diagnostic
    }
}

/// The s-expressions of a block's statements, one per line.
func sExpressions(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    try parsedProgram(source, sourceLocation: sourceLocation).statements.map(sExpression).joined(separator: "\n")
}

/// The s-expression of the expression in `x = EXPR`.
func sExpression(of expression: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let program = try parsedProgram("x = \(expression)", sourceLocation: sourceLocation)
    guard program.statements.count == 1, case .assign(_, _, let value, _) = program.statements[0] else {
        Issue.record("expected one assignment, got \(program.statements)", sourceLocation: sourceLocation)
        return ""
    }
    return sExpression(value)
}

/// The rendered diagnostic for a block that must not parse (or a note that it parsed).
func renderedParseError(_ source: String) -> String {
    switch parseProgram(source) {
    case .success(let program):
        return "parsed without error: \(program.statements.map(sExpression))"
    case .failure(let diagnostic):
        return diagnostic.rendered(source: source)
    }
}

/// A range on one line, `line:start-end` in columns.
func oneLineRange(_ line: Int, _ start: Int, _ end: Int) -> SourceRange {
    SourceRange(start: SourcePosition(line: line, column: start), end: SourcePosition(line: line, column: end))
}
