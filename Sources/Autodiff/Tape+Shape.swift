// Linear algebra and shape operations: forward computations and, next to them, their gradient rules.

extension Tape {
    // MARK: Matrix product

    /// `a @ b` as `torch.matmul` for 1-D and 2-D operands: vector·vector gives a scalar,
    /// matrix@vector a vector, vector@matrix a vector, matrix@matrix a matrix. f32 sums run in
    /// `Float`, in index order.
    public func matmul(_ a: Tensor, _ b: Tensor) throws(AutodiffError) -> Tensor {
        let i = try slot(a)
        let j = try slot(b)
        let aShape = shapeAt(i)
        let bShape = shapeAt(j)
        let dtype = DType.promoted(dtypeAt(i), dtypeAt(j))
        guard (1...2).contains(aShape.count), (1...2).contains(bShape.count) else {
            throw .invalidShapes(
                operation: "matmul", shapes: [aShape, bShape],
                expected: "both operands must be vectors or matrices")
        }
        let m = aShape.count == 2 ? aShape[0] : 1
        let k = aShape.count == 2 ? aShape[1] : aShape[0]
        let k2 = bShape[0]
        let n = bShape.count == 2 ? bShape[1] : 1
        guard k == k2 else {
            throw .invalidShapes(
                operation: "matmul", shapes: [aShape, bShape],
                expected: "the inner sizes \(k) and \(k2) must be equal")
        }
        var outShape: [Int] = []
        if aShape.count == 2 { outShape.append(m) }
        if bShape.count == 2 { outShape.append(n) }
        _ = try checkedElementCount(outShape)
        let out = Tape.matrixProduct(elementsAt(i), elementsAt(j), m, k, n, dtype)
        return record(.matmul, dtype, shape: outShape, elements: out, Int32(i), Int32(j))
    }

    /// `dot(a, b)` of two vectors of the same length.
    public func dot(_ a: Tensor, _ b: Tensor) throws(AutodiffError) -> Tensor {
        let aShape = try shape(a)
        let bShape = try shape(b)
        guard aShape.count == 1, bShape.count == 1, aShape == bShape else {
            throw .invalidShapes(
                operation: "dot", shapes: [aShape, bShape], expected: "both must be vectors of the same length")
        }
        return try matmul(a, b)
    }

    /// Row-major `(m×k) @ (k×n)`, each sum in index order with fused multiply-adds (in `Float` for
    /// f32), which is what PyTorch's BLAS (MKL) gives for small inner sizes.
    static func matrixProduct(_ a: [Double], _ b: [Double], _ m: Int, _ k: Int, _ n: Int, _ dtype: DType) -> [Double] {
        var out = [Double](repeating: 0, count: m * n)
        if dtype == .f32 {
            for r in 0..<m {
                for c in 0..<n {
                    var sum: Float = 0
                    for p in 0..<k { sum.addProduct(Float(a[r * k + p]), Float(b[p * n + c])) }
                    out[r * n + c] = Double(sum)
                }
            }
        } else {
            for r in 0..<m {
                for c in 0..<n {
                    var sum = 0.0
                    for p in 0..<k { sum.addProduct(a[r * k + p], b[p * n + c]) }
                    out[r * n + c] = sum
                }
            }
        }
        return out
    }

    func matmulGradients(_ node: Int, _ g: Tensor) throws(AutodiffError) -> (Tensor?, Tensor?) {
        let a = handle(Int(nodes[node].first))
        let b = handle(Int(nodes[node].second))
        let aShape = shapeAt(Int(nodes[node].first))
        let bShape = shapeAt(Int(nodes[node].second))
        switch (aShape.count, bShape.count) {
        case (1, 1):
            return (try mul(g, b), try mul(g, a))
        case (2, 2):
            return (try matmul(g, try transpose(b)), try matmul(try transpose(a), g))
        case (1, 2):
            // out[n] = a[k] b[k, n]: da = b @ g, db = outer(a, g).
            let outer = try matmul(try reshape(a, [aShape[0], 1]), try reshape(g, [1, bShape[1]]))
            return (try matmul(b, g), outer)
        default:
            // (2, 1): out[m] = a[m, k] b[k]: da = outer(g, b), db = aᵀ @ g.
            let outer = try matmul(try reshape(g, [aShape[0], 1]), try reshape(b, [1, bShape[0]]))
            return (outer, try matmul(try transpose(a), g))
        }
    }

    // MARK: Transpose and reshape

    /// `x.T`: the dimensions in reverse order (a matrix's rows and columns swapped; a vector or
    /// scalar unchanged).
    public func transpose(_ x: Tensor) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        let shape = shapeAt(i)
        if shape.count < 2 {
            return record(.transpose, dtypeAt(i), shape: shape, elements: elementsAt(i), Int32(i))
        }
        let outShape = Array(shape.reversed())
        let source = elementsAt(i)
        let inStrides = Broadcasting.strides(of: shape, in: shape)
        let reversedStrides = Array(inStrides.reversed())
        let none = [Int](repeating: 0, count: shape.count)
        var out = [Double](repeating: 0, count: source.count)
        Broadcasting.forEachOffset(outShape, reversedStrides, none) { n, offset, _ in out[n] = source[offset] }
        return record(.transpose, dtypeAt(i), shape: outShape, elements: out, Int32(i))
    }

    /// `reshape(x, d1, d2, ...)`; one size may be -1 and is then inferred.
    public func reshape(_ x: Tensor, _ newShape: [Int]) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        let shape = shapeAt(i)
        let count = nodes[i].payload < 0 ? 1 : tensorPayloads[Int(nodes[i].payload)].elements.count
        var resolved = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        guard inferred.count <= 1, newShape.allSatisfy({ $0 >= -1 }) else {
            throw .invalidReshape(from: shape, to: newShape)
        }
        if let position = inferred.first {
            var known = 1
            for (k, size) in newShape.enumerated() where k != position { known *= size }
            guard known > 0, count % known == 0 else { throw .invalidReshape(from: shape, to: newShape) }
            resolved[position] = count / known
        }
        guard try checkedElementCount(resolved) == count else { throw .invalidReshape(from: shape, to: resolved) }
        return record(.reshape, dtypeAt(i), shape: resolved, elements: elementsAt(i), Int32(i))
    }

    /// `x` repeated along broadcast dimensions to `shape` (which `x` must broadcast to).
    public func broadcast(_ x: Tensor, to shape: [Int]) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        let from = shapeAt(i)
        if from == shape { return x }
        guard Broadcasting.broadcasts(from, to: shape) else {
            throw .shapeMismatch(operation: "broadcast", left: from, right: shape)
        }
        _ = try checkedElementCount(shape)
        let out = Broadcasting.expand(elementsAt(i), from, to: shape)
        return record(.broadcastTo, dtypeAt(i), shape: shape, elements: out, Int32(i))
    }

    /// `x` summed down to `shape` (which must broadcast to `x`'s shape): the gradient of a broadcast.
    public func sum(_ x: Tensor, to shape: [Int]) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        let from = shapeAt(i)
        if from == shape { return x }
        guard Broadcasting.broadcasts(shape, to: from) else {
            throw .shapeMismatch(operation: "sum_to", left: from, right: shape)
        }
        let dtype = dtypeAt(i)
        let out = Broadcasting.sum(elementsAt(i), from, to: shape, dtype: dtype)
        return record(.sumTo, dtype, shape: shape, elements: out, Int32(i))
    }

    // MARK: Indexing

    /// `x[i]`, `x[i, j]`, ...: negative indices count from the end, as in Python.
    public func index(_ x: Tensor, _ indices: [Int]) throws(AutodiffError) -> Tensor {
        if indices.count == 1 { return try index(x, indices[0]) }
        let i = try slot(x)
        let shape = shapeAt(i)
        guard indices.count <= shape.count, !indices.isEmpty else {
            throw .tooManyIndices(count: indices.count, shape: shape)
        }
        var normalized: [Int] = []
        for (dimension, index) in indices.enumerated() {
            let size = shape[dimension]
            let resolved = index < 0 ? index + size : index
            guard resolved >= 0, resolved < size else {
                throw .indexOutOfRange(index: index, dimension: dimension, size: size)
            }
            normalized.append(resolved)
        }
        let (offset, count) = Tape.indexedRange(shape, normalized)
        let outShape = Array(shape[indices.count...])
        let out = Array(elementsAt(i)[offset..<(offset + count)])
        let result = record(.index, dtypeAt(i), shape: outShape, elements: out, Int32(i), attribute: .nan)
        nodeIndices[result.index] = normalized
        return result
    }

    /// `x[i]`: one index into the first dimension (negative counts from the end), as
    /// `index(x, [i])`. The index is kept in the node's `attribute` instead of `nodeIndices`, and
    /// a row of a vector is a scalar node: the rows of a `for` loop cost no allocation.
    public func index(_ x: Tensor, _ index: Int) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        let p = Int(nodes[i].payload)
        guard p >= 0, let size = tensorPayloads[p].shape.first else {
            throw .tooManyIndices(count: 1, shape: shapeAt(i))
        }
        let resolved = index < 0 ? index + size : index
        guard resolved >= 0, resolved < size else {
            throw .indexOutOfRange(index: index, dimension: 0, size: size)
        }
        let dtype = dtypeAt(i)
        if tensorPayloads[p].shape.count == 1 {
            let element = tensorPayloads[p].elements[resolved]
            return recordScalar(.index, dtype, element, Int32(i), attribute: Double(resolved))
        }
        let shape = tensorPayloads[p].shape
        let (offset, count) = Tape.indexedRange(shape, [resolved])
        let out = Array(tensorPayloads[p].elements[offset..<(offset + count)])
        return record(
            .index, dtype, shape: Array(shape.dropFirst()), elements: out, Int32(i), attribute: Double(resolved))
    }

    /// The indices of the `index` or `indexBackward` node at slot `i` (`[]` for other kinds): its
    /// `attribute` for one index, else its entry in `nodeIndices` (`attribute` is NaN).
    func indices(ofNode i: Int) -> [Int] {
        let kind = nodes[i].kind
        guard kind == .index || kind == .indexBackward else { return [] }
        let single = nodes[i].attribute
        return single.isNaN ? nodeIndices[Int32(i)] ?? [] : [Int(single)]
    }

    /// The offset and length of the block `shape[indices]` in row-major order.
    static func indexedRange(_ shape: [Int], _ indices: [Int]) -> (Int, Int) {
        var count = 1
        for size in shape[indices.count...] { count *= size }
        var offset = 0
        var stride = count
        for dimension in Swift.stride(from: indices.count - 1, through: 0, by: -1) {
            offset += indices[dimension] * stride
            stride *= shape[dimension]
        }
        return (offset, count)
    }

    /// Zeros of `shape` with `g` placed at `indices`: the gradient of `index`.
    func indexBackward(_ g: Tensor, shape: [Int], indices: [Int]) throws(AutodiffError) -> Tensor {
        let i = try slot(g)
        let (offset, count) = Tape.indexedRange(shape, indices)
        var out = [Double](repeating: 0, count: try checkedElementCount(shape))
        let source = elementsAt(i)
        for k in 0..<Swift.min(count, source.count) { out[offset + k] = source[k] }
        if indices.count == 1 {
            return record(
                .indexBackward, dtypeAt(i), shape: shape, elements: out, Int32(i), attribute: Double(indices[0]))
        }
        let result = record(.indexBackward, dtypeAt(i), shape: shape, elements: out, Int32(i), attribute: .nan)
        nodeIndices[result.index] = indices
        return result
    }

    // MARK: dtype and detach

    /// `x as dtype`: f64 to f32 rounds each element to `Float`.
    public func cast(_ x: Tensor, to dtype: DType) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        if dtypeAt(i) == dtype { return x }
        var out = elementsAt(i)
        if dtype == .f32 { out = out.map { Double(Float($0)) } }
        return record(.cast, dtype, shape: shapeAt(i), elements: out, Int32(i))
    }

    /// `detach(x)`: the same value as a constant, cut from the graph.
    public func detach(_ x: Tensor) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        return record(.constant, dtypeAt(i), shape: shapeAt(i), elements: elementsAt(i))
    }

    /// Gradients of shape and linear-algebra nodes, as recorded operations.
    func shapeGradient(_ node: Int, _ g: Tensor) throws(AutodiffError) -> Tensor? {
        let input = Int(nodes[node].first)
        switch nodes[node].kind {
        case .transpose: return try transpose(g)
        case .reshape: return try reshape(g, shapeAt(input))
        case .broadcastTo: return try sum(g, to: shapeAt(input))
        case .sumTo: return try broadcast(g, to: shapeAt(input))
        case .index:
            return try indexBackward(g, shape: shapeAt(input), indices: indices(ofNode: node))
        case .indexBackward: return try index(g, indices(ofNode: node))
        case .cast: return try cast(g, to: dtypeAt(input))
        default: return nil
        }
    }
}
