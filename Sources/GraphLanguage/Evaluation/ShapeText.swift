import Autodiff

/// How shapes and numbers read in messages: shapes as the engine writes them (`3`, `2×3`), after
/// the word "shape", and counts with thousands separators (`10,000,000`).
enum ShapeText {
    /// `3`, `2×3`, `scalar`: the engine's `shapeDescription`, so that the language's messages
    /// and the engine's write a shape the same way.
    static func describe(_ shape: [Int]) -> String {
        shapeDescription(shape)
    }

    /// `a scalar`, `a value of shape 3`, `a value of shape 2×3`.
    static func value(_ shape: [Int]) -> String {
        shape.isEmpty ? "a scalar" : "a value of shape \(describe(shape))"
    }

    /// `is a scalar`, `has shape 3`, `has shape 2×3`.
    static func has(_ shape: [Int]) -> String {
        shape.isEmpty ? "is a scalar" : "has shape \(describe(shape))"
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
