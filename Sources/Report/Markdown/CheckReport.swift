import GraphLanguage

/// `check` and `gradcheck` verdicts as list items.
enum CheckReport {
    /// Differences and relative errors are shown with this many significant digits.
    static let errorDigits = 2

    /// `- ✅ `check A = B = C` — 1 = 1 = 1`; a failure adds a line naming the first broken link.
    static func lines(for check: CheckResult, precision: Int?) -> [String] {
        let marker = check.passed ? "✅" : "❌"
        let source = MarkdownText.code(statementText(check.text, keyword: "check"))
        let values = check.links.map { formatValue($0.value, precision: precision) }
        guard let comparison = check.comparison else {
            return equalityLines(check, marker: marker, source: source, values: values, precision: precision)
        }
        guard check.links.count == 2 else {
            return ["- \(marker) \(source) — " + values.joined(separator: " \(comparison.rawValue) ")]
        }
        if check.passed {
            return ["- \(marker) \(source) — \(values[0]) \(comparison.rawValue) \(values[1])"]
        }
        var lines = ["- \(marker) \(source) — \(values[0]) is not \(comparison.rawValue) \(values[1])"]
        let left = check.links[0].value
        let right = check.links[1].value
        if left.scalars.count > 1 || right.scalars.count > 1,
            let pairs = ElementPairs(left, right),
            let failing = pairs.first(where: { !holds(comparison, $0.a, $0.b) })
        {
            let a = formatScalar(failing.a, dtype: left.dtype, precision: precision)
            let b = formatScalar(failing.b, dtype: right.dtype, precision: precision)
            lines.append(
                "  - first failing element \(indexText(failing.index)): \(a) is not \(comparison.rawValue) \(b)")
        }
        return lines
    }

    private static func equalityLines(
        _ check: CheckResult, marker: String, source: String, values: [String], precision: Int?
    ) -> [String] {
        let broken = check.passed ? nil : (check.firstBrokenLink ?? firstBrokenLink(check))
        var chain = values.first ?? ""
        for i in check.links.indices.dropFirst() {
            let holdsHere = i != broken && (check.passed || linkHolds(check, i))
            chain += (holdsHere ? " = " : " ≠ ") + values[i]
        }
        var lines = ["- \(marker) \(source) — \(chain)"]
        guard let broken, broken > 0, broken < check.links.count else { return lines }
        let previous = check.links[broken - 1]
        let link = check.links[broken]
        var detail =
            "  - first broken link: \(MarkdownText.code(previous.text)) = \(values[broken - 1]) but "
            + "\(MarkdownText.code(link.text)) = \(values[broken])"
        if let pairs = ElementPairs(previous.value, link.value) {
            if let largest = pairs.largestDifference() {
                let difference = formatScalar(largest.difference, dtype: .f64, precision: errorDigits + 1)
                let place = pairs.count > 1 ? " at \(indexText(largest.index))" : ""
                detail += ", \(pairs.count > 1 ? "largest difference" : "difference") \(difference)\(place)"
            }
            detail += " (tolerance: \(toleranceText(check)))"
        } else {
            detail += ": shapes \(shapeText(previous.value.shape)) and \(shapeText(link.value.shape)) do not match"
        }
        lines.append(detail)
        return lines
    }

    /// `- ✅ `gradcheck EXPR wrt a, b` — largest relative error 3.1e-10 (`a`: 1e-10, `b`: 3.1e-10) ≤ tolerance 1e-6`;
    /// a failure says `> tolerance`.
    static func lines(for gradcheck: GradcheckResult) -> [String] {
        let marker = gradcheck.passed ? "✅" : "❌"
        var text = statementText(gradcheck.text, keyword: "gradcheck")
        if !text.contains(" wrt ") && !gradcheck.inputNames.isEmpty {
            text += " wrt " + gradcheck.inputNames.joined(separator: ", ")
        }
        let source = MarkdownText.code(text)
        let error = formatScalar(gradcheck.maxRelativeError, dtype: .f64, precision: errorDigits)
        let tolerance = formatScalar(gradcheck.tolerance, dtype: .f64, precision: errorDigits)
        var line = "- \(marker) \(source) — largest relative error \(error)"
        let perInput = zip(gradcheck.inputNames, gradcheck.inputErrors).map { name, error in
            "\(MarkdownText.code(name)): \(formatScalar(error, dtype: .f64, precision: errorDigits))"
        }
        if perInput.count > 1 { line += " (" + perInput.joined(separator: ", ") + ")" }
        line += (gradcheck.passed ? " ≤" : " >") + " tolerance \(tolerance)"
        return [line]
    }

    /// The statement's text starting with its keyword, whether or not the interpreter kept it, on
    /// one line: a chain continued on lines that start with `=` is joined with single spaces.
    static func statementText(_ text: String, keyword: String) -> String {
        var joined = ""
        var pendingBreak = false
        for c in text {
            if c == "\n" || c == "\r\n" || c == "\r" {
                pendingBreak = true
                while joined.last == " " || joined.last == "\t" { joined.removeLast() }
                continue
            }
            if pendingBreak {
                if c == " " || c == "\t" { continue }
                joined += " "
                pendingBreak = false
            }
            joined.append(c)
        }
        if joined == keyword || joined.hasPrefix(keyword + " ") { return joined }
        return keyword + " " + joined
    }

    /// `atol 1e-6 + rtol 1e-5`, or `atol 0.001` for `within 0.001`.
    private static func toleranceText(_ check: CheckResult) -> String {
        let atol = formatScalar(check.absoluteTolerance, dtype: .f64)
        if check.relativeTolerance == 0 { return "atol \(atol)" }
        return "atol \(atol) + rtol \(formatScalar(check.relativeTolerance, dtype: .f64))"
    }

    /// `|a - b| <= atol + rtol * |b|` for every element, `a` the earlier link and `b` link `i`, as
    /// `torch.allclose(a, b)` and the interpreter compare them (SPEC §2.7); equal infinities hold.
    private static func linkHolds(_ check: CheckResult, _ i: Int) -> Bool {
        guard i > 0, i < check.links.count, let pairs = ElementPairs(check.links[i - 1].value, check.links[i].value)
        else { return false }
        return pairs.allSatisfy { pair in
            pair.a == pair.b
                || abs(pair.a - pair.b) <= check.absoluteTolerance + check.relativeTolerance * abs(pair.b)
        }
    }

    /// For a failed chain that does not name its broken link: the first link that does not hold.
    private static func firstBrokenLink(_ check: CheckResult) -> Int? {
        check.links.indices.dropFirst().first { !linkHolds(check, $0) }
    }

    private static func holds(_ comparison: Comparison, _ a: Double, _ b: Double) -> Bool {
        switch comparison {
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        }
    }

    static func indexText(_ index: [Int]) -> String {
        "[" + index.map(String.init).joined(separator: ", ") + "]"
    }

    static func shapeText(_ shape: [Int]) -> String {
        shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "×")
    }
}

/// The element pairs of two values broadcast against each other (NumPy rules), with the index of
/// each pair in the broadcast shape.
struct ElementPairs: Sequence {
    struct Pair {
        var index: [Int]
        var a: Double
        var b: Double
    }

    let shape: [Int]
    private let a: Value
    private let b: Value

    /// `nil` when the shapes cannot be broadcast together (or a value is malformed).
    init?(_ a: Value, _ b: Value) {
        guard a.shape.reduce(1, *) == a.scalars.count, b.shape.reduce(1, *) == b.scalars.count else { return nil }
        let rank = Swift.max(a.shape.count, b.shape.count)
        let paddedA = Array(repeating: 1, count: rank - a.shape.count) + a.shape
        let paddedB = Array(repeating: 1, count: rank - b.shape.count) + b.shape
        var shape: [Int] = []
        for (x, y) in zip(paddedA, paddedB) {
            if x == y || y == 1 {
                shape.append(x)
            } else if x == 1 {
                shape.append(y)
            } else {
                return nil
            }
        }
        self.shape = shape
        self.a = a
        self.b = b
    }

    var count: Int { shape.reduce(1, *) }

    func makeIterator() -> AnyIterator<Pair> {
        let rank = shape.count
        let total = count
        var flat = 0
        return AnyIterator {
            guard flat < total else { return nil }
            var index = Array(repeating: 0, count: rank)
            var rest = flat
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                index[axis] = rest % shape[axis]
                rest /= shape[axis]
            }
            flat += 1
            return Pair(
                index: index, a: a.scalars[Self.offset(of: index, in: a.shape)],
                b: b.scalars[Self.offset(of: index, in: b.shape)])
        }
    }

    /// The pair with the largest `|a - b|` (nan counts as largest), first one on ties.
    func largestDifference() -> (index: [Int], difference: Double)? {
        var best: (index: [Int], difference: Double)?
        for pair in self {
            let difference = abs(pair.a - pair.b)
            if let current = best {
                if current.difference.isNaN { continue }
                if difference.isNaN || difference > current.difference { best = (pair.index, difference) }
            } else {
                best = (pair.index, difference)
            }
        }
        return best
    }

    /// The row-major offset of a broadcast index into a value of `shape` (leading axes dropped,
    /// axes of length 1 pinned to 0).
    private static func offset(of index: [Int], in shape: [Int]) -> Int {
        let skip = index.count - shape.count
        var offset = 0
        for (axis, length) in shape.enumerated() {
            offset = offset * length + (length == 1 ? 0 : index[skip + axis])
        }
        return offset
    }
}
