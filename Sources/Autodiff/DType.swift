/// The element type of a tensor: PyTorch's `torch.float32` or `torch.float64`.
public enum DType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case f32
    case f64

    /// The dtype two operands promote to: f32 with f64 gives f64, as in PyTorch.
    public static func promoted(_ a: DType, _ b: DType) -> DType {
        a == .f64 || b == .f64 ? .f64 : .f32
    }

    public var description: String { rawValue }
}
