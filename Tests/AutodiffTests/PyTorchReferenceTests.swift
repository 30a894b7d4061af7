import Autodiff
import Testing

/// Numbers printed by PyTorch 2.15 (CPU) with `References/engine_references.py`; each test names
/// its section of the script. Exact where PyTorch's order of f32 operations is reproduced;
/// within a few ulps where PyTorch uses its vectorized (SLEEF) `exp`.
@Suite struct PyTorchReferenceTests {
    func f32(_ tape: Tape, _ values: [Double], _ shape: [Int]) throws -> Tensor {
        try tape.constant(values, shape: shape, dtype: .f32)
    }

    func expectClose(_ got: [Double], _ expected: [Double], relative: Double = 2e-7) {
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) {
            #expect(Swift.abs(g - e) <= relative * Swift.max(Swift.abs(e), 1e-30), "\(g) vs \(e)")
        }
    }

    /// Section 1: `torch.optim.Adam(lr=0.1)`, 50 steps, f32.
    @Test func adamInF32() throws {
        let tape = Tape()
        let x = try f32(tape, [0, 1, 2, 3], [4])
        let y = try f32(tape, [1, 3, 7, 13], [4])
        let params = ["a", "b", "c"].map { tape.param(TensorValue(scalar: 0, dtype: .f32), name: $0) }
        let optimizer = Adam(learningRate: 0.1)
        var loss = 0.0
        for _ in 0..<50 {
            try tape.zeroGrad()
            let model = try tape.add(
                try tape.add(try tape.mul(params[0], try tape.pow(x, 2)), try tape.mul(params[1], x)), params[2])
            let l = try tape.mean(try tape.pow(try tape.sub(model, y), 2))
            try tape.backward(l)
            try optimizer.step(tape)
            loss = try #require(try tape.scalarValue(l))
        }
        #expect(
            try params.map { try tape.scalarValue($0) } == [1.0048182010650635, 1.0048179626464844, 1.004818320274353])
        #expect(loss == 0.002435240661725402)
    }

    /// Section 2: `torch.optim.SGD(lr=0.03, momentum=0.8)` on a 20-element f32 param, 15 steps.
    @Test func sgdMomentumOnVector() throws {
        let tape = Tape()
        let w = tape.param(try tape.value(try tape.linspace(-1, 1, count: 20, dtype: .f32)), name: "w")
        let t = try tape.div(try tape.arange(0, 20, dtype: .f32), tape.scalar(7, dtype: .f32))
        let k = try tape.div(try tape.arange(1, 21, dtype: .f32), tape.scalar(10, dtype: .f32))
        let optimizer = SGD(learningRate: 0.03, momentum: 0.8)
        for _ in 0..<15 {
            try tape.zeroGrad()
            try tape.backward(try tape.sum(try tape.mul(try tape.pow(try tape.sub(w, t), 2), k)))
            try optimizer.step(tape)
        }
        #expect(
            try tape.scalars(w) == [
                -0.6975407600402832, -0.3272128701210022, 0.0075043803080916405, 0.30870169401168823,
                0.5787009000778198, 0.8199873566627502, 1.0351507663726807, 1.2268351316452026, 1.397693395614624,
                1.550349473953247, 1.687367558479309, 1.8112233877182007, 1.924283504486084, 2.028787612915039,
                2.12683367729187, 2.220367670059204, 2.3111774921417236, 2.4008865356445312, 2.490952968597412,
                2.5826690196990967,
            ])
    }

    /// Section 3: `tanh` and its gradient (PyTorch's `1 - y*y` is a fused multiply-add).
    @Test(arguments: [
        (0.3, 0.29131263494491577, 0.9151369333267212), (-1.7, -0.9354090690612793, 0.12500987946987152),
        (2.9, 0.9939631819725037, 0.012037192471325397),
    ])
    func tanhAndGradient(x: Double, value: Double, gradient: Double) throws {
        let tape = Tape()
        let p = tape.param(TensorValue(scalar: x, dtype: .f32), name: "p")
        let y = try tape.tanh(p)
        try tape.backward(y)
        #expect(try tape.scalarValue(y) == value)
        #expect(try tape.gradient(of: p)?.scalar == gradient)
        #expect(try tape.scalarValue(try tape.grad(of: y, wrt: p)) == gradient)
    }

    /// Section 4: sums in PyTorch's cascade order.
    @Test func sumsInPyTorchOrder() throws {
        let tape = Tape()
        let v = try tape.add(
            try tape.mul(try tape.arange(0, 37, dtype: .f32), tape.scalar(0.1, dtype: .f32)),
            tape.scalar(0.01, dtype: .f32))
        #expect(try tape.scalarValue(try tape.sum(v)) == 66.97000122070312)
        #expect(try tape.scalarValue(try tape.mean(v)) == 1.8100000619888306)
        let grid = try tape.reshape(try tape.arange(0, 60, dtype: .f32), [6, 10])
        let m = try tape.pow(
            try tape.sub(try tape.mul(grid, tape.scalar(0.37, dtype: .f32)), tape.scalar(3.3, dtype: .f32)), 2)
        #expect(
            try tape.scalars(try tape.sum(m, dim: 0)) == [
                451.989990234375, 479.22943115234375, 508.111572265625, 538.6366577148438, 570.8043823242188,
                604.614990234375, 640.0684814453125, 677.1646118164062, 715.9036865234375, 756.2854614257812,
            ])
        #expect(
            try tape.scalars(try tape.sum(m, dim: 1)) == [
                38.0265007019043, 53.93650817871094, 343.646484375, 907.156494140625, 1744.466552734375,
                2855.576904296875,
            ])
    }

    /// Section 5: `cross_entropy` of a 3×4 batch.
    @Test func crossEntropyBatch() throws {
        let tape = Tape()
        let logits = tape.param(
            try TensorValue(
                [0.2, -1.3, 2.1, 0.5, 1.1, 0.4, -0.7, 0.0, -2.0, 3.0, 0.5, 1.5], shape: [3, 4], dtype: .f32),
            name: "logits")
        let l = try tape.crossEntropy(logits, try f32(tape, [2, 0, 1], [3]))
        try tape.backward(l)
        expectClose([try #require(try tape.scalarValue(l))], [0.4292072355747223])
        expectClose(
            try #require(try tape.gradient(of: logits)).scalars,
            [
                0.03600146621465683, 0.008033012971282005, -0.09263138473033905, 0.04859689623117447,
                -0.16622845828533173, 0.08298182487487793, 0.027622248977422714, 0.055624380707740784,
                0.0017119382973760366, -0.07925920188426971, 0.020855678245425224, 0.05669160187244415,
            ], relative: 1e-6)
    }

    /// Section 6: `binary_cross_entropy`, including a probability of exactly 1 (log clamped at -100).
    @Test func binaryCrossEntropy() throws {
        let tape = Tape()
        let p = tape.param(try TensorValue([0.9, 0.2, 0.6, 1.0], shape: [4], dtype: .f32), name: "p")
        let l = try tape.bce(p, try f32(tape, [1, 0, 1, 0], [4]))
        try tape.backward(l)
        #expect(try tape.scalarValue(l) == 25.2098331451416)
        #expect(
            try tape.gradient(of: p)?.scalars == [
                -0.2777777910232544, 0.3124999701976776, -0.4166666567325592, 249999998976.0,
            ])
    }

    /// Section 7: a 2×3 @ 3×4 product and its gradients.
    @Test func matrixProduct() throws {
        let tape = Tape()
        let a = tape.param(
            try tape.value(
                try tape.sub(
                    try tape.mul(
                        try tape.reshape(try tape.arange(0, 6, dtype: .f32), [2, 3]), tape.scalar(0.3, dtype: .f32)),
                    tape.scalar(0.7, dtype: .f32))), name: "A")
        let b = tape.param(
            try tape.value(
                try tape.add(
                    try tape.mul(
                        try tape.reshape(try tape.arange(0, 12, dtype: .f32), [3, 4]), tape.scalar(-0.21, dtype: .f32)),
                    tape.scalar(1.1, dtype: .f32))), name: "B")
        let out = try tape.matmul(a, b)
        try tape.backward(try tape.sum(out))
        #expect(
            try tape.scalars(out) == [
                -0.8160000443458557, -0.5640000700950623, -0.3120000958442688, -0.060000136494636536,
                -0.11399983614683151, -0.4289999008178711, -0.7439998388290405, -1.0589998960494995,
            ])
        // MKL sums this transposed product in another order: equal within an ulp.
        expectClose(
            try #require(try tape.gradient(of: a)).scalars,
            [
                3.140000343322754, -0.21999973058700562, -3.5799996852874756, 3.140000343322754, -0.21999973058700562,
                -3.5799996852874756,
            ])
        #expect(
            try tape.gradient(of: b)?.scalars == [
                -0.4999999403953552, -0.4999999403953552, -0.4999999403953552, -0.4999999403953552,
                0.10000008344650269, 0.10000008344650269, 0.10000008344650269, 0.10000008344650269,
                0.7000000476837158, 0.7000000476837158, 0.7000000476837158, 0.7000000476837158,
            ])
    }

    /// Section 8: `x ** 2.5` (computed as `pow` in double by PyTorch) and its gradient.
    @Test func fractionalPower() throws {
        let tape = Tape()
        let x = tape.param(try TensorValue([0.7, 1.3, 2.9], shape: [3], dtype: .f32), name: "x")
        let y = try tape.pow(x, 2.5)
        try tape.backward(try tape.sum(y))
        #expect(try tape.scalars(y) == [0.4099633991718292, 1.926896333694458, 14.321715354919434])
        #expect(try tape.gradient(of: x)?.scalars == [1.4641549587249756, 3.7055697441101074, 12.346305847167969])
    }

    /// Section 9: `softmax` and `log_softmax` of a row.
    @Test func softmaxRow() throws {
        let tape = Tape()
        let s = try f32(tape, [0.5, -0.25, 1.75, 0], [4])
        expectClose(
            try tape.scalars(try tape.softmax(s, dim: 0)),
            [0.1795577108860016, 0.08481705188751221, 0.6267179846763611, 0.10890725255012512])
        expectClose(
            try tape.scalars(try tape.logSoftmax(s, dim: 0)),
            [-1.7172585725784302, -2.4672586917877197, -0.46725860238075256, -2.2172586917877197])
    }

    /// Section 10: `linspace` and `arange` in f32.
    @Test func constructors() throws {
        let tape = Tape()
        #expect(
            try tape.scalars(try tape.linspace(-1.3, 2.2, count: 7, dtype: .f32)) == [
                -1.2999999523162842, -0.7166666388511658, -0.13333332538604736, 0.4500001072883606, 1.033333420753479,
                1.6166667938232422, 2.200000047683716,
            ])
        #expect(
            try tape.scalars(try tape.arange(0.1, 1.0, step: 0.15, dtype: .f32)) == [
                0.10000000149011612, 0.25, 0.4000000059604645, 0.550000011920929, 0.699999988079071,
                0.8500000238418579,
            ])
    }

    /// Section 11: `max` with ties.
    @Test func maxWithTies() throws {
        let tape = Tape()
        let x = tape.param(try TensorValue([1, 3, 3, 0, 2, 2, 1, 2], shape: [2, 4], dtype: .f32), name: "x")
        try tape.backward(try tape.sum(try tape.max(x, dim: 1)))
        #expect(try tape.gradient(of: x)?.scalars == [0, 1, 0, 0, 1, 0, 0, 0])
        try tape.clearGrad(x)
        try tape.backward(try tape.max(x))
        #expect(try tape.gradient(of: x)?.scalars == [0, 0.5, 0.5, 0, 0, 0, 0, 0])
    }
}
