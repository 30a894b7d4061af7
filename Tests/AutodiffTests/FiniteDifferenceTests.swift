import Autodiff
import Testing

/// Every differentiable operation against central finite differences in f64 (`GradientChecker`),
/// on shapes drawn at random (seeded) among broadcasting combinations. Non-scalar results are
/// weighted by fixed unequal weights before summing, so that every output element matters.
@Suite struct FiniteDifferenceTests {
    /// One row of the operation table.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The candidate input shapes; one combination is drawn per case.
        var shapes: [[[Int]]]
        /// Inputs are drawn from this interval (kept away from kinks and poles).
        var range: ClosedRange<Double> = -2...2
        /// Inputs drawn as distinct values (max, min, abs and relu need no ties and no zeros).
        var apply: @Sendable (Tape, [Tensor]) throws(AutodiffError) -> Tensor

        var testDescription: String { name }
    }

    static let elementwiseShapes: [[[Int]]] = [[[]], [[3]], [[2, 3]], [[2, 1, 2]]]
    static let binaryShapes: [[[Int]]] = [
        [[], []], [[3], [3]], [[2, 3], [3]], [[2, 1], [1, 4]], [[3], []], [[2, 2, 3], [2, 1, 3]], [[4, 1], [4]],
    ]

    static func unary(_ name: String, range: ClosedRange<Double> = -2...2, _ kind: OpKind) -> Case {
        Case(name: name, shapes: elementwiseShapes, range: range) { tape, x throws(AutodiffError) in
            try tape.unary(kind, x[0])
        }
    }

    static func binary(_ name: String, range: ClosedRange<Double> = -2...2, _ kind: OpKind) -> Case {
        Case(name: name, shapes: binaryShapes, range: range) { tape, x throws(AutodiffError) in
            try tape.binary(kind, x[0], x[1])
        }
    }

    static let cases: [Case] = [
        binary("add", .add), binary("sub", .sub), binary("mul", .mul),
        binary("div", range: 0.5...2, .div), binary("pow", range: 0.5...2, .pow),
        unary("neg", .neg), unary("exp", .exp), unary("log", range: 0.2...3, .log),
        unary("sqrt", range: 0.2...3, .sqrt), unary("abs", range: 0.2...2, .abs), unary("sin", .sin),
        unary("cos", .cos), unary("tan", range: -1.2...1.2, .tan), unary("tanh", .tanh), unary("sigmoid", .sigmoid),
        unary("relu", range: 0.2...2, .relu), unary("square", .square),
        Case(name: "abs and relu of negatives", shapes: elementwiseShapes, range: -2 ... -0.2) {
            tape, x throws(AutodiffError) in try tape.add(try tape.abs(x[0]), try tape.relu(x[0]))
        },
        Case(name: "pow 3", shapes: elementwiseShapes) { tape, x throws(AutodiffError) in try tape.pow(x[0], 3) },
        Case(name: "pow 2.5", shapes: elementwiseShapes, range: 0.2...2) { tape, x throws(AutodiffError) in
            try tape.pow(x[0], 2.5)
        },
        Case(name: "pow -1", shapes: elementwiseShapes, range: 0.5...2) { tape, x throws(AutodiffError) in
            try tape.pow(x[0], -1)
        },
        Case(name: "pow 0.5", shapes: elementwiseShapes, range: 0.5...2) { tape, x throws(AutodiffError) in
            try tape.pow(x[0], 0.5)
        },
        Case(name: "matmul", shapes: [[[2, 3], [3, 4]], [[3], [3, 2]], [[2, 3], [3]], [[4], [4]]]) {
            tape, x throws(AutodiffError) in try tape.matmul(x[0], x[1])
        },
        Case(name: "dot", shapes: [[[5], [5]]]) { tape, x throws(AutodiffError) in try tape.dot(x[0], x[1]) },
        Case(name: "transpose", shapes: [[[2, 3]], [[3]], [[2, 3, 4]]]) { tape, x throws(AutodiffError) in
            try tape.transpose(x[0])
        },
        Case(name: "reshape", shapes: [[[2, 3]]]) { tape, x throws(AutodiffError) in try tape.reshape(x[0], [3, 2]) },
        Case(name: "index", shapes: [[[3, 4]]]) { tape, x throws(AutodiffError) in
            try tape.add(try tape.index(x[0], [-1]), try tape.index(x[0], [1, 2]))
        },
        Case(name: "sum", shapes: [[[2, 3]], [[4]]]) { tape, x throws(AutodiffError) in try tape.sum(x[0]) },
        Case(name: "sum dim", shapes: [[[2, 3]], [[2, 3, 2]]]) { tape, x throws(AutodiffError) in
            try tape.sum(x[0], dim: 1)
        },
        Case(name: "mean", shapes: [[[2, 3]]]) { tape, x throws(AutodiffError) in try tape.mean(x[0]) },
        Case(name: "mean dim", shapes: [[[2, 3]], [[3, 2, 2]]]) { tape, x throws(AutodiffError) in
            try tape.mean(x[0], dim: -1)
        },
        Case(name: "max", shapes: [[[2, 3]]]) { tape, x throws(AutodiffError) in try tape.max(x[0]) },
        Case(name: "max dim", shapes: [[[2, 3]]]) { tape, x throws(AutodiffError) in try tape.max(x[0], dim: 0) },
        Case(name: "min", shapes: [[[2, 3]]]) { tape, x throws(AutodiffError) in try tape.min(x[0]) },
        Case(name: "min dim", shapes: [[[2, 3]]]) { tape, x throws(AutodiffError) in try tape.min(x[0], dim: 1) },
        Case(name: "softmax", shapes: [[[2, 3]], [[4]]]) { tape, x throws(AutodiffError) in
            try tape.softmax(x[0], dim: -1)
        },
        Case(name: "softmax dim 0", shapes: [[[3, 2]]]) { tape, x throws(AutodiffError) in
            try tape.softmax(x[0], dim: 0)
        },
        Case(name: "log_softmax", shapes: [[[2, 3]], [[4]]]) { tape, x throws(AutodiffError) in
            try tape.logSoftmax(x[0], dim: -1)
        },
        Case(name: "mse", shapes: [[[3], [3]], [[2, 3], [3]]]) { tape, x throws(AutodiffError) in
            try tape.mse(x[0], x[1])
        },
        Case(name: "bce", shapes: [[[4], [4]], [[2, 2], [2, 2]]], range: 0.1...0.9) { tape, x throws(AutodiffError) in
            try tape.bce(x[0], x[1])
        },
        Case(name: "cross_entropy batch", shapes: [[[3, 4]]]) { tape, x throws(AutodiffError) in
            try tape.crossEntropy(x[0], try tape.constant([2, 0, 3], shape: [3], dtype: .f64))
        },
        Case(name: "cross_entropy one", shapes: [[[5]]]) { tape, x throws(AutodiffError) in
            try tape.crossEntropy(x[0], tape.scalar(1, dtype: .f64))
        },
        Case(name: "clamp_min", shapes: elementwiseShapes, range: 0.2...2) { tape, x throws(AutodiffError) in
            try tape.clampMin(x[0], 0.1)
        },
        Case(name: "broadcast and sum_to", shapes: [[[3]]]) { tape, x throws(AutodiffError) in
            try tape.sum(try tape.mul(try tape.broadcast(x[0], to: [2, 3]), x[0]), to: [1, 3])
        },
        Case(name: "cast", shapes: [[[3]]]) { tape, x throws(AutodiffError) in
            try tape.cast(try tape.mul(x[0], x[0]), to: .f64)
        },
    ]

    /// Distinct values in `range` for each input of a shape combination drawn at random.
    static func inputs(for testCase: Case, seed: UInt64) -> [TensorValue] {
        var random = SplitMix64(seed: seed)
        let shapes = testCase.shapes[Int(random.next() % UInt64(testCase.shapes.count))]
        var used = Set<Double>()
        return shapes.map { shape in
            let count = shape.reduce(1, *)
            var values: [Double] = []
            while values.count < count {
                let u = random.nextUniform(.f64)
                let v = testCase.range.lowerBound + u * (testCase.range.upperBound - testCase.range.lowerBound)
                let rounded = (v * 64).rounded() / 64 + 1.0 / 512
                if used.insert(rounded).inserted { values.append(rounded) }
            }
            return TensorValue(unchecked: values, shape: shape)
        }
    }

    /// `sum(f(x) * w)` with fixed weights `w` of `f(x)`'s shape.
    static func weighted(_ testCase: Case) -> (Tape, [Tensor]) throws(AutodiffError) -> Tensor {
        { tape, x throws(AutodiffError) in
            let out = try testCase.apply(tape, x)
            let count = try tape.scalarCount(out)
            let weights = (0..<count).map { 0.5 + Double(($0 * 7) % 11) / 10 }
            return try tape.mul(out, try tape.constant(weights, shape: try tape.shape(out), dtype: .f64))
        }
    }

    @Test(arguments: cases, [1, 2, 3] as [UInt64])
    func firstDerivativesMatchFiniteDifferences(testCase: Case, seed: UInt64) throws {
        let inputs = Self.inputs(for: testCase, seed: seed)
        let results = try GradientChecker.check(at: inputs, Self.weighted(testCase))
        for result in results {
            #expect(result.maxRelativeError < 1e-6, "\(result.analytic) vs \(result.numeric)")
        }
    }

    /// The recorded gradient rules are differentiable: `grad(of: f(x), wrt: x)` against finite
    /// differences of itself (second derivatives).
    @Test(arguments: cases.filter { !["max", "max dim", "min", "min dim", "cast"].contains($0.name) })
    func secondDerivativesMatchFiniteDifferences(testCase: Case) throws {
        let inputs = Self.inputs(for: testCase, seed: 7)
        let f = Self.weighted(testCase)
        for k in inputs.indices {
            let results = try GradientChecker.check(at: inputs) { tape, x throws(AutodiffError) in
                let g = try tape.grad(of: try f(tape, x), wrt: x[k])
                let count = try tape.scalarCount(g)
                let weights = (0..<count).map { 0.3 + Double(($0 * 5) % 7) / 10 }
                return try tape.mul(g, try tape.constant(weights, shape: try tape.shape(g), dtype: .f64))
            }
            for result in results {
                #expect(result.maxRelativeError < 1e-5, "input \(k): \(result.analytic) vs \(result.numeric)")
            }
        }
    }

    /// The checker itself fails on a wrong gradient: `detach` hides half of `x*x`'s derivative.
    @Test func checkerCatchesAWrongGradient() throws {
        let results = try GradientChecker.check(at: [TensorValue(scalar: 1.5, dtype: .f64)]) {
            tape, x throws(AutodiffError) in try tape.mul(x[0], try tape.detach(x[0]))
        }
        #expect(Swift.abs(results[0].maxRelativeError - 0.5) < 1e-6)
    }
}

extension TensorValue {
    init(unchecked scalars: [Double], shape: [Int]) {
        self = (try? TensorValue(scalars, shape: shape, dtype: .f64)) ?? TensorValue(scalar: .nan, dtype: .f64)
    }
}
