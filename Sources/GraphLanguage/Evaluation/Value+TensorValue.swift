import Autodiff

extension Value {
    /// The display copy of an engine value.
    init(_ value: TensorValue) {
        self.init(dtype: value.dtype, shape: value.shape, scalars: value.scalars)
    }
}
