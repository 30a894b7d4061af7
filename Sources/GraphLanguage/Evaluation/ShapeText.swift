/// How shapes and numbers read in messages: `2×2`, `3-element`, `[2, 3]`, `10,000,000`.
enum ShapeText {
    /// `scalar`, `3-element`, `2×2`.
    static func describe(_ shape: [Int]) -> String {
        switch shape.count {
        case 0: return "scalar"
        case 1: return "\(shape[0])-element"
        default: return shape.map(String.init).joined(separator: "×")
        }
    }

    /// `a scalar`, `a 3-element`, `an 8-element`, `a 2×2`.
    static func article(_ shape: [Int]) -> String {
        let text = describe(shape)
        let leading = Int(text.prefix { $0.isNumber }) ?? 0
        let vowelSound = text.hasPrefix("8") || leading == 11 || leading == 18
        return (vowelSound ? "an " : "a ") + text
    }

    /// `[2, 3]`, `[]` for a scalar.
    static func brackets(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// `10,000,000`.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// A number without a trailing `.0` when it is whole: `2`, `2.5`, `1e-06`.
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), value.magnitude < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
