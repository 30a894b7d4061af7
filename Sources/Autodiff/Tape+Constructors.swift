import Foundation

// Constants and constructors: leaves without gradient.

extension Tape {
    /// A constant tensor of `shape` from row-major `scalars` (f32 elements rounded to `Float`).
    public func constant(_ scalars: [Double], shape: [Int], dtype: DType) throws(AutodiffError) -> Tensor {
        let value = try TensorValue(scalars, shape: shape, dtype: dtype)
        return record(.constant, value)
    }

    /// A constant scalar (f32 rounded to `Float`).
    public func scalar(_ value: Double, dtype: DType) -> Tensor {
        recordScalar(.constant, dtype, dtype == .f32 ? Double(Float(value)) : value)
    }

    /// A constant holding `value`.
    public func constant(_ value: TensorValue) -> Tensor {
        let scalars = value.dtype == .f32 ? value.scalars.map { Double(Float($0)) } : value.scalars
        return record(.constant, value.dtype, shape: value.shape, elements: scalars)
    }

    /// `zeros(d1, d2, ...)`.
    public func zeros(_ shape: [Int], dtype: DType) throws(AutodiffError) -> Tensor {
        try full(0, shape, dtype: dtype)
    }

    /// `ones(d1, d2, ...)`.
    public func ones(_ shape: [Int], dtype: DType) throws(AutodiffError) -> Tensor {
        try full(1, shape, dtype: dtype)
    }

    /// `full(value, d1, d2, ...)`.
    public func full(_ value: Double, _ shape: [Int], dtype: DType) throws(AutodiffError) -> Tensor {
        let count = try checkedElementCount(shape)
        let element = dtype == .f32 ? Double(Float(value)) : value
        return record(.constant, dtype, shape: shape, elements: [Double](repeating: element, count: count))
    }

    /// `arange(start, end, step)`: `start + k*step` for every k with the value before `end`
    /// (computed in `Double`, then rounded to the dtype, as PyTorch).
    public func arange(_ start: Double, _ end: Double, step: Double = 1, dtype: DType) throws(AutodiffError)
        -> Tensor
    {
        guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
            throw .invalidArgument("`arange` needs finite bounds and a step that is not 0")
        }
        let length = Swift.max(0, ((end - start) / step).rounded(.up))
        guard length <= Double(Tape.maximumElementCount) else {
            throw .tooManyElements(shape: [Int(Swift.min(length, 1e18))], limit: Tape.maximumElementCount)
        }
        let count = Int(length)
        let values = (0..<count).map { k in
            let v = start + Double(k) * step
            return dtype == .f32 ? Double(Float(v)) : v
        }
        return record(.constant, dtype, shape: [count], elements: values)
    }

    /// `linspace(start, end, count)`: `count` evenly spaced values from `start` to `end`, as
    /// PyTorch computes them (the first half from `start`, the second half back from `end`).
    public func linspace(_ start: Double, _ end: Double, count: Int, dtype: DType) throws(AutodiffError) -> Tensor {
        guard count >= 0 else { throw .invalidArgument("`linspace` needs a count of 0 or more, not \(count)") }
        _ = try checkedElementCount([count])
        var values = [Double](repeating: 0, count: count)
        if count == 1 {
            values[0] = start
        } else if count > 1 {
            let half = count / 2
            if dtype == .f32 {
                let a = Float(start)
                let b = Float(end)
                let step = (b - a) / Float(count - 1)
                for k in 0..<count {
                    // PyTorch's scalar kernel, compiled to fused multiply-adds.
                    values[k] = Double(
                        k < half ? a.addingProduct(step, Float(k)) : b.addingProduct(-step, Float(count - k - 1)))
                }
            } else {
                let step = (end - start) / Double(count - 1)
                for k in 0..<count {
                    values[k] =
                        k < half
                        ? start.addingProduct(step, Double(k)) : end.addingProduct(-step, Double(count - k - 1))
                }
            }
        }
        if dtype == .f32 { values = values.map { Double(Float($0)) } }
        return record(.constant, dtype, shape: [count], elements: values)
    }

    /// `eye(n)` or `eye(n, m)`: ones on the diagonal.
    public func eye(_ rows: Int, _ columns: Int? = nil, dtype: DType) throws(AutodiffError) -> Tensor {
        let m = columns ?? rows
        let count = try checkedElementCount([rows, m])
        var values = [Double](repeating: 0, count: count)
        for k in 0..<Swift.min(rows, m) { values[k * m + k] = 1 }
        return record(.constant, dtype, shape: [rows, m], elements: values)
    }

    /// `rand(d1, ...)`: uniform in [0, 1) from the tape's `random` generator.
    public func rand(_ shape: [Int], dtype: DType) throws(AutodiffError) -> Tensor {
        let count = try checkedElementCount(shape)
        var values = [Double](repeating: 0, count: count)
        for k in 0..<count { values[k] = random.nextUniform(dtype) }
        return record(.constant, dtype, shape: shape, elements: values)
    }

    /// `randn(d1, ...)`: standard normal from the tape's `random` generator (Box–Muller).
    public func randn(_ shape: [Int], dtype: DType) throws(AutodiffError) -> Tensor {
        let count = try checkedElementCount(shape)
        var values = [Double](repeating: 0, count: count)
        for k in 0..<count { values[k] = random.nextNormal(dtype) }
        return record(.constant, dtype, shape: shape, elements: values)
    }
}
