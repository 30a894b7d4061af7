import Autodiff
import Testing

/// No input crashes the engine: thousands of random operations on random shapes (empty ones,
/// NaN and infinities included) each return a value or throw an `AutodiffError`.
@Suite struct RobustnessTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomOperationsNeverCrash(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let tape = Tape(seed: seed)
        let shapes: [[Int]] = [[], [0], [1], [3], [2, 3], [3, 2], [2, 1], [1, 3], [0, 3], [2, 2, 2]]
        let specials: [Double] = [0, -0.0, 1, -1, 0.5, .nan, .infinity, -.infinity, 1e300, -1e-300, 3]
        var pool: [Tensor] = []
        for k in 0..<40 {
            let shape = shapes[pick(shapes.count)]
            let count = shape.reduce(1, *)
            let values = (0..<count).map { _ in specials[pick(specials.count)] }
            let dtype: DType = pick(2) == 0 ? .f32 : .f64
            let value = try TensorValue(values, shape: shape, dtype: dtype)
            pool.append(k % 4 == 0 ? tape.param(value, name: "p\(k)") : tape.constant(value))
        }
        var failures = 0
        var successes = 0
        for _ in 0..<3_000 {
            let a = pool[pick(pool.count)]
            let b = pool[pick(pool.count)]
            let dim = pick(5) - 2
            do {
                let result: Tensor
                switch pick(24) {
                case 0: result = try tape.binary([.add, .sub, .mul, .div, .pow][pick(5)], a, b)
                case 1:
                    result = try tape.unary(OpKind.allCases.filter(\.isUnaryElementwise)[pick(15)], a, attribute: 2.5)
                case 2: result = try tape.matmul(a, b)
                case 3: result = try tape.dot(a, b)
                case 4: result = try tape.transpose(a)
                case 5: result = try tape.reshape(a, [pick(4) - 1, pick(3)])
                case 6: result = try tape.index(a, (0..<(pick(3) + 1)).map { _ in pick(7) - 3 })
                case 7: result = try tape.reduce([.sum, .mean, .max, .min][pick(4)], a, dim: pick(2) == 0 ? nil : dim)
                case 8: result = try tape.softmax(a, dim: dim)
                case 9: result = try tape.logSoftmax(a, dim: dim)
                case 10: result = try tape.mse(a, b)
                case 11: result = try tape.bce(a, b)
                case 12: result = try tape.crossEntropy(a, b)
                case 13: result = try tape.cast(a, to: pick(2) == 0 ? .f32 : .f64)
                case 14: result = try tape.grad(of: a, wrt: b)
                case 15:
                    try tape.backward(a)
                    continue
                case 16:
                    try tape.backward(a, gradient: b)
                    continue
                case 17:
                    try tape.update(a, to: b)
                    continue
                case 18: result = try tape.broadcast(a, to: try tape.shape(b))
                case 19: result = try tape.sum(a, to: try tape.shape(b))
                case 20:
                    _ = try tape.graph(of: a)
                    continue
                case 21:
                    let results = try GradientChecker.check(at: [try tape.value(a)]) { t, x throws(AutodiffError) in
                        try t.sum(try t.mul(x[0], x[0]))
                    }
                    _ = results
                    continue
                case 22: result = try tape.clampMin(a, -1)
                default:
                    tape.reclaim(keeping: pool)
                    continue
                }
                _ = try tape.value(result)
                successes += 1
                if pool.count < 200 { pool.append(result) } else { pool[pick(pool.count)] = result }
            } catch {
                failures += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(failures > 100)
        #expect(successes > 500)
    }

    /// After `reclaim`, reused slots can sit below their inputs; `backward` then orders the graph
    /// with Kahn's algorithm and still gets d/dw of w·k·(w+1) = 2wk + k = 2·2·3 + 3 = 15.
    @Test func reusedSlotsKeepGradientsRight() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 2, dtype: .f64), name: "w")
        var garbage = w
        for _ in 0..<50 { garbage = try tape.add(garbage, w) }
        let k = tape.scalar(3, dtype: .f64)
        tape.reclaim(keeping: [k])
        let y = try tape.mul(try tape.mul(w, k), try tape.add(w, tape.scalar(1, dtype: .f64)))
        #expect(y.index < k.index)
        try tape.backward(y)
        #expect(try tape.gradient(of: w)?.scalar == 15)
        #expect(try tape.scalarValue(try tape.grad(of: y, wrt: w)) == 15)
        let vector = tape.param(try TensorValue([1, 2], shape: [2], dtype: .f64), name: "v")
        tape.reclaim(keeping: [k])
        let z = try tape.sum(try tape.mul(try tape.mul(vector, k), vector))
        try tape.backward(z)
        #expect(try tape.gradient(of: vector)?.scalars == [6, 12])
    }
}
