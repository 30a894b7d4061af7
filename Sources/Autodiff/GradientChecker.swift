/// Compares autodiff gradients with central finite differences, in f64.
public enum GradientChecker {
    /// The verdict for one input: the largest error over its elements.
    public struct InputResult: Sendable, Hashable {
        /// `max |analytic - numeric| / max(1, |analytic|, |numeric|)` over the input's elements.
        public var maxRelativeError: Double
        /// The gradient from `backward`, per element.
        public var analytic: [Double]
        /// The central finite difference, per element.
        public var numeric: [Double]
    }

    /// Checks `f` at `inputs`: each input becomes an f64 param on a fresh tape, `sum(f(...))` is
    /// differentiated by `backward`, and compared with `(f(x + h) - f(x - h)) / 2h` per element.
    public static func check(
        at inputs: [TensorValue], step: Double = 1e-6,
        _ f: (Tape, [Tensor]) throws(AutodiffError) -> Tensor
    ) throws(AutodiffError) -> [InputResult] {
        let points = inputs.map { TensorValue(unchecked: $0.scalars, shape: $0.shape, dtype: .f64) }
        func evaluate(_ values: [TensorValue]) throws(AutodiffError) -> Double {
            let tape = Tape()
            let params = values.enumerated().map { tape.param($0.element, name: "x\($0.offset)") }
            let out = try tape.sum(try tape.cast(try f(tape, params), to: .f64))
            return try tape.scalarValue(out) ?? .nan
        }
        let tape = Tape()
        let params = points.enumerated().map { tape.param($0.element, name: "x\($0.offset)") }
        let out = try tape.sum(try tape.cast(try f(tape, params), to: .f64))
        try tape.backward(out)
        var results: [InputResult] = []
        for (k, point) in points.enumerated() {
            let analytic = try tape.gradient(of: params[k])?.scalars ?? point.scalars.map { _ in 0 }
            var numeric: [Double] = []
            var worst = 0.0
            for e in point.scalars.indices {
                var plus = points
                plus[k].scalars[e] += step
                var minus = points
                minus[k].scalars[e] -= step
                let estimate = (try evaluate(plus) - evaluate(minus)) / (2 * step)
                numeric.append(estimate)
                let scale = Swift.max(1, Swift.abs(analytic[e]), Swift.abs(estimate))
                let error = Swift.abs(analytic[e] - estimate) / scale
                worst = Swift.max(worst, error.isNaN ? .infinity : error)
            }
            results.append(InputResult(maxRelativeError: worst, analytic: analytic, numeric: numeric))
        }
        return results
    }
}
