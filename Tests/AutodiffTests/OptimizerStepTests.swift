import Autodiff
import Testing

/// `SGD` on 0-d params (updated as plain numbers) and next to a vector param, against
/// `torch.optim.SGD` (numbers printed by References/sgd_scalar_references.py, PyTorch 2.15).
@Suite struct OptimizerStepTests {
    /// (w - 2)^2 from w = 5 in f64, lr 0.1, momentum 0.9, 20 steps.
    @Test func f64ScalarWithMomentum() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 5, dtype: .f64), name: "w")
        let optimizer = SGD(learningRate: 0.1, momentum: 0.9)
        var loss = 0.0
        for _ in 0..<20 {
            let l = try tape.pow(try tape.sub(w, tape.scalar(2, dtype: .f64)), 2)
            try tape.backward(l)
            try optimizer.step(tape)
            try tape.zeroGrad()
            loss = try #require(try tape.scalarValue(l))
        }
        #expect(try tape.scalarValue(w) == 0.9522421502241954)
        #expect(loss == 0.8811362662409488)
    }

    /// Two 0-d f32 params, each with its own momentum buffer: (3w + b - 7)^2 from w = 0.5,
    /// b = -1, lr 0.01, momentum 0.5, 30 steps.
    @Test func twoF32Scalars() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 0.5, dtype: .f32), name: "w")
        let b = tape.param(TensorValue(scalar: -1, dtype: .f32), name: "b")
        let optimizer = SGD(learningRate: 0.01, momentum: 0.5)
        var loss = 0.0
        for _ in 0..<30 {
            let model = try tape.add(try tape.mul(w, tape.scalar(3, dtype: .f32)), b)
            let l = try tape.pow(try tape.sub(model, tape.scalar(7, dtype: .f32)), 2)
            try tape.backward(l)
            try optimizer.step(tape)
            try tape.zeroGrad()
            loss = try #require(try tape.scalarValue(l))
        }
        #expect(try tape.scalarValue(w) == 2.4499590396881104)
        #expect(try tape.scalarValue(b) == -0.3500135838985443)
        #expect(loss == 6.041091182851233e-09)
    }

    /// A 0-d param and a vector param in one step: sum((v·s - [1, 2, 3])^2) from s = 0.7,
    /// v = [0.1, 0.2, 0.3], f32, lr 0.02, momentum 0.8, 25 steps.
    @Test func scalarAndVectorTogether() throws {
        let tape = Tape()
        let s = tape.param(TensorValue(scalar: 0.7, dtype: .f32), name: "s")
        let v = tape.param(try TensorValue([0.1, 0.2, 0.3], shape: [3], dtype: .f32), name: "v")
        let target = try tape.constant([1, 2, 3], shape: [3], dtype: .f32)
        let optimizer = SGD(learningRate: 0.02, momentum: 0.8)
        var loss = 0.0
        for _ in 0..<25 {
            let l = try tape.sum(try tape.pow(try tape.sub(try tape.mul(v, s), target), 2), dim: nil)
            try tape.backward(l)
            try optimizer.step(tape)
            try tape.zeroGrad()
            loss = try #require(try tape.scalarValue(l))
        }
        #expect(try tape.scalarValue(s) == 1.7195895910263062)
        #expect(try tape.scalars(v) == [0.5412116646766663, 1.0824233293533325, 1.623635172843933])
        #expect(loss == 0.07069103419780731)
    }

    /// `zeroGrad` gives zeros to params no backward reached yet, and zeroes existing gradients in
    /// place: a backward after it collects exactly its own gradient (d(3w)/dw = 3, d(sum v)/dv = 1).
    @Test func zeroGradBeforeAndAfterBackward() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 2, dtype: .f32), name: "w")
        let v = tape.param(try TensorValue([1, 2, 3], shape: [3], dtype: .f32), name: "v")
        try tape.zeroGrad()
        #expect(try tape.gradient(of: w)?.scalars == [0])
        #expect(try tape.gradient(of: v)?.scalars == [0, 0, 0])
        for _ in 0..<2 {
            try tape.backward(try tape.add(try tape.mul(w, tape.scalar(3, dtype: .f32)), try tape.sum(v, dim: nil)))
            #expect(try tape.gradient(of: w)?.scalars == [3])
            #expect(try tape.gradient(of: v)?.scalars == [1, 1, 1])
            try tape.zeroGrad([w, v])
            #expect(try tape.gradient(of: w)?.scalars == [0])
            #expect(try tape.gradient(of: v)?.scalars == [0, 0, 0])
        }
    }

    /// A handle that is not a param is refused, as before the scalar path.
    @Test func aConstantIsNoParam() {
        let tape = Tape()
        let c = tape.scalar(1, dtype: .f32)
        #expect(throws: AutodiffError.notAParam(operation: ".grad")) {
            try SGD(learningRate: 0.1).step(tape, params: [c])
        }
    }
}
