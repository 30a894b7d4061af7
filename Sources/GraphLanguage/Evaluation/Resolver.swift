import Autodiff

/// Turns a parsed program into a `ResolvedProgram`: names to slots, calls to built-ins, and the
/// texts that outputs and messages quote.
///
/// Mistakes found here (an unknown function, a wrong argument) do not stop the block at once:
/// they become `.invalid` nodes that raise their error when reached, as Python would.
struct Resolver {
    var names: NameTable
    let source: SourceLines
    private var outputCount = 0
    private var stepCount = 0
    private var constantSiteCount = 0
    private var logStatements: [(outputIndex: Int, range: SourceRange)] = []

    init(names: NameTable, source: SourceLines) {
        self.names = names
        self.source = source
    }

    mutating func resolve(_ program: Program) -> ResolvedProgram {
        let statements = program.statements.map { statement($0) }
        return ResolvedProgram(
            statements: statements, outputCount: outputCount, stepCount: stepCount,
            constantSiteCount: constantSiteCount, logStatements: logStatements)
    }

    private mutating func nextOutput() -> Int {
        defer { outputCount += 1 }
        return outputCount
    }

    private mutating func name(_ named: NamedRange) -> ResolvedName {
        ResolvedName(slot: names.slot(for: named.name), name: named.name, range: named.range)
    }

    private mutating func sourced(_ sourced: SourcedExpression) -> ResolvedSourcedExpression {
        ResolvedSourcedExpression(expression: expression(sourced.expression), text: sourced.text)
    }

    // MARK: Statements

    mutating func statement(_ statement: Statement) -> ResolvedStatement {
        switch statement {
        case .param(let name, _, let value, let range):
            return .param(slot: names.slot(for: name), value: expression(value), range)
        case .assign(let name, _, let value, let range):
            return .assign(slot: names.slot(for: name), value: expression(value), range)
        case .update(let name, _, let op, let value, let range):
            return .update(slot: names.slot(for: name), op: op, value: expression(value), range)
        case .backward(let value, let gradient, let range):
            return .backward(
                expression(value), text: source.text(value.range), gradient: gradient.map { expression($0) }, range)
        case .zeroGrad(let named, let range):
            return .zeroGrad(names: named.map { name($0) }, range)
        case .step(let optimizer, let optimizerRange, let arguments, let range):
            return step(optimizer, optimizerRange: optimizerRange, arguments: arguments, range: range)
        case .forLoop(let variables, let sequence, let body, let range):
            return forLoop(variables: variables, sequence: sequence, body: body, range: range)
        case .show(let expressions, let range):
            return .show(outputIndex: nextOutput(), expressions.map { sourced($0) }, range)
        case .log(let expressions, let range):
            let outputIndex = nextOutput()
            logStatements.append((outputIndex, range))
            return .log(outputIndex: outputIndex, expressions.map { sourced($0) }, range)
        case .plot(let series, let versus, let range):
            return .plot(outputIndex: nextOutput(), series: series, versus: versus, range)
        case .check(let check, let range):
            let start = check.links.first?.expression.range.start ?? range.start
            let text = source.text(SourceRange(start: start, end: range.end))
            let resolved = ResolvedCheck(
                text: text, links: check.links.map { sourced($0) }, comparison: check.comparison,
                within: check.within.map { expression($0) })
            return .check(outputIndex: nextOutput(), resolved, range)
        case .trace(let value, let range):
            return .trace(outputIndex: nextOutput(), sourced(value), range)
        case .diagram(let value, let range):
            return .diagram(outputIndex: nextOutput(), sourced(value), range)
        case .gradcheck(let value, let wrt, let range):
            return .gradcheck(outputIndex: nextOutput(), sourced(value), wrt: wrt.map { name($0) }, range)
        }
    }

    private mutating func step(
        _ optimizer: String, optimizerRange: SourceRange, arguments: [Argument], range: SourceRange
    ) -> ResolvedStatement {
        guard let kind = OptimizerCall.Kind(rawValue: optimizer) else {
            let suggestion = Suggestion.closest(to: optimizer, among: OptimizerCall.Kind.allCases.map(\.rawValue))
            return .invalid(EvaluationMessage.unknownOptimizer(optimizer, suggestion: suggestion).at(optimizerRange))
        }
        var resolved: [String: ResolvedExpression] = [:]
        for (position, argument) in arguments.enumerated() {
            let parameter: String
            let where_ = argument.labelRange ?? argument.value.range
            if let label = argument.label {
                guard kind.parameters.contains(label) else {
                    let suggestion = Suggestion.closest(to: label, among: kind.parameters)
                    return .invalid(
                        EvaluationMessage.unknownKeyword(
                            function: kind.rawValue, keyword: label, suggestion: suggestion
                        )
                        .at(where_))
                }
                parameter = label
            } else {
                guard position < kind.parameters.count else {
                    let usage = "\(kind.rawValue)(" + kind.parameters.map { "\($0)=..." }.joined(separator: ", ") + ")"
                    return .invalid(
                        EvaluationMessage.wrongArgumentCount(usage: usage, given: arguments.count).at(range))
                }
                parameter = kind.parameters[position]
            }
            guard resolved[parameter] == nil else {
                return .invalid(
                    EvaluationMessage.repeatedArgument(function: kind.rawValue, parameter: parameter).at(where_))
            }
            resolved[parameter] = expression(argument.value)
        }
        guard resolved["lr"] != nil else {
            return .invalid(EvaluationMessage.missingLearningRate(kind.rawValue).at(range))
        }
        let text = source.text(SourceRange(start: optimizerRange.start, end: range.end))
        defer { stepCount += 1 }
        let positional = kind.parameters.map { resolved[$0] }
        return .step(OptimizerCall(kind: kind, arguments: positional, text: text), stepIndex: stepCount, range)
    }

    private mutating func forLoop(
        variables: [NamedRange], sequence: Expression, body: [Statement], range: SourceRange
    ) -> ResolvedStatement {
        let loopVariables = variables.map { name($0) }
        let resolvedBody = body.map { statement($0) }
        let sequenceText = source.text(sequence.range)
        let loopSequence: LoopSequence
        let valuesPerIteration: Int
        switch sequence {
        case .call("range", let arguments, let callRange):
            if let keyword = arguments.first(where: { $0.label != nil }), let label = keyword.label {
                return .invalid(
                    EvaluationMessage.unknownKeyword(function: "range", keyword: label, suggestion: nil)
                        .at(keyword.labelRange ?? callRange))
            }
            let values = arguments.map { expression($0.value) }
            switch values.count {
            case 1: loopSequence = .range(start: nil, end: values[0], step: nil)
            case 2: loopSequence = .range(start: values[0], end: values[1], step: nil)
            case 3: loopSequence = .range(start: values[0], end: values[1], step: values[2])
            default:
                return .invalid(
                    EvaluationMessage.wrongArgumentCount(usage: "range(start, end, step)", given: values.count)
                        .at(callRange))
            }
            valuesPerIteration = 1
        case .call("zip", let arguments, let callRange):
            guard arguments.count >= 2, arguments.allSatisfy({ $0.label == nil }) else {
                return .invalid(
                    EvaluationMessage.wrongArgumentCount(usage: "zip(xs, ys, ...)", given: arguments.count)
                        .at(callRange))
            }
            loopSequence = .zip(
                arguments.map {
                    ResolvedSourcedExpression(expression: expression($0.value), text: source.text($0.value.range))
                })
            valuesPerIteration = arguments.count
        default:
            loopSequence = .rows(ResolvedSourcedExpression(expression: expression(sequence), text: sequenceText))
            valuesPerIteration = 1
        }
        guard loopVariables.count == valuesPerIteration else {
            let namesRange =
                variables.count > 1 ? variables[0].range.union(variables[variables.count - 1].range) : range
            return .invalid(
                EvaluationMessage.loopVariableCount(
                    expected: valuesPerIteration, given: loopVariables.count, sequence: sequenceText
                ).at(namesRange))
        }
        return .forLoop(variables: loopVariables, sequence: loopSequence, body: resolvedBody, range)
    }

    // MARK: Expressions

    mutating func expression(_ expression: Expression) -> ResolvedExpression {
        switch expression {
        case .number(let value, _):
            return .number(value)
        case .name(let name, let range):
            return .name(slot: names.slot(for: name), range)
        case .list(let elements, let range):
            return .list(elements.map { self.expression($0) }, range)
        case .unary(.plus, let operand, _):
            return self.expression(operand)
        case .unary(.negate, let operand, let range):
            if case .number(let value, _) = operand { return .number(-value) }
            return .negate(self.expression(operand), range)
        case .binary(let op, let left, let right, let range):
            let a = self.expression(left)
            let b = self.expression(right)
            switch (a, b) {
            case (.number, .number):
                return .binary(op, a, b, range)
            case (_, .number(let constant)) where op != .matmul:
                defer { constantSiteCount += 1 }
                return .withConstant(op, a, constant: constant, constantOnLeft: false, site: constantSiteCount, range)
            case (.number(let constant), _) where op != .matmul:
                defer { constantSiteCount += 1 }
                return .withConstant(op, b, constant: constant, constantOnLeft: true, site: constantSiteCount, range)
            default:
                return .binary(op, a, b, range)
            }
        case .call(let name, let arguments, let range):
            return call(name, arguments: arguments, range: range)
        case .index(let base, let indices, let range):
            return .index(self.expression(base), indices.map { self.expression($0) }, range)
        case .member(let base, .grad, let range):
            return .grad(self.expression(base), text: source.text(base.range), range)
        case .member(let base, .transpose, let range):
            return .transpose(self.expression(base), range)
        case .member(let base, .shape, let range):
            return .shape(self.expression(base), range)
        case .derivative(let of, let wrt, let range):
            return derivative(of: of, wrt: wrt, range: range)
        case .cast(let value, let dtype, let range):
            return .cast(self.expression(value), dtype == .f64 ? .f64 : .f32, range)
        }
    }

    private mutating func derivative(of: Expression, wrt: Expression, range: SourceRange) -> ResolvedExpression {
        .derivative(
            of: expression(of), wrt: expression(wrt), ofText: source.text(of.range), wrtText: source.text(wrt.range),
            range)
    }

    private mutating func call(_ name: String, arguments: [Argument], range: SourceRange) -> ResolvedExpression {
        if name == "grad" {
            guard arguments.count == 2, arguments.allSatisfy({ $0.label == nil }) else {
                return .invalid(
                    EvaluationMessage.wrongArgumentCount(usage: "grad(of, wrt)", given: arguments.count).at(range))
            }
            return derivative(of: arguments[0].value, wrt: arguments[1].value, range: range)
        }
        if name == "range" || name == "zip" {
            return .invalid(EvaluationMessage.loopOnly(name).at(range))
        }
        guard let builtin = Builtin(rawValue: name) else {
            let suggestion = Suggestion.closest(to: name, among: Builtin.allNames)
            let nameRange = SourceRange(
                start: range.start,
                end: SourcePosition(line: range.start.line, column: range.start.column + name.count))
            return .invalid(EvaluationMessage.unknownFunction(name, suggestion: suggestion).at(nameRange))
        }
        let signature = builtin.signature
        var fixed: [ResolvedExpression?] = Array(repeating: nil, count: signature.parameters.count)
        var sizes: [ResolvedExpression] = []
        var position = 0
        for argument in arguments {
            if let label = argument.label {
                let where_ = argument.labelRange ?? argument.value.range
                guard let index = signature.parameters.firstIndex(of: label) else {
                    let suggestion = Suggestion.closest(to: label, among: signature.parameters)
                    return .invalid(
                        EvaluationMessage.unknownKeyword(function: name, keyword: label, suggestion: suggestion)
                            .at(where_))
                }
                guard fixed[index] == nil else {
                    return .invalid(EvaluationMessage.repeatedArgument(function: name, parameter: label).at(where_))
                }
                fixed[index] = expression(argument.value)
            } else if position < fixed.count {
                fixed[position] = expression(argument.value)
                position += 1
            } else if signature.takesSizes {
                sizes.append(expression(argument.value))
            } else {
                return .invalid(
                    EvaluationMessage.wrongArgumentCount(usage: builtin.usage, given: arguments.count).at(range))
            }
        }
        if fixed.prefix(signature.required).contains(where: { $0 == nil }) {
            return .invalid(
                EvaluationMessage.wrongArgumentCount(usage: builtin.usage, given: arguments.count).at(range))
        }
        return .call(builtin, fixed, sizes: sizes, range)
    }
}
