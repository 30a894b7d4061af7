import Autodiff

/// A tensor's value copied out of the engine for display: dtype, shape and elements in row-major order.
///
/// f32 elements are stored as the exact `Double` of their `Float`, so that the report can print the
/// shortest decimal that round-trips at the value's own dtype.
public struct Value: Sendable, Hashable {
    public var dtype: DType
    public var shape: [Int]
    public var scalars: [Double]

    public init(dtype: DType, shape: [Int], scalars: [Double]) {
        self.dtype = dtype
        self.shape = shape
        self.scalars = scalars
    }

    /// A 0-d value.
    public init(scalar: Double, dtype: DType) {
        self.init(dtype: dtype, shape: [], scalars: [scalar])
    }
}
