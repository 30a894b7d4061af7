/// A tensor's value outside the graph: dtype, shape and elements in row-major order.
///
/// f32 elements are stored as the exact `Double` of their `Float`.
public struct TensorValue: Sendable, Hashable {
    /// `f32` or `f64`.
    public var dtype: DType
    /// The size of each dimension (`[]` for a scalar).
    public var shape: [Int]
    /// The elements in row-major order (f32 ones exact as `Double`).
    public var scalars: [Double]

    /// A value whose element count matches its shape; f32 elements are rounded to `Float`.
    public init(_ scalars: [Double], shape: [Int], dtype: DType) throws(AutodiffError) {
        let count = try checkedElementCount(shape)
        guard count == scalars.count else {
            throw AutodiffError.elementCountMismatch(shape: shape, count: scalars.count)
        }
        self.dtype = dtype
        self.shape = shape
        self.scalars = dtype == .f32 ? scalars.map { Double(Float($0)) } : scalars
    }

    /// A 0-d value.
    public init(scalar: Double, dtype: DType) {
        self.dtype = dtype
        self.shape = []
        self.scalars = [dtype == .f32 ? Double(Float(scalar)) : scalar]
    }

    /// Unchecked: the caller guarantees `scalars.count` matches `shape` and f32 rounding.
    init(unchecked scalars: [Double], shape: [Int], dtype: DType) {
        self.dtype = dtype
        self.shape = shape
        self.scalars = scalars
    }

    /// The number of elements (1 for a scalar).
    public var scalarCount: Int { scalars.count }
    /// The number of dimensions (0 for a scalar).
    public var rank: Int { shape.count }
    /// The single element of a one-element value, else `nil`.
    public var scalar: Double? { scalars.count == 1 ? scalars[0] : nil }
}

/// The number of elements of `shape`, refusing negative sizes and anything above the element limit.
func checkedElementCount(_ shape: [Int]) throws(AutodiffError) -> Int {
    var count = 1
    for size in shape {
        guard size >= 0 else { throw AutodiffError.negativeSize(shape: shape) }
        let (product, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, product <= Tape.maximumElementCount else {
            throw AutodiffError.tooManyElements(shape: shape, limit: Tape.maximumElementCount)
        }
        count = product
    }
    return count
}

/// A shape as a lesson author reads it: `2×3`, `3`, or `scalar` for 0-d.
public func shapeDescription(_ shape: [Int]) -> String {
    shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "×")
}
