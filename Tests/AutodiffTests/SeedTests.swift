import Autodiff
import Testing

/// The seed notebooks' float32 numbers, printed by PyTorch (`/work/shared/seeds/`), reproduced
/// digit for digit with the same sequence of operations.
@Suite struct SeedTests {
    /// Seed 001: `w = torch.Tensor([1.0])`, `l = (x*w - y)*(x*w - y)`, `w.data = w.data - 0.01 * w.grad.data`.
    @Test func seed001LinearModelFirstEpoch() throws {
        let tape = Tape()
        let w = tape.param(try TensorValue([1], shape: [1], dtype: .f32), name: "w")
        var grads: [Double] = []
        var loss = 0.0
        for (x, y) in [(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)] {
            let prediction = try tape.mul(tape.scalar(x, dtype: .f32), w)
            let difference = try tape.sub(prediction, tape.scalar(y, dtype: .f32))
            let l = try tape.mul(difference, difference)
            try tape.backward(l)
            let grad = try #require(try tape.gradientTensor(of: w))
            grads.append(try #require(try tape.scalarValue(grad)))
            try tape.update(w, to: try tape.sub(w, try tape.mul(tape.scalar(0.01, dtype: .f32), grad)))
            try tape.zeroGrad([w])
            loss = try #require(try tape.scalarValue(l))
        }
        #expect(grads == [-2.0, -7.840000152587891, -16.228801727294922])
        #expect(loss == 7.315943717956543)
    }

    /// Seed 001's quadratic model `w1 * x**2 + w2 * x + b`, loss `(y_pred - y)**2`: epoch 95's last loss.
    @Test func seed001QuadraticModelEpoch95() throws {
        let tape = Tape()
        let one = try TensorValue([1], shape: [1], dtype: .f32)
        let w1 = tape.param(one, name: "w1")
        let w2 = tape.param(one, name: "w2")
        let b = tape.param(one, name: "b")
        var loss = 0.0
        for _ in 0...95 {
            for (x, y) in [(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)] {
                let square = try tape.mul(w1, tape.scalar(x * x, dtype: .f32))
                let linear = try tape.mul(w2, tape.scalar(x, dtype: .f32))
                let prediction = try tape.add(try tape.add(square, linear), b)
                let l = try tape.pow(try tape.sub(prediction, tape.scalar(y, dtype: .f32)), 2)
                try tape.backward(l)
                for p in [w1, w2, b] {
                    let grad = try #require(try tape.gradientTensor(of: p))
                    try tape.update(p, to: try tape.sub(p, try tape.mul(tape.scalar(0.01, dtype: .f32), grad)))
                }
                try tape.zeroGrad()
                loss = try #require(try tape.scalarValue(l))
            }
            tape.reclaim(keeping: [])
        }
        #expect(loss == 0.006416172254830599)
    }

    /// Seed 000: `a = torch.Tensor([7.0])`, `l = (a*x - y)**2`, `a.data = a.data - 0.01*a.grad`.
    @Test func seed000GradientDescent() throws {
        let tape = Tape()
        let a = tape.param(try TensorValue([7], shape: [1], dtype: .f32), name: "a")
        var values: [Double] = []
        for _ in 0..<1000 {
            for (x, y) in [(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)] {
                let l = try tape.pow(
                    try tape.sub(try tape.mul(a, tape.scalar(x, dtype: .f32)), tape.scalar(y, dtype: .f32)), 2)
                try tape.backward(l)
                let grad = try #require(try tape.gradientTensor(of: a))
                try tape.update(a, to: try tape.sub(a, try tape.mul(tape.scalar(0.01, dtype: .f32), grad)))
                try tape.clearGrad(a)
                values.append(try #require(try tape.scalarValue(a)))
            }
            tape.reclaim(keeping: [])
        }
        #expect(Array(values.prefix(3)) == [6.900000095367432, 6.507999897003174, 5.696559906005859])
        #expect(values.last == 2.0000007152557373)
    }

    /// Seed 003: `torch.optim.SGD([x], lr=0.01)` for 500 steps on `a*x^2 + b*x + c` from 0.
    @Test func seed003OptimizerSGD() throws {
        let tape = Tape()
        let x = tape.param(TensorValue(scalar: 0, dtype: .f32), name: "x")
        let a = tape.scalar(1, dtype: .f32)
        let b = tape.scalar(-2, dtype: .f32)
        let c = tape.scalar(1, dtype: .f32)
        func f() throws -> Tensor {
            try tape.add(try tape.add(try tape.mul(a, try tape.pow(x, 2)), try tape.mul(b, x)), c)
        }
        let optimizer = SGD(learningRate: 0.01)
        for _ in 0..<500 {
            try tape.zeroGrad()
            try tape.backward(try f())
            try optimizer.step(tape)
        }
        #expect(try tape.scalarValue(x) == 0.9999589920043945)
        #expect(try tape.scalarValue(try f()) == 0)
    }

    /// Seed 000's first example: `Q = 3 * a ** 3 - b ** 2`, `Q.backward(gradient=[1, 1])`.
    @Test func seed000NonScalarBackward() throws {
        let tape = Tape()
        let a = tape.param(try TensorValue([2, 3], shape: [2], dtype: .f32), name: "a")
        let b = tape.param(try TensorValue([6, 4], shape: [2], dtype: .f32), name: "b")
        let q = try tape.sub(try tape.mul(tape.scalar(3, dtype: .f32), try tape.pow(a, 3)), try tape.pow(b, 2))
        try tape.backward(q, gradient: try tape.ones([2], dtype: .f32))
        #expect(try tape.gradient(of: a)?.scalars == [36, 81])
        #expect(try tape.gradient(of: b)?.scalars == [-12, -8])
    }
}
