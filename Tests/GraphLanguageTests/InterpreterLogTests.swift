import Autodiff
import Testing

@testable import GraphLanguage

/// What `log` and `show` copy out: a weak number at the block's dtype (f32: rounded to `Float`), a
/// 0-d tensor at its own dtype, a tensor with its shape.
@Suite struct InterpreterLogTests {
    @Test func numbersAtTheBlocksDType() {
        let f32 = runBlock("for i in range(1):\n    log 0.1, i")
        #expect(
            f32.logs.first?.rows == [[Value(scalar: Double(Float(0.1)), dtype: .f32), Value(scalar: 0, dtype: .f32)]])
        let f64 = runBlock("log 0.1", dtype: .f64)
        #expect(f64.logs.first?.rows == [[Value(scalar: 0.1, dtype: .f64)]])
    }

    @Test func tensorsAtTheirOwnDType() {
        let outcome = runBlock("a = 0.1 as f64\nb = a * 3\nm = [[1, 2], [3, 4]]\nlog a, b, m")
        #expect(outcome.error == nil)
        #expect(
            outcome.logs.first?.rows == [
                [
                    Value(scalar: 0.1, dtype: .f64), Value(scalar: 0.1 * 3, dtype: .f64),
                    Value(dtype: .f32, shape: [2, 2], scalars: [1, 2, 3, 4]),
                ]
            ])
    }
}
