import Autodiff
import GraphLanguage

/// How many entries of one dimension are shown in full; longer dimensions are summarised.
let summaryThreshold = 10
/// How many entries are kept at each end of a summarised dimension.
let summaryEdgeItems = 3

/// One number as a lesson shows it (SPEC §2.6): the shortest decimal that reads back as the same
/// number at `dtype` (`-7.84` for the f32 nearest to -7.84), or `precision` significant digits;
/// integers without `.0`; `nan`, `inf`, `-inf`.
///
/// Positional notation is used when the first significant digit's power of ten lies in -4...15
/// (`0.0001`, `36`, `123.5`); outside it, scientific notation with a signed, unpadded exponent
/// (`1e-5`, `2.5e+20`). Negative zero prints as `-0`.
public func formatScalar(_ scalar: Double, dtype: DType, precision: Int? = nil) -> String {
    // At f32 the value is read as the Float it stands for (a Double too large for a Float is inf).
    let atDType = dtype == .f32 ? Double(Float(scalar)) : scalar
    if atDType.isNaN { return "nan" }
    if atDType.isInfinite { return atDType < 0 ? "-inf" : "inf" }
    guard var number = DecimalNumber(shortest: atDType, asFloat: dtype == .f32) else { return "nan" }
    if let precision { number = number.rounded(toSignificantDigits: precision) }
    return number.text
}

/// A value as a lesson shows it (SPEC §2.6): a scalar as `formatScalar` writes it, a tensor as
/// nested brackets (`[36, 81]`, `[[-2, -2], [0, 2]]`). A dimension longer than 10 shows its first
/// 3 entries, `…`, and its last 3.
public func formatValue(_ value: Value, precision: Int?) -> String {
    let expected = value.shape.reduce(1, *)
    if value.shape.contains(where: { $0 < 0 }) || expected != value.scalars.count {
        // A malformed value (a bug upstream) is still shown, flat, rather than crashing.
        return "["
            + value.scalars.map { formatScalar($0, dtype: value.dtype, precision: precision) }
            .joined(separator: ", ") + "]"
    }
    if value.shape.isEmpty {
        return formatScalar(value.scalars.first ?? .nan, dtype: value.dtype, precision: precision)
    }
    var strides = Array(repeating: 1, count: value.shape.count)
    for axis in stride(from: value.shape.count - 2, through: 0, by: -1) {
        strides[axis] = strides[axis + 1] * value.shape[axis + 1]
    }
    func format(axis: Int, offset: Int) -> String {
        let count = value.shape[axis]
        var indices: [Int?] = []
        if count > summaryThreshold {
            indices = Array(0..<summaryEdgeItems) + [nil] + Array((count - summaryEdgeItems)..<count)
        } else {
            indices = Array(0..<count)
        }
        let parts = indices.map { index -> String in
            guard let index else { return "…" }
            let position = offset + index * strides[axis]
            if axis == value.shape.count - 1 {
                return formatScalar(value.scalars[position], dtype: value.dtype, precision: precision)
            }
            return format(axis: axis + 1, offset: position)
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }
    return format(axis: 0, offset: 0)
}
