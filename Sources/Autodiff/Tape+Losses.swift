import Foundation

// Losses: forward computations as PyTorch's CPU kernels and, next to them, their gradient rules.

extension Tape {
    /// `mse(pred, target)`: the mean of `(pred - target)^2` (with broadcasting).
    public func mse(_ prediction: Tensor, _ target: Tensor) throws(AutodiffError) -> Tensor {
        let i = try slot(prediction)
        let j = try slot(target)
        let dtype = DType.promoted(dtypeAt(i), dtypeAt(j))
        let aShape = shapeAt(i)
        let bShape = shapeAt(j)
        guard let outShape = Broadcasting.shape(aShape, bShape) else {
            throw .shapeMismatch(operation: "mse", left: aShape, right: bShape)
        }
        _ = try checkedElementCount(outShape)
        let squares = Broadcasting.combine(elementsAt(i), aShape, elementsAt(j), bShape, outShape) { p, t in
            let d = Tape.binaryScalar(.sub, p, t, dtype)
            return Tape.binaryScalar(.mul, d, d, dtype)
        }
        let value = Tape.reduceRun(.mean, squares, 0, squares.count, 1, dtype)
        return recordScalar(.mse, dtype, value, Int32(i), Int32(j))
    }

    /// `bce(prob, target)`: the mean of `-(t log p + (1 - t) log(1 - p))`, each log clamped at -100
    /// as PyTorch's `binary_cross_entropy`. Shapes must be equal.
    public func bce(_ probability: Tensor, _ target: Tensor) throws(AutodiffError) -> Tensor {
        let i = try slot(probability)
        let j = try slot(target)
        let dtype = DType.promoted(dtypeAt(i), dtypeAt(j))
        let aShape = shapeAt(i)
        let bShape = shapeAt(j)
        guard aShape == bShape else {
            throw .invalidShapes(
                operation: "bce", shapes: [aShape, bShape],
                expected: "the probabilities and the targets must have the same shape")
        }
        let p = elementsAt(i)
        let t = elementsAt(j)
        var terms = [Double](repeating: 0, count: p.count)
        for k in 0..<p.count {
            if dtype == .f32 {
                let x = Float(p[k])
                let y = Float(t[k])
                let logP = Swift.max(Foundation.log(x), -100)
                let log1mP = Swift.max(Foundation.log1p(-x), -100)
                terms[k] = Double((y - 1) * log1mP - y * logP)
            } else {
                let logP = Swift.max(Foundation.log(p[k]), -100)
                let log1mP = Swift.max(Foundation.log1p(-p[k]), -100)
                terms[k] = (t[k] - 1) * log1mP - t[k] * logP
            }
        }
        let value = Tape.reduceRun(.mean, terms, 0, terms.count, 1, dtype)
        return recordScalar(.bce, dtype, value, Int32(i), Int32(j))
    }

    /// `cross_entropy(logits, target)`: for 1-D logits (classes) and a scalar class index, or 2-D
    /// logits (batch × classes) and a vector of class indices: the mean of `-log_softmax(logits)[i, t_i]`.
    public func crossEntropy(_ logits: Tensor, _ target: Tensor) throws(AutodiffError) -> Tensor {
        let i = try slot(logits)
        let j = try slot(target)
        let shape = shapeAt(i)
        let targetShape = shapeAt(j)
        let dtype = dtypeAt(i)
        let classes = shape.last ?? 0
        let batch = shape.count == 2 ? shape[0] : 1
        guard (shape.count == 1 && targetShape.isEmpty) || (shape.count == 2 && targetShape == [shape[0]]) else {
            throw .invalidShapes(
                operation: "cross_entropy", shapes: [shape, targetShape],
                expected: "logits must be classes with one class index, or batch×classes with one index per row")
        }
        let classIndices = try Tape.classIndices(elementsAt(j), classes: classes)
        let x = elementsAt(i)
        var logProbabilities = x
        for row in 0..<batch {
            Tape.softmaxRun(.logSoftmax, x, &logProbabilities, row * classes, classes, 1, dtype)
        }
        let picked = (0..<batch).map { logProbabilities[$0 * classes + classIndices[$0]] }
        let value: Double
        if dtype == .f32 {
            value = Double(Summation.negatedNLLSum(picked.map { Float($0) }) / Float(batch))
        } else {
            value = Summation.negatedNLLSum(picked) / Double(batch)
        }
        return recordScalar(.crossEntropy, dtype, value, Int32(i), Int32(j))
    }

    /// Class indices as integers in `0..<classes`.
    static func classIndices(_ values: [Double], classes: Int) throws(AutodiffError) -> [Int] {
        var result: [Int] = []
        for value in values {
            guard value.rounded() == value, value >= 0, value < Double(classes) else {
                throw .invalidClassIndex(value: value, classes: classes)
            }
            result.append(Int(value))
        }
        return result
    }

    /// `x[i, t_i]` for every row (or `x[t]` for a vector): a step of `crossEntropy`'s gradient.
    func gather(_ x: Tensor, _ target: Tensor) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        let j = try slot(target)
        let shape = shapeAt(i)
        let classes = shape.last ?? 0
        let indices = try Tape.classIndices(elementsAt(j), classes: classes)
        let values = elementsAt(i)
        let out = indices.enumerated().map { values[$0.offset * classes + $0.element] }
        let outShape = shape.count == 2 ? [shape[0]] : []
        return record(.gather, dtypeAt(i), shape: outShape, elements: out, Int32(i), Int32(j))
    }

    /// Zeros of `shape` with `g_i` at `[i, t_i]`: the gradient of `gather`.
    func scatter(_ g: Tensor, _ target: Tensor, shape: [Int]) throws(AutodiffError) -> Tensor {
        let i = try slot(g)
        let j = try slot(target)
        let classes = shape.last ?? 0
        let indices = try Tape.classIndices(elementsAt(j), classes: classes)
        var out = [Double](repeating: 0, count: try checkedElementCount(shape))
        let values = elementsAt(i)
        for (row, index) in indices.enumerated() { out[row * classes + index] = values[row] }
        return record(.scatter, dtypeAt(i), shape: shape, elements: out, Int32(i), Int32(j))
    }

    /// Gradients of losses, as recorded operations in the order of PyTorch's backward kernels.
    func lossGradients(_ node: Int, _ g: Tensor) throws(AutodiffError) -> (Tensor?, Tensor?) {
        let first = Int(nodes[node].first)
        let second = Int(nodes[node].second)
        let a = handle(first)
        let b = handle(second)
        switch nodes[node].kind {
        case .mse:
            // PyTorch: (2/n) * (pred - target) * grad; the target's gradient is its negation.
            let difference = try sub(a, b)
            let count = try scalarCount(difference)
            let da = try mul(try mul(constantLike(2 / Double(count), g), difference), g)
            return (da, try neg(da))
        case .bce:
            // PyTorch: grad * (p - t) / max((1 - p) * p, 1e-12) / n, and grad * (log(1-p) - log(p)) / n.
            let count = constantLike(Double(try scalarCount(a)), g)
            let one = constantLike(1, a)
            let denominator = try clampMin(try mul(try sub(one, a), a), 1e-12)
            let da = try div(try div(try mul(g, try sub(a, b)), denominator), count)
            let logs = try sub(try clampMin(try log(try sub(one, a)), -100), try clampMin(try log(a), -100))
            let db = try div(try mul(g, logs), count)
            return (da, db)
        case .crossEntropy:
            // PyTorch: nll_loss_backward puts -grad/n at each target, then log_softmax_backward.
            let shape = shapeAt(first)
            let batch = shape.count == 2 ? shape[0] : 1
            let share = try neg(try div(g, constantLike(Double(batch), g)))
            let spread = shape.count == 2 ? try broadcast(share, to: [batch]) : share
            let picked = try scatter(spread, b, shape: shape)
            let y = try logSoftmax(a, dim: -1)
            let total = try broadcast(
                try reshape(try sum(picked, dim: -1), shape.count == 2 ? [batch, 1] : [1]), to: shape)
            return (try sub(picked, try mul(try exp(y), total)), nil)
        case .gather:
            return (try scatter(g, b, shape: shapeAt(first)), nil)
        case .scatter:
            return (try gather(g, b), nil)
        default:
            return (nil, nil)
        }
    }
}
