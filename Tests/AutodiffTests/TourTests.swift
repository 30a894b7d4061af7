import Autodiff
import Testing

/// The numbers of `/work/shared/examples/tour.md` that are pure engine math (printed by PyTorch 2.15).
@Suite struct TourTests {
    /// `step sgd(lr=0.1, momentum=0.9)` 20 times on `(w - 2)^2` from 5, in f32.
    @Test func sgdWithMomentum() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 5, dtype: .f32), name: "w")
        let optimizer = SGD(learningRate: 0.1, momentum: 0.9)
        var loss = 0.0
        for _ in 0..<20 {
            let l = try tape.pow(try tape.sub(w, tape.scalar(2, dtype: .f32)), 2)
            try tape.backward(l)
            try optimizer.step(tape)
            try tape.zeroGrad()
            loss = try #require(try tape.scalarValue(l))
        }
        #expect(try tape.scalarValue(w) == 0.952242374420166)
        #expect(loss == 0.881135880947113)
    }

    /// `step adam(lr=0.1)` 300 times on the quadratic fit, in f64.
    @Test func adamQuadraticFit() throws {
        let tape = Tape()
        let x = try tape.constant([0, 1, 2, 3], shape: [4], dtype: .f64)
        let y = try tape.constant([1, 3, 7, 13], shape: [4], dtype: .f64)
        let zero = TensorValue(scalar: 0, dtype: .f64)
        let a = tape.param(zero, name: "a")
        let b = tape.param(zero, name: "b")
        let c = tape.param(zero, name: "c")
        let optimizer = Adam(learningRate: 0.1)
        var loss = 1.0
        for _ in 0..<300 {
            let model = try tape.add(try tape.add(try tape.mul(a, try tape.pow(x, 2)), try tape.mul(b, x)), c)
            let l = try tape.mean(try tape.pow(try tape.sub(model, y), 2))
            try tape.backward(l)
            try optimizer.step(tape)
            try tape.zeroGrad()
            loss = try #require(try tape.scalarValue(l))
            tape.reclaim(keeping: [x, y])
        }
        #expect(try tape.scalarValue(a) == 0.9999999333008083)
        #expect(try tape.scalarValue(b) == 0.9999999332597571)
        #expect(try tape.scalarValue(c) == 0.9999999333049745)
        #expect(loss < 1e-12)
    }

    /// `mse(p, [1.5, 2, 2])` with `p = [1, 2, 3]` in f32.
    @Test func meanSquaredError() throws {
        let tape = Tape()
        let p = tape.param(try TensorValue([1, 2, 3], shape: [3], dtype: .f32), name: "p")
        let l = try tape.mse(p, try tape.constant([1.5, 2, 2], shape: [3], dtype: .f32))
        try tape.backward(l)
        #expect(try tape.scalarValue(l) == 0.4166666567325592)
        let grad = try #require(try tape.gradient(of: p))
        for (got, expected) in zip(grad.scalars, [-0.3333333, 0, 0.6666667]) {
            #expect(Swift.abs(got - expected) <= 1e-6)
        }
    }

    /// `backward max(u)` and `backward log_softmax(u, 0)[1]` with `u = [1, 3, 2]` in f32.
    @Test func maxAndLogSoftmax() throws {
        let tape = Tape()
        let u = tape.param(try TensorValue([1, 3, 2], shape: [3], dtype: .f32), name: "u")
        try tape.backward(try tape.max(u))
        #expect(try tape.gradient(of: u)?.scalars == [0, 1, 0])
        try tape.zeroGrad([u])
        try tape.backward(try tape.index(try tape.logSoftmax(u, dim: 0), [1]))
        let grad = try #require(try tape.gradient(of: u))
        for (got, expected) in zip(grad.scalars, [-0.09003056, 0.33475912, -0.24472846]) {
            #expect(Swift.abs(got - expected) <= 1e-6)
        }
    }

    /// `f = sqrt(z) + abs(-z)*sin(z) - cos(z)` at 4, in f64.
    @Test func elementaryFunctionsInF64() throws {
        let tape = Tape()
        let z = tape.param(TensorValue(scalar: 4, dtype: .f64), name: "z")
        let f = try tape.sub(
            try tape.add(try tape.sqrt(z), try tape.mul(try tape.abs(try tape.neg(z)), try tape.sin(z))),
            try tape.cos(z))
        try tape.backward(f)
        #expect(try tape.scalarValue(f) == -0.37356636036810087)
        #expect(try tape.gradient(of: z)?.scalar == -3.878179474070304)
    }

    /// Rows of `X` times `v`, summed: `s = -4`, `v.grad = [4, 6]`.
    @Test func rowsTimesVector() throws {
        let tape = Tape()
        let matrix = try tape.constant([1, 2, 3, 4], shape: [2, 2], dtype: .f32)
        let v = tape.param(try TensorValue([0.5, -1], shape: [2], dtype: .f32), name: "v")
        var s = tape.scalar(0, dtype: .f32)
        for row in 0..<2 {
            s = try tape.add(s, try tape.sum(try tape.mul(try tape.index(matrix, [row]), v)))
        }
        try tape.backward(s)
        #expect(try tape.scalarValue(s) == -4)
        #expect(try tape.gradient(of: v)?.scalars == [4, 6])
    }
}
