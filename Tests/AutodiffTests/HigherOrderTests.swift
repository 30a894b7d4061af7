import Autodiff
import Testing

/// `grad(of:wrt:)` and its derivatives, against hand derivations.
@Suite struct HigherOrderTests {
    /// d/dx x³ = 3x² = 12, d²/dx² = 6x = 12, d³/dx³ = 6 at x = 2.
    @Test(arguments: [DType.f32, .f64])
    func derivativesOfCube(dtype: DType) throws {
        let tape = Tape()
        let x = tape.param(TensorValue(scalar: 2, dtype: dtype), name: "x")
        let y = try tape.pow(x, 3)
        let first = try tape.grad(of: y, wrt: x)
        let second = try tape.grad(of: first, wrt: x)
        let third = try tape.grad(of: second, wrt: x)
        #expect(try tape.scalarValue(first) == 12)
        #expect(try tape.scalarValue(second) == 12)
        #expect(try tape.scalarValue(third) == 6)
        #expect(try tape.dtype(third) == dtype)
    }

    /// seed 003: f(x) = x² - 2x + 1 at 0: f'(0) = -2, f''(0) = 2.
    @Test func quadraticOfSeed003() throws {
        let tape = Tape()
        let x = tape.param(TensorValue(scalar: 0, dtype: .f32), name: "x")
        let f = try tape.add(
            try tape.sub(try tape.pow(x, 2), try tape.mul(tape.scalar(2, dtype: .f32), x)), tape.scalar(1, dtype: .f32))
        let first = try tape.grad(of: f, wrt: x)
        #expect(try tape.scalarValue(first) == -2)
        #expect(try tape.scalarValue(try tape.grad(of: first, wrt: x)) == 2)
    }

    /// The gradient with respect to an intermediate value, and zeros for an unrelated one.
    @Test func gradientWithRespectToIntermediateAndUnrelated() throws {
        let tape = Tape()
        let x = tape.param(TensorValue(scalar: 3, dtype: .f64), name: "x")
        let s = try tape.mul(x, x)  // s = 9
        let y = try tape.mul(s, s)  // y = s², dy/ds = 2s = 18
        #expect(try tape.scalarValue(try tape.grad(of: y, wrt: s)) == 18)
        let other = try tape.constant([1, 2], shape: [2], dtype: .f64)
        let zeros = try tape.grad(of: y, wrt: other)
        #expect(try tape.value(zeros) == TensorValue([0, 0], shape: [2], dtype: .f64))
    }
}
