import Autodiff
import Testing
import _Differentiation

import func Foundation.cos
import func Foundation.exp
import func Foundation.log
import func Foundation.pow
import func Foundation.sin
import func Foundation.sqrt
import func Foundation.tan
import func Foundation.tanh

/// The numeric fast path of `backward` for scalar graphs, against Swift's `_Differentiation` and
/// against the recorded rules of `grad(of:wrt:)`.
@Suite struct ScalarPathTests {
    /// A scalar function written twice: on the engine, and as a differentiable Swift function.
    struct Function: CustomTestStringConvertible, Sendable {
        var name: String
        var x: Double
        var engine: @Sendable (Tape, Tensor) throws(AutodiffError) -> Tensor
        var swift: @Sendable @differentiable(reverse) (Double) -> Double
        var testDescription: String { name }
    }

    static let functions: [Function] = [
        Function(
            name: "exp(x) * x", x: 0.7, engine: { t, x throws(AutodiffError) in try t.mul(try t.exp(x), x) },
            swift: { exp($0) * $0 }),
        Function(
            name: "log(x) / x", x: 1.9, engine: { t, x throws(AutodiffError) in try t.div(try t.log(x), x) },
            swift: { log($0) / $0 }),
        Function(
            name: "sin(x) - cos(x)", x: 0.4,
            engine: { t, x throws(AutodiffError) in try t.sub(try t.sin(x), try t.cos(x)) },
            swift: { sin($0) - cos($0) }),
        Function(name: "tan(x)", x: 0.9, engine: { t, x throws(AutodiffError) in try t.tan(x) }, swift: { tan($0) }),
        Function(
            name: "tanh(x)", x: -0.8, engine: { t, x throws(AutodiffError) in try t.tanh(x) }, swift: { tanh($0) }),
        Function(name: "sqrt(x)", x: 2.5, engine: { t, x throws(AutodiffError) in try t.sqrt(x) }, swift: { sqrt($0) }),
        Function(
            name: "sigmoid(x)", x: 0.3, engine: { t, x throws(AutodiffError) in try t.sigmoid(x) },
            swift: { 1 / (1 + exp(-$0)) }),
        Function(
            name: "x^3 - x", x: 1.3, engine: { t, x throws(AutodiffError) in try t.sub(try t.pow(x, 3), x) },
            swift: { $0 * $0 * $0 - $0 }),
        Function(
            name: "pow(x, x)", x: 1.7, engine: { t, x throws(AutodiffError) in try t.pow(x, x) }, swift: { pow($0, $0) }
        ),
        Function(
            name: "square(x) / (1 + x)", x: 0.6,
            engine: { t, x throws(AutodiffError) in try t.div(try t.square(x), try t.add(t.scalar(1, dtype: .f64), x))
            },
            swift: { $0 * $0 / (1 + $0) }),
        Function(
            name: "relu(x) + abs(-x)", x: 0.25,
            engine: { t, x throws(AutodiffError) in try t.add(try t.relu(x), try t.abs(try t.neg(x))) },
            swift: { $0 + ($0 < 0 ? $0 : -$0) * -1 }),
    ]

    @Test(arguments: functions)
    func backwardMatchesSwiftDifferentiation(function: Function) throws {
        let tape = Tape()
        let x = tape.param(TensorValue(scalar: function.x, dtype: .f64), name: "x")
        let y = try function.engine(tape, x)
        try tape.backward(y)
        let expected = gradient(at: function.x, of: function.swift)
        let got = try #require(try tape.gradient(of: x)?.scalar)
        #expect(Swift.abs(got - expected) <= 1e-12 * Swift.max(1, Swift.abs(expected)), "\(got) vs \(expected)")
        #expect(try tape.scalarValue(y) == function.swift(function.x) || function.name.contains("sigmoid"))
    }

    /// The fast path and the recorded rules give the same bits, in f32 and f64, for every
    /// element-wise kind (binary kinds with the other operand a second param).
    @Test(arguments: [DType.f32, .f64])
    func fastPathEqualsRecordedRules(dtype: DType) throws {
        let unaryKinds: [OpKind] = [
            .neg, .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .square, .powScalar, .clampMin,
            .oneMinusSquare,
        ]
        for kind in unaryKinds {
            for value in [0.37, 1.81] {
                for attribute in kind == .powScalar ? [2.0, 3, 2.5, -1, 0.5, 0] : [0.5] {
                    let tape = Tape()
                    let x = tape.param(TensorValue(scalar: value, dtype: dtype), name: "x")
                    let y = try tape.unary(kind, try tape.mul(x, x), attribute: attribute)
                    try tape.backward(y)
                    let fast = try tape.gradient(of: x)?.scalar
                    let recorded = try tape.scalarValue(try tape.grad(of: y, wrt: x))
                    #expect(fast == recorded, "\(kind) \(attribute) at \(value)")
                }
            }
        }
        for kind in [OpKind.add, .sub, .mul, .div, .pow] {
            let tape = Tape()
            let a = tape.param(TensorValue(scalar: 1.37, dtype: dtype), name: "a")
            let b = tape.param(TensorValue(scalar: 0.61, dtype: dtype), name: "b")
            let y = try tape.binary(kind, try tape.mul(a, b), try tape.add(a, b))
            try tape.backward(y)
            #expect(try tape.gradient(of: a)?.scalar == tape.scalarValue(try tape.grad(of: y, wrt: a)), "\(kind)")
            #expect(try tape.gradient(of: b)?.scalar == tape.scalarValue(try tape.grad(of: y, wrt: b)), "\(kind)")
        }
    }
}
