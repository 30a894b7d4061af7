/// Everything the engine refuses, with a message written for a lesson author.
///
/// Shapes print as `2×3` or `3` after the word "shape" (a 0-d value is "a scalar"); limits print
/// with thousands separators (`10,000,000`). The language adds the line and column.
public enum AutodiffError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Two operands whose shapes do not broadcast (`operation` is `+`, `*`, `mse`...).
    case shapeMismatch(operation: String, left: [Int], right: [Int])
    /// An operation that needs particular shapes got others (`matmul` of `2×3` and `2`).
    case invalidShapes(operation: String, shapes: [[Int]], expected: String)
    /// A tensor above the element limit.
    case tooManyElements(shape: [Int], limit: Int)
    /// A shape with a negative size.
    case negativeSize(shape: [Int])
    /// Elements that do not fill the shape.
    case elementCountMismatch(shape: [Int], count: Int)
    /// `reshape` to a shape with another element count.
    case invalidReshape(from: [Int], to: [Int])
    /// `backward` of a non-scalar value without a gradient.
    case nonScalarBackward(shape: [Int])
    /// `backward(root, gradient:)` with a gradient of another shape.
    case gradientShapeMismatch(root: [Int], gradient: [Int])
    /// A value computed from a param before the param was updated in place.
    case staleValue(param: String)
    /// `x[i]` outside the dimension.
    case indexOutOfRange(index: Int, dimension: Int, size: Int)
    /// More indices than dimensions.
    case tooManyIndices(count: Int, shape: [Int])
    /// A `dim` argument outside the tensor's dimensions.
    case invalidDimension(operation: String, dim: Int, rank: Int)
    /// A reduction (`max`, `min`, `mean`) of an empty tensor or dimension.
    case emptyReduction(operation: String)
    /// A class index that is not an integer in `0..<classes`.
    case invalidClassIndex(value: Double, classes: Int)
    /// A param operation on a value that is not a param.
    case notAParam(operation: String)
    /// A handle whose node was reclaimed (an internal error of the caller).
    case reclaimedValue
    /// Any other refused argument, with the whole message.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let operation, let left, let right):
            return "shapes \(shapeDescription(left)) and \(shapeDescription(right)) do not broadcast in `\(operation)`"
                + " (sizes must be equal or 1, compared from the last dimension)"
        case .invalidShapes(let operation, let shapes, let expected):
            let list = shapes.map(shapeDescription).joined(separator: " and ")
            return "`\(operation)` of shapes \(list): \(expected)"
        case .tooManyElements(let shape, let limit):
            return "a tensor of shape \(shapeDescription(shape)) exceeds the limit of \(grouped(limit)) elements"
        case .negativeSize(let shape):
            return "shape \(shape.map(String.init).joined(separator: "×")) has a negative size"
        case .elementCountMismatch(let shape, let count):
            return "\(count) elements cannot fill shape \(shapeDescription(shape))"
        case .invalidReshape(let from, let to):
            let value = from.isEmpty ? "a scalar" : "a value of shape \(shapeDescription(from))"
            return "cannot reshape \(value) to shape \(shapeDescription(to)): the element counts differ"
        case .nonScalarBackward(let shape):
            let ones = shape.map(String.init).joined(separator: ", ")
            return "backward of a value of shape \(shapeDescription(shape)) needs a gradient of the same shape,"
                + " e.g. `backward y, ones(\(ones))`, or reduce it to a scalar first (`backward sum(y)`)"
        case .gradientShapeMismatch(let root, let gradient):
            return "the gradient of shape \(shapeDescription(gradient)) does not match the value's shape"
                + " \(shapeDescription(root))"
        case .staleValue(let param):
            return "this value was computed from an older \(param): \(param) was updated in place since;"
                + " compute it again from the current \(param) before `backward`"
        case .indexOutOfRange(let index, let dimension, let size):
            return "index \(index) is out of range for dimension \(dimension) of size \(size)"
                + " (valid: \(-size) to \(size - 1))"
        case .tooManyIndices(let count, let shape):
            let indices = "\(count) \(count == 1 ? "index" : "indices")"
            if shape.isEmpty { return "\(indices) for a scalar, which has no dimensions to index" }
            return "\(indices) for a value of shape \(shapeDescription(shape))"
                + " with \(shape.count) dimension\(shape.count == 1 ? "" : "s")"
        case .invalidDimension(let operation, let dim, let rank):
            if rank == 0 {
                return "`\(operation)` of a scalar has no dimension \(dim)"
            }
            return "dim \(dim) is out of range for `\(operation)` of a \(rank)-d value (valid: \(-rank) to \(rank - 1))"
        case .emptyReduction(let operation):
            return "`\(operation)` of an empty tensor has no value"
        case .invalidClassIndex(let value, let classes):
            let index = value == value.rounded() && value.magnitude < 1e15 ? String(Int(value)) : "\(value)"
            return "class index \(index) is not an integer from 0 to \(classes - 1)"
        case .notAParam(let operation):
            return "`\(operation)` needs a param (declare it with `param`)"
        case .reclaimedValue:
            return "internal error: this value was reclaimed from the graph"
        case .invalidArgument(let message):
            return message
        }
    }
}

/// `10,000,000`: a count with thousands separators, as every limit reads in messages.
private func grouped(_ value: Int) -> String {
    let digits = Array(String(value.magnitude))
    var result = value < 0 ? "-" : ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(digit)
    }
    return result
}
