import Foundation

// Reductions and softmax: forward computations and, next to them, their gradient rules.

extension Tape {
    /// `sum(x)` over every element, or over `dim` (negative counts from the end).
    public func sum(_ x: Tensor, dim: Int? = nil) throws(AutodiffError) -> Tensor { try reduce(.sum, x, dim: dim) }
    /// `mean(x)`: the sum divided by the element count (of `dim`).
    public func mean(_ x: Tensor, dim: Int? = nil) throws(AutodiffError) -> Tensor { try reduce(.mean, x, dim: dim) }
    /// `max(x)`; the gradient is shared evenly among ties (over `dim`: it goes to the first maximum).
    public func max(_ x: Tensor, dim: Int? = nil) throws(AutodiffError) -> Tensor { try reduce(.max, x, dim: dim) }
    /// `min(x)`; the gradient is shared evenly among ties (over `dim`: it goes to the first minimum).
    public func min(_ x: Tensor, dim: Int? = nil) throws(AutodiffError) -> Tensor { try reduce(.min, x, dim: dim) }

    /// Any reduction kind (`.sum`, `.mean`, `.max`, `.min`) over everything or over `dim`.
    public func reduce(_ kind: OpKind, _ x: Tensor, dim: Int?) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        guard [.sum, .mean, .max, .min].contains(kind) else {
            throw .invalidArgument("`\(kind)` is not a reduction")
        }
        let shape = shapeAt(i)
        let dtype = dtypeAt(i)
        let elements = elementsAt(i)
        guard let dim else {
            if elements.isEmpty && (kind == .max || kind == .min) { throw .emptyReduction(operation: kind.description) }
            let value = Tape.reduceRun(kind, elements, 0, elements.count, 1, dtype)
            return recordScalar(kind, dtype, value, Int32(i), attribute: Tape.noDim)
        }
        let d = try normalizedDim(dim, rank: shape.count, operation: kind.description)
        let (outer, size, inner) = Tape.split(shape, d)
        if size == 0 && (kind == .max || kind == .min) { throw .emptyReduction(operation: kind.description) }
        var out = [Double](repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for n in 0..<inner {
                out[o * inner + n] = Tape.reduceRun(
                    kind, elements, o * size * inner + n, size, inner, dtype, column: inner > 1 ? n : nil,
                    columns: inner)
            }
        }
        var outShape = shape
        outShape.remove(at: d)
        return record(kind, dtype, shape: outShape, elements: out, Int32(i), attribute: Double(d))
    }

    /// `dim` in `0..<rank` (negative counts from the end).
    func normalizedDim(_ dim: Int, rank: Int, operation: String) throws(AutodiffError) -> Int {
        let d = dim < 0 ? dim + rank : dim
        guard d >= 0, d < rank else { throw .invalidDimension(operation: operation, dim: dim, rank: rank) }
        return d
    }

    /// The sizes before, along and after dimension `d`.
    static func split(_ shape: [Int], _ d: Int) -> (Int, Int, Int) {
        var outer = 1
        for size in shape[..<d] { outer *= size }
        var inner = 1
        for size in shape[(d + 1)...] { inner *= size }
        return (outer, shape[d], inner)
    }

    /// Reduces `count` elements starting at `start`, `stride` apart. Sums run in PyTorch's order
    /// (`Summation`); `column` of `columns` marks an outer reduction (see `Summation.sum`).
    static func reduceRun(
        _ kind: OpKind, _ x: [Double], _ start: Int, _ count: Int, _ stride: Int, _ dtype: DType,
        column: Int? = nil, columns: Int = 1
    ) -> Double {
        switch kind {
        case .sum, .mean:
            if dtype == .f32 {
                let sum = Summation.sum(
                    x, start: start, count: count, stride: stride, as: Float.self, column: column, columns: columns)
                return Double(kind == .sum ? sum : sum / Float(count))
            }
            let sum = Summation.sum(
                x, start: start, count: count, stride: stride, as: Double.self, column: column, columns: columns)
            return kind == .sum ? sum : sum / Double(count)
        case .max, .min:
            var best = x[start]
            for k in 1..<Swift.max(count, 1) {
                let v = x[start + k * stride]
                if v.isNaN || best.isNaN {
                    best = .nan
                } else if kind == .max ? v > best : v < best {
                    best = v
                }
            }
            return best
        default:
            return .nan
        }
    }

    /// The shape of a reduction's result with the reduced dimension kept as size 1.
    func keptShape(_ node: Int) -> [Int] {
        var shape = shapeAt(Int(nodes[node].first))
        let dim = nodes[node].attribute
        if dim.isNaN { return shape.map { _ in 1 } }
        shape[Int(dim)] = 1
        return shape
    }

    /// Gradients of reductions and softmax nodes, as recorded operations (PyTorch's formulas).
    func reductionGradient(_ node: Int, _ g: Tensor) throws(AutodiffError) -> Tensor? {
        let input = Int(nodes[node].first)
        let inputShape = shapeAt(input)
        let dim = nodes[node].attribute
        switch nodes[node].kind {
        case .sum:
            return try broadcast(try reshape(g, keptShape(node)), to: inputShape)
        case .mean:
            let count = dim.isNaN ? elementsAt(input).count : inputShape[Int(dim)]
            let spread = try broadcast(try reshape(g, keptShape(node)), to: inputShape)
            return try div(spread, constantLike(Double(count), g))
        case .max, .min:
            let out = elementsAt(node)
            let values = elementsAt(input)
            if dim.isNaN {
                // PyTorch's evenly_distribute_backward: grad / count at every tie.
                let best = out[0]
                let mask = values.map { ($0 == best || ($0.isNaN && best.isNaN)) ? 1.0 : 0.0 }
                let count = mask.reduce(0, +)
                let maskTensor = record(.constant, dtypeAt(input), shape: inputShape, elements: mask)
                let share = try div(g, constantLike(count, g))
                return try mul(try broadcast(share, to: inputShape), maskTensor)
            }
            // With `dim`, the gradient goes to the first selected index, as PyTorch's indices.
            let (outer, size, inner) = Tape.split(inputShape, Int(dim))
            var mask = [Double](repeating: 0, count: values.count)
            for o in 0..<outer {
                for n in 0..<inner {
                    let best = out[o * inner + n]
                    for k in 0..<size {
                        let offset = (o * size + k) * inner + n
                        if values[offset] == best || (best.isNaN && values[offset].isNaN) {
                            mask[offset] = 1
                            break
                        }
                    }
                }
            }
            let maskTensor = record(.constant, dtypeAt(input), shape: inputShape, elements: mask)
            return try mul(try broadcast(try reshape(g, keptShape(node)), to: inputShape), maskTensor)
        case .softmax:
            // PyTorch: y * (g - sum(g * y, dim, keepdim)).
            let y = handle(node)
            let d = Int(dim)
            let total = try broadcast(try reshape(try sum(try mul(g, y), dim: d), keptShape(node)), to: inputShape)
            return try mul(y, try sub(g, total))
        case .logSoftmax:
            // PyTorch: g - exp(y) * sum(g, dim, keepdim).
            let y = handle(node)
            let d = Int(dim)
            let total = try broadcast(try reshape(try sum(g, dim: d), keptShape(node)), to: inputShape)
            return try sub(g, try mul(try exp(y), total))
        default:
            return nil
        }
    }

    // MARK: Softmax

    /// `softmax(x, dim)`: `exp(x - max) / sum(exp(x - max))` along `dim`.
    public func softmax(_ x: Tensor, dim: Int) throws(AutodiffError) -> Tensor { try softmax(.softmax, x, dim: dim) }
    /// `log_softmax(x, dim)`: `x - max - log(sum(exp(x - max)))` along `dim`.
    public func logSoftmax(_ x: Tensor, dim: Int) throws(AutodiffError) -> Tensor {
        try softmax(.logSoftmax, x, dim: dim)
    }

    func softmax(_ kind: OpKind, _ x: Tensor, dim: Int) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        let shape = shapeAt(i)
        let dtype = dtypeAt(i)
        // A scalar is treated as one element along dimension 0, as PyTorch does.
        let d =
            shape.isEmpty
            ? try normalizedDim(dim, rank: 1, operation: kind.description)
            : try normalizedDim(
                dim, rank: shape.count, operation: kind.description)
        let viewShape = shape.isEmpty ? [1] : shape
        let (outer, size, inner) = Tape.split(viewShape, d)
        let elements = elementsAt(i)
        var out = elements
        for o in 0..<outer {
            for n in 0..<inner {
                Tape.softmaxRun(kind, elements, &out, o * size * inner + n, size, inner, dtype)
            }
        }
        return record(kind, dtype, shape: shape, elements: out, Int32(i), attribute: Double(d))
    }

    /// Softmax or log-softmax of one run, in `Float` for f32, as PyTorch's CPU kernels.
    static func softmaxRun(
        _ kind: OpKind, _ x: [Double], _ out: inout [Double], _ start: Int, _ count: Int, _ stride: Int, _ dtype: DType
    ) {
        if count == 0 { return }
        if dtype == .f32 {
            var best = Float(x[start])
            for k in 1..<count { best = Swift.max(best, Float(x[start + k * stride])) }
            var total: Float = 0
            for k in 0..<count { total += Float(Foundation.exp(Double(Float(x[start + k * stride]) - best))) }
            if kind == .softmax {
                let scale = 1 / total
                for k in 0..<count {
                    out[start + k * stride] = Double(
                        Float(Foundation.exp(Double(Float(x[start + k * stride]) - best))) * scale)
                }
            } else {
                let logTotal = Float(Foundation.log(Double(total)))
                for k in 0..<count { out[start + k * stride] = Double(Float(x[start + k * stride]) - best - logTotal) }
            }
        } else {
            var best = x[start]
            for k in 1..<count { best = Swift.max(best, x[start + k * stride]) }
            var total = 0.0
            for k in 0..<count { total += Foundation.exp(x[start + k * stride] - best) }
            if kind == .softmax {
                let scale = 1 / total
                for k in 0..<count { out[start + k * stride] = Foundation.exp(x[start + k * stride] - best) * scale }
            } else {
                let logTotal = Foundation.log(total)
                for k in 0..<count { out[start + k * stride] = x[start + k * stride] - best - logTotal }
            }
        }
    }
}
