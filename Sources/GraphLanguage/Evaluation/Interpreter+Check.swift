import Autodiff

// `check`: chains of `=` links compared within tolerance, and one-comparison checks.

extension Interpreter {
    /// The default (relative, absolute) tolerance of `check` for values of `dtype` (SPEC §2.7).
    static func defaultTolerance(_ dtype: DType) -> (relative: Double, absolute: Double) {
        dtype == .f32 ? (1e-5, 1e-6) : (1e-9, 1e-12)
    }

    /// Evaluates every link (a failing link does not stop the others), compares each link with
    /// the one before it, and records the verdict. A failing check is not an error.
    ///
    /// Link `i` holds when `|link[i-1] - link[i]| <= atol + rtol * |link[i]|` element-wise, as
    /// `torch.allclose(link[i-1], link[i])`. `firstBrokenLink` is the first `i` whose link differs
    /// from link `i - 1`: in a hand derivation, the first step that went wrong.
    mutating func check(_ check: ResolvedCheck, outputIndex: Int, range: SourceRange) throws(Diagnostic) {
        var operands: [Operand] = []
        for link in check.links { operands.append(try evaluate(link.expression)) }
        var chainDType: DType?
        for operand in operands {
            if case .tensor(let t) = operand {
                let dtype = try engine(range) { try $0.dtype(t) }
                chainDType = chainDType.map { DType.promoted($0, dtype) } ?? dtype
            }
        }
        let dtype = chainDType ?? block.defaultDType
        var values: [Value] = []
        for operand in operands {
            switch operand {
            case .number(let number):
                values.append(Self.plainValue([number], shape: [], dtype: dtype))
            case .numbers(let numbers, let shape):
                values.append(Self.plainValue(numbers, shape: shape, dtype: dtype))
            case .tensor:
                values.append(try displayValue(operand, range: range))
            }
        }

        var (relative, absolute) = Self.defaultTolerance(dtype)
        if let tolerance { absolute = tolerance }
        if let within = check.within {
            absolute = try number(try evaluate(within), what: "the tolerance after `within`", range: range)
            relative = 0
        }

        var passed = true
        var firstBroken: Int?
        if let comparison = check.comparison {
            guard values.count == 2 else { return }
            let holds = try compare(values[0], values[1], links: check.links, at: 0, range: range) { a, b in
                switch comparison {
                case .less: return a < b
                case .lessOrEqual: return a <= b
                case .greater: return a > b
                case .greaterOrEqual: return a >= b
                }
            }
            passed = holds
        } else {
            for i in values.indices.dropFirst() {
                let holds = try compare(values[i - 1], values[i], links: check.links, at: i - 1, range: range) {
                    a, b in
                    a == b || (a - b).magnitude <= absolute + relative * b.magnitude
                }
                if !holds {
                    passed = false
                    if firstBroken == nil { firstBroken = i }
                }
            }
        }

        let result = CheckResult(
            text: check.text,
            links: zip(check.links, values).map { CheckResult.Link(text: $0.text, value: $1) },
            comparison: check.comparison, passed: passed, firstBrokenLink: firstBroken,
            absoluteTolerance: absolute, relativeTolerance: relative, range: range)
        // Inside a loop, a check keeps its first failure; while it holds, its latest values.
        if case .check(let previous) = previousOutput(outputIndex), !previous.passed { return }
        emit(.check(result), outputIndex: outputIndex)
    }

    /// Whether `holds(a, b)` is true for every element of `a` and `b` broadcast together.
    private func compare(
        _ a: Value, _ b: Value, links: [ResolvedSourcedExpression], at index: Int, range: SourceRange,
        _ holds: (Double, Double) -> Bool
    ) throws(Diagnostic) -> Bool {
        guard let pairs = Broadcast.pairs(a.shape, b.shape) else {
            throw EvaluationMessage.checkShapes(
                first: links[index].text, firstShape: a.shape, second: links[index + 1].text, secondShape: b.shape
            ).at(range)
        }
        for (i, j) in pairs where !holds(a.scalars[i], b.scalars[j]) { return false }
        return true
    }
}
