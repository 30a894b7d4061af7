/// Stochastic gradient descent with optional momentum, step for step as `torch.optim.SGD`:
/// `buf = momentum * buf + grad` (the first step `buf = grad`), then `p = p - lr * buf`
/// (a fused multiply-add, as PyTorch's compiled `add_(alpha=)`).
public final class SGD {
    /// `lr`.
    public var learningRate: Double
    /// `momentum` (0: plain SGD).
    public var momentum: Double
    /// The momentum buffer of each param.
    var buffers: [Tensor: [Double]] = [:]

    /// An optimizer with learning rate `learningRate` and `momentum` (0 for plain SGD).
    public init(learningRate: Double, momentum: Double = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    /// Updates, in place, every param of `params` (all of the tape's params when `nil`) that has a
    /// gradient. Gradients are left as they are (`zeroGrad` clears them).
    public func step(_ tape: Tape, params: [Tensor]? = nil) throws(AutodiffError) {
        for p in params ?? tape.params {
            guard let gradient = try tape.gradient(of: p) else { continue }
            let i = try tape.slot(p)
            let f32 = gradient.dtype == .f32
            var direction = gradient.scalars
            if momentum != 0 {
                if let buffer = buffers[p], buffer.count == direction.count {
                    for k in direction.indices {
                        direction[k] =
                            f32
                            ? Double(Float(momentum) * Float(buffer[k]) + Float(direction[k]))
                            : momentum * buffer[k] + direction[k]
                    }
                }
                buffers[p] = direction
            }
            // `param.add_(buf, alpha=-lr)`: PyTorch's kernel is compiled to a fused multiply-add.
            var values = tape.elementsAt(i)
            for k in values.indices {
                values[k] =
                    f32
                    ? Double(Float(values[k]).addingProduct(Float(-learningRate), Float(direction[k])))
                    : values[k].addingProduct(-learningRate, direction[k])
            }
            tape.setParamElements(try tape.ordinal(of: p, "step"), values)
        }
    }
}
