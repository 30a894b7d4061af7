import Autodiff

/// Test-only operators over a tape, so that formulas read as in micrograd and PyTorch.
struct ScalarExpression {
    let tape: Tape
    let tensor: Tensor

    var value: Double { (try? tape.scalarValue(tensor)).flatMap { $0 } ?? .nan }
    var grad: Double { (try? tape.gradient(of: tensor))??.scalars.first ?? .nan }

    func lift(_ c: Double) -> ScalarExpression {
        ScalarExpression(tape: tape, tensor: tape.scalar(c, dtype: (try? tape.dtype(tensor)) ?? .f64))
    }
    func apply(_ f: (Tape) throws -> Tensor) -> ScalarExpression {
        ScalarExpression(tape: tape, tensor: (try? f(tape)) ?? tape.scalar(.nan, dtype: .f64))
    }

    static func + (a: Self, b: Self) -> Self { a.apply { try $0.add(a.tensor, b.tensor) } }
    static func - (a: Self, b: Self) -> Self { a.apply { try $0.sub(a.tensor, b.tensor) } }
    static func * (a: Self, b: Self) -> Self { a.apply { try $0.mul(a.tensor, b.tensor) } }
    static func / (a: Self, b: Self) -> Self { a.apply { try $0.div(a.tensor, b.tensor) } }
    static func + (a: Self, b: Double) -> Self { a + a.lift(b) }
    static func + (a: Double, b: Self) -> Self { b.lift(a) + b }
    static func - (a: Self, b: Double) -> Self { a - a.lift(b) }
    static func - (a: Double, b: Self) -> Self { b.lift(a) - b }
    static func * (a: Self, b: Double) -> Self { a * a.lift(b) }
    static func * (a: Double, b: Self) -> Self { b.lift(a) * b }
    static func / (a: Self, b: Double) -> Self { a / a.lift(b) }
    static func / (a: Double, b: Self) -> Self { b.lift(a) / b }
    static prefix func - (a: Self) -> Self { a.apply { try $0.neg(a.tensor) } }
    func pow(_ c: Double) -> Self { apply { try $0.pow(tensor, c) } }
    func relu() -> Self { apply { try $0.relu(tensor) } }
}

extension Tape {
    func scalarParam(_ value: Double, _ name: String, _ dtype: DType = .f64) -> ScalarExpression {
        ScalarExpression(tape: self, tensor: param(TensorValue(scalar: value, dtype: dtype), name: name))
    }
}
