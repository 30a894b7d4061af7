/// NumPy broadcasting of two shapes, for comparing displayed values.
enum Broadcast {
    /// The broadcast shape of `a` and `b`, or `nil` when they do not broadcast.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var result: [Int] = []
        for axis in 0..<rank {
            let x = axis < rank - a.count ? 1 : a[axis - (rank - a.count)]
            let y = axis < rank - b.count ? 1 : b[axis - (rank - b.count)]
            guard x == y || x == 1 || y == 1 else { return nil }
            result.append(x == 1 ? y : x)
        }
        return result
    }

    /// For every element of the broadcast shape, the flat index into `a` and into `b`.
    static func pairs(_ a: [Int], _ b: [Int]) -> [(Int, Int)]? {
        guard let shape = shape(a, b) else { return nil }
        let count = shape.reduce(1, *)
        func strides(_ s: [Int]) -> [Int] {
            var strides = Array(repeating: 0, count: shape.count)
            var step = 1
            for axis in (0..<s.count).reversed() {
                let target = axis + shape.count - s.count
                strides[target] = s[axis] == 1 ? 0 : step
                step *= s[axis]
            }
            return strides
        }
        let aStrides = strides(a)
        let bStrides = strides(b)
        var result: [(Int, Int)] = []
        result.reserveCapacity(count)
        var index = Array(repeating: 0, count: shape.count)
        for _ in 0..<count {
            var i = 0
            var j = 0
            for axis in 0..<shape.count {
                i += index[axis] * aStrides[axis]
                j += index[axis] * bStrides[axis]
            }
            result.append((i, j))
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
