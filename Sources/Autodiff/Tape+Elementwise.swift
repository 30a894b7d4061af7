import Foundation

// Element-wise operations: forward kernels and, next to them, their gradient rules.

extension Tape {
    // MARK: Binary operations (NumPy broadcasting)

    /// `a + b` with broadcasting.
    public func add(_ a: Tensor, _ b: Tensor) throws(AutodiffError) -> Tensor { try binary(.add, a, b) }
    /// `a - b` with broadcasting.
    public func sub(_ a: Tensor, _ b: Tensor) throws(AutodiffError) -> Tensor { try binary(.sub, a, b) }
    /// `a * b` with broadcasting.
    public func mul(_ a: Tensor, _ b: Tensor) throws(AutodiffError) -> Tensor { try binary(.mul, a, b) }
    /// `a / b` with broadcasting.
    public func div(_ a: Tensor, _ b: Tensor) throws(AutodiffError) -> Tensor { try binary(.div, a, b) }
    /// `pow(a, b)` with a tensor exponent and broadcasting.
    public func pow(_ a: Tensor, _ b: Tensor) throws(AutodiffError) -> Tensor { try binary(.pow, a, b) }

    /// Any binary element-wise kind (`.add`, `.sub`, `.mul`, `.div`, `.pow`).
    @inline(__always)
    public func binary(_ kind: OpKind, _ a: Tensor, _ b: Tensor) throws(AutodiffError) -> Tensor {
        // The fast path: two live scalars.
        let i = Int(a.index)
        let j = Int(b.index)
        let count = nodes.count
        if kind.isBinaryElementwise, UInt(bitPattern: i) < UInt(count), UInt(bitPattern: j) < UInt(count) {
            let x = nodes[i]
            let y = nodes[j]
            if x.generation == a.generation, y.generation == b.generation, x.flags & y.flags & Tape.liveFlag != 0,
                x.payload < 0, y.payload < 0
            {
                let either = x.flags | y.flags
                let dtype: DType = either & Tape.f64Flag != 0 ? .f64 : .f32
                let value = Tape.binaryScalar(kind, x.value, y.value, dtype)
                let flag = Tape.liveFlag | Tape.scalarRuleFlag | (either & (Tape.f64Flag | Tape.requiresGradFlag))
                return appendScalar(kind, flag, value, Int32(i), Int32(j), 0)
            }
        }
        return try binaryOfTensors(kind, a, b)
    }

    /// `binary` for tensors (and every error).
    @inline(never)
    func binaryOfTensors(_ kind: OpKind, _ a: Tensor, _ b: Tensor) throws(AutodiffError) -> Tensor {
        let i = try slot(a)
        let j = try slot(b)
        guard kind.isBinaryElementwise else {
            throw .invalidArgument("`\(kind)` is not a binary element-wise operation")
        }
        let dtype = DType.promoted(dtypeAt(i), dtypeAt(j))
        if nodes[i].payload < 0 && nodes[j].payload < 0 {
            let value = Tape.binaryScalar(kind, nodes[i].value, nodes[j].value, dtype)
            return recordScalar(kind, dtype, value, Int32(i), Int32(j))
        }
        let aShape = shapeAt(i)
        let bShape = shapeAt(j)
        guard let outShape = Broadcasting.shape(aShape, bShape) else {
            throw .shapeMismatch(operation: kind.description, left: aShape, right: bShape)
        }
        _ = try checkedElementCount(outShape)
        let out = Broadcasting.combine(elementsAt(i), aShape, elementsAt(j), bShape, outShape) {
            Tape.binaryScalar(kind, $0, $1, dtype)
        }
        return record(kind, dtype, shape: outShape, elements: out, Int32(i), Int32(j))
    }

    /// One element of a binary operation, in `Float` for f32 (as PyTorch computes float32).
    @inline(__always)
    static func binaryScalar(_ kind: OpKind, _ x: Double, _ y: Double, _ dtype: DType) -> Double {
        if dtype == .f32 {
            let a = Float(x)
            let b = Float(y)
            switch kind {
            case .add: return Double(a + b)
            case .sub: return Double(a - b)
            case .mul: return Double(a * b)
            case .div: return Double(a / b)
            case .pow: return Double(Foundation.pow(a, b))
            default: return .nan
            }
        }
        switch kind {
        case .add: return x + y
        case .sub: return x - y
        case .mul: return x * y
        case .div: return x / y
        case .pow: return Foundation.pow(x, y)
        default: return .nan
        }
    }

    /// The gradients of a binary node with respect to its two inputs, as recorded operations.
    func binaryGradients(_ node: Int, _ g: Tensor) throws(AutodiffError) -> (Tensor?, Tensor?) {
        let a = handle(Int(nodes[node].first))
        let b = handle(Int(nodes[node].second))
        switch nodes[node].kind {
        case .add:
            return (g, g)
        case .sub:
            return (g, try neg(g))
        case .mul:
            // PyTorch: grad * other, grad * self.
            return (try mul(g, b), try mul(g, a))
        case .div:
            // PyTorch: grad / other, -grad * ((self / other) / other).
            return (try div(g, b), try mul(try neg(g), try div(try div(a, b), b)))
        case .pow:
            // PyTorch: grad * (y * x^(y-1)), and grad * (x^y * log(x)) (0 where x == 0 and y >= 0).
            let one = constantLike(1, b)
            let da = try mul(g, try mul(b, try pow(a, try sub(b, one))))
            let out = handle(node)
            let mask = try maskTensor(of: b, a) { y, x in x == 0 && y >= 0 ? 0 : 1 }
            let db = try mul(g, try mul(try mul(out, try log(a)), mask))
            return (da, db)
        default:
            return (nil, nil)
        }
    }

    // MARK: Unary operations

    /// `-x`.
    public func neg(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.neg, x) }
    /// `exp(x)`.
    public func exp(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.exp, x) }
    /// `log(x)` (natural logarithm).
    public func log(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.log, x) }
    /// `sqrt(x)`.
    public func sqrt(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.sqrt, x) }
    /// `abs(x)`; its gradient at 0 is 0, as in PyTorch.
    public func abs(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.abs, x) }
    /// `sin(x)`.
    public func sin(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.sin, x) }
    /// `cos(x)`.
    public func cos(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.cos, x) }
    /// `tan(x)`.
    public func tan(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.tan, x) }
    /// `tanh(x)`.
    public func tanh(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.tanh, x) }
    /// `1 / (1 + exp(-x))`.
    public func sigmoid(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.sigmoid, x) }
    /// `max(x, 0)`; its gradient at 0 is 0, as in PyTorch.
    public func relu(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.relu, x) }
    /// `x * x`.
    public func square(_ x: Tensor) throws(AutodiffError) -> Tensor { try unary(.square, x) }
    /// `x ^ exponent` for a constant exponent, as PyTorch's `x ** c`: `x*x` for 2, `x*x*x` for 3,
    /// `sqrt` for 0.5, `1/x` for -1, `1/(x*x)` for -2, else `pow`.
    public func pow(_ x: Tensor, _ exponent: Double) throws(AutodiffError) -> Tensor {
        try unary(.powScalar, x, attribute: exponent)
    }
    /// `max(x, floor)` element-wise; the gradient passes where `x >= floor`.
    public func clampMin(_ x: Tensor, _ floor: Double) throws(AutodiffError) -> Tensor {
        try unary(.clampMin, x, attribute: floor)
    }

    /// Any unary element-wise kind (`.exp`, `.relu`, ...); `attribute` is the exponent of
    /// `.powScalar` and the floor of `.clampMin`.
    @inline(__always)
    public func unary(_ kind: OpKind, _ x: Tensor, attribute: Double = 0) throws(AutodiffError) -> Tensor {
        let i = Int(x.index)
        if kind.isUnaryElementwise, UInt(bitPattern: i) < UInt(nodes.count) {
            let node = nodes[i]
            if node.generation == x.generation, node.flags & Tape.liveFlag != 0, node.payload < 0 {
                let dtype: DType = node.flags & Tape.f64Flag != 0 ? .f64 : .f32
                let value = Tape.unaryScalar(kind, node.value, dtype, attribute)
                let flag = Tape.liveFlag | Tape.scalarRuleFlag | (node.flags & (Tape.f64Flag | Tape.requiresGradFlag))
                return appendScalar(kind, flag, value, Int32(i), Tape.noInput, attribute)
            }
        }
        return try unaryOfTensors(kind, x, attribute: attribute)
    }

    /// `unary` for tensors (and every error).
    @inline(never)
    func unaryOfTensors(_ kind: OpKind, _ x: Tensor, attribute: Double) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        guard kind.isUnaryElementwise else {
            throw .invalidArgument("`\(kind)` is not a unary element-wise operation")
        }
        let dtype = dtypeAt(i)
        if nodes[i].payload < 0 {
            let value = Tape.unaryScalar(kind, nodes[i].value, dtype, attribute)
            return recordScalar(kind, dtype, value, Int32(i), attribute: attribute)
        }
        let out = elementsAt(i).map { Tape.unaryScalar(kind, $0, dtype, attribute) }
        return record(kind, dtype, shape: shapeAt(i), elements: out, Int32(i), attribute: attribute)
    }

    /// One element of a unary operation for f32: arithmetic in `Float`; `exp log sin cos tan tanh`
    /// in `Double` rounded to `Float`, which agrees with PyTorch's SLEEF kernels far more often
    /// than the C library's `Float` functions (tanh: 99% against 79%); `sigmoid` as PyTorch's
    /// `1 / (1 + expf(-x))`.
    @inline(__always)
    static func unaryScalar(_ kind: OpKind, _ v: Double, _ dtype: DType, _ c: Double) -> Double {
        if dtype == .f32 {
            let x = Float(v)
            switch kind {
            case .neg: return Double(-x)
            case .exp: return Double(Float(Foundation.exp(v)))
            case .log: return Double(Float(Foundation.log(v)))
            case .sqrt: return Double(x.squareRoot())
            case .abs: return Double(Swift.abs(x))
            case .sin: return Double(Float(Foundation.sin(v)))
            case .cos: return Double(Float(Foundation.cos(v)))
            case .tan: return Double(Float(Foundation.tan(v)))
            case .tanh: return Double(Float(Foundation.tanh(v)))
            case .sigmoid: return Double(1 / (1 + Foundation.exp(-x)))
            case .relu: return x.isNaN ? v : Double(x > 0 ? x : 0)
            case .square: return Double(x * x)
            case .powScalar: return Double(powFloat(x, c))
            case .clampMin: return x.isNaN ? v : Double(Swift.max(x, Float(c)))
            case .oneMinusSquare: return Double(Float(1).addingProduct(-x, x))
            default: return .nan
            }
        }
        let x = v
        switch kind {
        case .neg: return -x
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .sqrt: return x.squareRoot()
        case .abs: return Swift.abs(x)
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .tanh: return Foundation.tanh(x)
        case .sigmoid: return 1 / (1 + Foundation.exp(-x))
        case .relu: return x.isNaN ? x : (x > 0 ? x : 0)
        case .square: return x * x
        case .powScalar: return powDouble(x, c)
        case .clampMin: return x.isNaN ? x : Swift.max(x, c)
        case .oneMinusSquare: return (1.0).addingProduct(-x, x)
        default: return .nan
        }
    }

    /// PyTorch's `pow(float tensor, scalar)`: special cases, else `pow` computed in double.
    @inline(__always)
    static func powFloat(_ x: Float, _ c: Double) -> Float {
        switch c {
        case 0: return 1
        case 1: return x
        case 2: return x * x
        case 3: return x * x * x
        case 0.5: return x.squareRoot()
        case -0.5: return 1 / x.squareRoot()
        case -1: return 1 / x
        case -2: return 1 / (x * x)
        default: return Float(Foundation.pow(Double(x), c))
        }
    }

    @inline(__always)
    static func powDouble(_ x: Double, _ c: Double) -> Double {
        switch c {
        case 0: return 1
        case 1: return x
        case 2: return x * x
        case 3: return x * x * x
        case 0.5: return x.squareRoot()
        case -0.5: return 1 / x.squareRoot()
        case -1: return 1 / x
        case -2: return 1 / (x * x)
        default: return Foundation.pow(x, c)
        }
    }

    /// The gradient of a unary node with respect to its input, as recorded operations (PyTorch's formulas).
    func unaryGradient(_ node: Int, _ g: Tensor) throws(AutodiffError) -> Tensor? {
        let x = handle(Int(nodes[node].first))
        let out = handle(node)
        switch nodes[node].kind {
        case .neg:
            return try neg(g)
        case .exp:
            return try mul(g, out)
        case .log:
            return try div(g, x)
        case .sqrt:
            // PyTorch: grad / (2 * result).
            return try div(g, try mul(constantLike(2, out), out))
        case .abs:
            return try mul(g, try maskTensor(of: x) { v in v > 0 ? 1 : (v < 0 ? -1 : 0) })
        case .sin:
            return try mul(g, try cos(x))
        case .cos:
            return try mul(g, try neg(try sin(x)))
        case .tan:
            // PyTorch: grad * (1 + result^2).
            return try mul(g, try add(constantLike(1, out), try pow(out, 2)))
        case .tanh:
            // PyTorch: grad * (1 - y * y), the parenthesis compiled to a fused multiply-add.
            return try mul(g, try unary(.oneMinusSquare, out))
        case .sigmoid:
            // PyTorch: grad * (1 - y) * y.
            return try mul(try mul(g, try sub(constantLike(1, out), out)), out)
        case .relu:
            return try mul(g, try maskTensor(of: out) { v in v > 0 ? 1 : 0 })
        case .square:
            // PyTorch's square is pow(x, 2): grad * (2 * x).
            return try mul(g, try mul(constantLike(2, x), x))
        case .powScalar:
            let c = nodes[node].attribute
            if c == 0 { return try mul(g, constantLike(0, x)) }
            let power = c - 1 == 1 ? x : try pow(x, c - 1)
            return try mul(g, try mul(constantLike(c, x), power))
        case .clampMin:
            let floor = nodes[node].attribute
            return try mul(g, try maskTensor(of: x) { v in v >= floor ? 1 : 0 })
        case .oneMinusSquare:
            return try mul(g, try mul(constantLike(-2, x), x))
        default:
            return nil
        }
    }

    // MARK: Constants used by gradient rules

    /// A scalar constant with the dtype of `like`.
    func constantLike(_ value: Double, _ like: Tensor) -> Tensor {
        let dtype = (try? dtype(like)) ?? .f64
        return recordScalar(.constant, dtype, dtype == .f32 ? Double(Float(value)) : value)
    }

    /// A constant of `x`'s shape and dtype whose elements are `f(x)` (a non-differentiable mask).
    func maskTensor(of x: Tensor, _ f: (Double) -> Double) throws(AutodiffError) -> Tensor {
        let i = try slot(x)
        return record(.constant, dtypeAt(i), shape: shapeAt(i), elements: elementsAt(i).map(f))
    }

    /// A constant of the broadcast shape of `a` and `b`, with `f(a, b)` element-wise.
    func maskTensor(of a: Tensor, _ b: Tensor, _ f: (Double, Double) -> Double) throws(AutodiffError) -> Tensor {
        let i = try slot(a)
        let j = try slot(b)
        let aShape = shapeAt(i)
        let bShape = shapeAt(j)
        guard let outShape = Broadcasting.shape(aShape, bShape) else {
            throw .shapeMismatch(operation: "pow", left: aShape, right: bShape)
        }
        let out = Broadcasting.combine(elementsAt(i), aShape, elementsAt(j), bShape, outShape, f)
        return record(.constant, DType.promoted(dtypeAt(i), dtypeAt(j)), shape: outShape, elements: out)
    }
}
