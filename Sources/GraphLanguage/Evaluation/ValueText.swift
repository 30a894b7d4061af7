import Autodiff

/// Numbers as formulas and operation texts write them (the report formats values itself).
enum ValueText {
    /// The shortest text that reads back as the same number at `dtype`: `2`, `-0.5`, `1.02`.
    static func number(_ value: Double, dtype: DType) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int(value)) }
        return dtype == .f32 ? "\(Float(value))" : "\(value)"
    }
}
