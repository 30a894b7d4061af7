// Scalars outside the graph: what an in-place update of a param reads and computes (PyTorch's
// `with torch.no_grad(): w -= lr * w.grad`), without recording nodes that nothing would use.
// Every function gives exactly the number the recording path gives.

extension Tape {
    /// The value and dtype of a live 0-d tensor; `nil` for any other handle (a tensor with
    /// dimensions, a reclaimed value).
    public func scalarAndDType(_ t: Tensor) -> (value: Double, dtype: DType)? {
        guard let i = try? slot(t), nodes[i].payload < 0 else { return nil }
        return (nodes[i].value, dtypeAt(i))
    }

    /// The gradient of a live 0-d param with its dtype, as `gradientTensor(of:)` would record it;
    /// `nil` when no `backward` has reached it yet, or for anything else.
    public func scalarGradient(of param: Tensor) -> (value: Double, dtype: DType)? {
        guard let i = try? slot(param), nodes[i].payload < 0, let k = paramOrdinal(i),
            let gradient = paramTable[k].gradient, let g = gradient.first
        else { return nil }
        return (g, dtypeAt(i))
    }

    /// The value `binary(kind, a, b)` records for two scalars whose promoted dtype is `dtype`.
    public static func binaryResult(_ kind: OpKind, _ x: Double, _ y: Double, dtype: DType) -> Double {
        binaryScalar(kind, x, y, dtype)
    }

    /// The value `unary(kind, x, attribute:)` records for a scalar of `dtype`.
    public static func unaryResult(_ kind: OpKind, _ x: Double, dtype: DType, attribute: Double = 0) -> Double {
        unaryScalar(kind, x, dtype, attribute)
    }

    /// A constant scalar's value as `scalar(_:dtype:)` stores it (f32 rounded to `Float`).
    public static func constantValue(_ value: Double, dtype: DType) -> Double {
        dtype == .f32 ? Double(Float(value)) : value
    }

    /// `update(param, to: t)` for a 0-d `t` holding `value`, without recording `t`: the value is
    /// converted to the param's dtype (and broadcast to its shape), and the param's version goes up.
    public func update(_ param: Tensor, toScalar value: Double) throws(AutodiffError) {
        let k = try ordinal(of: param, "in-place update")
        let i = Int(param.index)
        let converted = dtypeAt(i) == .f32 ? Double(Float(value)) : value
        if nodes[i].payload < 0 {
            setParamElements(k, scalar: converted)
        } else {
            let count = tensorPayloads[Int(nodes[i].payload)].elements.count
            setParamElements(k, [Double](repeating: converted, count: count))
        }
    }
}
