/// NumPy broadcasting: shapes are aligned from the last dimension; sizes must be equal or 1.
enum Broadcasting {
    /// The broadcast shape of `a` and `b`, or `nil` when they do not broadcast.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        if a == b { return a }
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for k in 0..<rank {
            let da = k < rank - a.count ? 1 : a[k - (rank - a.count)]
            let db = k < rank - b.count ? 1 : b[k - (rank - b.count)]
            if da == db || db == 1 {
                result[k] = da
            } else if da == 1 {
                result[k] = db
            } else {
                return nil
            }
        }
        return result
    }

    /// Whether `from` broadcasts to exactly `to`.
    static func broadcasts(_ from: [Int], to: [Int]) -> Bool {
        shape(from, to) == to
    }

    /// Row-major strides of `shape` aligned to `outShape`, with stride 0 along broadcast dimensions.
    static func strides(of shape: [Int], in outShape: [Int]) -> [Int] {
        let offset = outShape.count - shape.count
        var strides = [Int](repeating: 0, count: outShape.count)
        var stride = 1
        for k in Swift.stride(from: shape.count - 1, through: 0, by: -1) {
            strides[k + offset] = shape[k] == 1 ? 0 : stride
            stride *= shape[k]
        }
        return strides
    }

    /// For every element of `outShape` in row-major order, the offsets into `a` and `b`.
    @inline(__always)
    static func forEachOffset(
        _ outShape: [Int], _ aStrides: [Int], _ bStrides: [Int], _ body: (Int, Int, Int) -> Void
    ) {
        let rank = outShape.count
        var count = 1
        for size in outShape { count *= size }
        if count == 0 { return }
        var index = [Int](repeating: 0, count: rank)
        var ao = 0
        var bo = 0
        for n in 0..<count {
            body(n, ao, bo)
            var k = rank - 1
            while k >= 0 {
                index[k] += 1
                ao += aStrides[k]
                bo += bStrides[k]
                if index[k] < outShape[k] { break }
                ao -= aStrides[k] * outShape[k]
                bo -= bStrides[k] * outShape[k]
                index[k] = 0
                k -= 1
            }
        }
    }

    /// `a ⊙ b` element-wise with broadcasting, into `outShape` (already checked).
    @inline(__always)
    static func combine(
        _ a: [Double], _ aShape: [Int], _ b: [Double], _ bShape: [Int], _ outShape: [Int],
        _ f: (Double, Double) -> Double
    ) -> [Double] {
        if aShape == bShape {
            return [Double](unsafeUninitializedCapacity: a.count) { buffer, initialized in
                for n in 0..<a.count { buffer[n] = f(a[n], b[n]) }
                initialized = a.count
            }
        }
        if b.count == 1 {
            let y = b[0]
            if aShape == outShape { return a.map { f($0, y) } }
        }
        if a.count == 1 {
            let x = a[0]
            if bShape == outShape { return b.map { f(x, $0) } }
        }
        let aStrides = strides(of: aShape, in: outShape)
        let bStrides = strides(of: bShape, in: outShape)
        var count = 1
        for size in outShape { count *= size }
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            forEachOffset(outShape, aStrides, bStrides) { n, ao, bo in buffer[n] = f(a[ao], b[bo]) }
            initialized = count
        }
    }

    /// Sums `elements` of `shape` down to `target` (which broadcasts to `shape`), in PyTorch's
    /// order when the summed dimensions are all leading or all trailing (`Summation`), else in
    /// index order.
    static func sum(_ elements: [Double], _ shape: [Int], to target: [Int], dtype: DType) -> [Double] {
        if shape == target { return elements }
        var targetCount = 1
        for size in target { targetCount *= size }
        let aligned = [Int](repeating: 1, count: shape.count - target.count) + target
        let reduced = shape.indices.filter { aligned[$0] != shape[$0] }
        var total = 1
        for size in shape { total *= size }
        let summed = targetCount == 0 ? 0 : total / targetCount
        func run(_ start: Int, _ stride: Int, _ column: Int?, _ columns: Int) -> Double {
            dtype == .f32
                ? Double(
                    Summation.sum(
                        elements, start: start, count: summed, stride: stride, as: Float.self, column: column,
                        columns: columns))
                : Summation.sum(
                    elements, start: start, count: summed, stride: stride, as: Double.self, column: column,
                    columns: columns)
        }
        let isLeading = reduced.allSatisfy { k in (0..<k).allSatisfy { reduced.contains($0) || shape[$0] == 1 } }
        let isTrailing = reduced.allSatisfy { k in
            ((k + 1)..<shape.count).allSatisfy { reduced.contains($0) || shape[$0] == 1 }
        }
        if targetCount == 1 || isTrailing {
            return (0..<targetCount).map { run($0 * summed, 1, nil, 1) }
        }
        if isLeading {
            return (0..<targetCount).map { run($0, targetCount, targetCount > 1 ? $0 : nil, targetCount) }
        }
        var result = [Double](repeating: 0, count: targetCount)
        let targetStrides = strides(of: target, in: shape)
        let none = [Int](repeating: 0, count: shape.count)
        if dtype == .f32 {
            var sums = [Float](repeating: 0, count: targetCount)
            forEachOffset(shape, targetStrides, none) { n, to, _ in sums[to] += Float(elements[n]) }
            for k in 0..<targetCount { result[k] = Double(sums[k]) }
        } else {
            forEachOffset(shape, targetStrides, none) { n, to, _ in result[to] += elements[n] }
        }
        return result
    }

    /// Repeats `elements` of `shape` along broadcast dimensions to fill `target`.
    static func expand(_ elements: [Double], _ shape: [Int], to target: [Int]) -> [Double] {
        if shape == target { return elements }
        let sourceStrides = strides(of: shape, in: target)
        let none = [Int](repeating: 0, count: target.count)
        var count = 1
        for size in target { count *= size }
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            forEachOffset(target, sourceStrides, none) { n, so, _ in buffer[n] = elements[so] }
            initialized = count
        }
    }
}
