import Foundation

/// Adam, step for step as `torch.optim.Adam` (single-tensor implementation, no weight decay):
/// `m = lerp(m, g, 1 - β1)`, `v = β2 v + (1 - β2) g²`, then
/// `p -= lr / (1 - β1^t) * m / (sqrt(v) / sqrt(1 - β2^t) + eps)`.
public final class Adam {
    /// `lr`.
    public var learningRate: Double
    /// The decay of the first moment (`betas[0]`).
    public var beta1: Double
    /// The decay of the second moment (`betas[1]`).
    public var beta2: Double
    /// `eps`, added to the denominator.
    public var epsilon: Double
    /// Per param: the step count and the first and second moment estimates.
    var states: [Tensor: (step: Int, m: [Double], v: [Double])] = [:]

    /// An optimizer with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8.
    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Updates, in place, every param of `params` (all of the tape's params when `nil`) that has a
    /// gradient. Gradients are left as they are.
    public func step(_ tape: Tape, params: [Tensor]? = nil) throws(AutodiffError) {
        for p in params ?? tape.params {
            guard let gradient = try tape.gradient(of: p) else { continue }
            let i = try tape.slot(p)
            let g = gradient.scalars
            // Taken out of the table while it changes, so that its moments are updated in place
            // (a copy left in the table would make every step copy them).
            var state =
                states.removeValue(forKey: p)
                ?? (0, [Double](repeating: 0, count: g.count), [Double](repeating: 0, count: g.count))
            guard state.m.count == g.count else {
                states[p] = state
                continue
            }
            state.step += 1
            let t = Double(state.step)
            let biasCorrection1 = 1 - Foundation.pow(beta1, t)
            let biasCorrection2 = 1 - Foundation.pow(beta2, t)
            let stepSize = learningRate / biasCorrection1
            let biasCorrection2Root = biasCorrection2.squareRoot()
            var values = tape.elementsAt(i)
            // PyTorch's kernels are compiled with fused multiply-adds: `lerp` is
            // fma(w, g - m, m) (or fma(w - 1, g - m, g) for w >= 0.5), `addcmul` is
            // fma((1 - β2) * g, g, v * β2); `addcdiv` is p + (-step_size * m) / denom.
            if gradient.dtype == .f32 {
                let weight = Float(1 - beta1)
                let b2 = Float(beta2)
                let oneMinusB2 = Float(1 - beta2)
                for k in g.indices {
                    let gk = Float(g[k])
                    let m = Float(state.m[k])
                    let newM =
                        Swift.abs(weight) < 0.5
                        ? m.addingProduct(weight, gk - m) : gk.addingProduct(weight - 1, gk - m)
                    let newV = (Float(state.v[k]) * b2).addingProduct(oneMinusB2 * gk, gk)
                    let denominator = newV.squareRoot() / Float(biasCorrection2Root) + Float(epsilon)
                    values[k] = Double(Float(values[k]) + Float(-stepSize) * newM / denominator)
                    state.m[k] = Double(newM)
                    state.v[k] = Double(newV)
                }
            } else {
                let weight = 1 - beta1
                for k in g.indices {
                    let m = state.m[k]
                    let newM =
                        Swift.abs(weight) < 0.5
                        ? m.addingProduct(weight, g[k] - m) : g[k].addingProduct(weight - 1, g[k] - m)
                    let newV = (state.v[k] * beta2).addingProduct((1 - beta2) * g[k], g[k])
                    let denominator = newV.squareRoot() / biasCorrection2Root + epsilon
                    values[k] = values[k] + -stepSize * newM / denominator
                    state.m[k] = newM
                    state.v[k] = newV
                }
            }
            states[p] = state
            tape.setParamElements(try tape.ordinal(of: p, "step"), values)
        }
    }
}
