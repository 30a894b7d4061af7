/// Stochastic gradient descent with optional momentum, step for step as `torch.optim.SGD`:
/// `buf = momentum * buf + grad` (the first step `buf = grad`), then `p = p - lr * buf`
/// (a fused multiply-add, as PyTorch's compiled `add_(alpha=)`).
public final class SGD {
    // The properties are not checked for exclusive access at run time, as the tape's storage: an
    // optimizer is not shared across threads, and `step` hands out no reference to them; the
    // checks cost more than a training loop's scalar update.

    /// `lr`.
    @exclusivity(unchecked) public var learningRate: Double
    /// `momentum` (0: plain SGD).
    @exclusivity(unchecked) public var momentum: Double
    /// The momentum buffer of each param.
    @exclusivity(unchecked) var buffers: [Tensor: [Double]] = [:]

    /// An optimizer with learning rate `learningRate` and `momentum` (0 for plain SGD).
    public init(learningRate: Double, momentum: Double = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    /// Updates, in place, every param of `params` (all of the tape's params when `nil`) that has a
    /// gradient. Gradients are left as they are (`zeroGrad` clears them).
    public func step(_ tape: Tape, params: [Tensor]? = nil) throws(AutodiffError) {
        let learningRate = self.learningRate
        let momentum = self.momentum
        for p in params ?? tape.params {
            let k = try tape.ordinal(of: p, ".grad")
            guard let gradient = tape.paramTable[k].gradient else { continue }
            let i = Int(p.index)
            let f32 = tape.dtypeAt(i) == .f32
            if tape.nodes[i].payload < 0 && gradient.count == 1 {
                // A 0-d param: the same arithmetic on one number, without arrays.
                var direction = gradient[0]
                if momentum != 0 { SGD.remember(&direction, in: &buffers[p, default: []], momentum, f32) }
                tape.setParamElements(k, scalar: SGD.descend(tape.nodes[i].value, direction, learningRate, f32))
                continue
            }
            var direction = gradient
            if momentum != 0 {
                if let buffer = buffers[p], buffer.count == direction.count {
                    for e in direction.indices { direction[e] = SGD.accumulate(buffer[e], direction[e], momentum, f32) }
                }
                buffers[p] = direction
            }
            var values = tape.elementsAt(i)
            for e in values.indices { values[e] = SGD.descend(values[e], direction[e], learningRate, f32) }
            tape.setParamElements(k, values)
        }
    }

    /// `momentum * buffer + gradient` (in `Float` for f32).
    @inline(__always)
    static func accumulate(_ buffer: Double, _ gradient: Double, _ momentum: Double, _ f32: Bool) -> Double {
        f32 ? Double(Float(momentum) * Float(buffer) + Float(gradient)) : momentum * buffer + gradient
    }

    /// `value - learningRate * direction` as PyTorch's `param.add_(buf, alpha=-lr)`, whose kernel
    /// is compiled to a fused multiply-add.
    @inline(__always)
    static func descend(_ value: Double, _ direction: Double, _ learningRate: Double, _ f32: Bool) -> Double {
        f32
            ? Double(Float(value).addingProduct(Float(-learningRate), Float(direction)))
            : value.addingProduct(-learningRate, direction)
    }

    /// A 0-d param's momentum: `direction` becomes `momentum * buffer + direction` when the
    /// buffer holds one number, and the buffer becomes the new direction (in place).
    @inline(__always)
    static func remember(_ direction: inout Double, in buffer: inout [Double], _ momentum: Double, _ f32: Bool) {
        if buffer.count == 1 {
            direction = accumulate(buffer[0], direction, momentum, f32)
            buffer[0] = direction
        } else {
            buffer = [direction]
        }
    }
}
