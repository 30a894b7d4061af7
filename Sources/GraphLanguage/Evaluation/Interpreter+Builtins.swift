import Autodiff

// Calls of the built-in functions of SPEC §2.4.

extension Interpreter {
    mutating func call(
        _ builtin: Builtin, arguments: [ResolvedExpression?], sizes sizeExpressions: [ResolvedExpression],
        range: SourceRange
    ) throws(Diagnostic) -> Operand {
        var values: [Operand?] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            if let argument { values.append(try evaluate(argument)) } else { values.append(nil) }
        }
        let sizes = try shape(builtin, sizes: sizeExpressions, range: range)
        /// The `index`-th argument as a tensor (a weak number becomes a constant of the default dtype).
        func tensorArgument(_ index: Int, _ interpreter: inout Interpreter) throws(Diagnostic) -> Tensor {
            try interpreter.materialize(values[index] ?? .number(0))
        }
        func optionalDim(_ index: Int) throws(Diagnostic) -> Int? {
            guard let value = values[index] else { return nil }
            return try integer(value, what: "dim", range: range)
        }

        switch builtin {
        case .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .sigmoid, .relu, .square:
            let x = try tensorArgument(0, &self)
            let kind = Self.unaryKinds[builtin] ?? .exp
            return .tensor(try engine(range) { try $0.unary(kind, x) })
        case .pow:
            guard let base = values[0], let exponent = values[1] else { return .number(0) }
            return try binary(.power, base, exponent, range: range)
        case .sum, .mean, .max, .min:
            let x = try tensorArgument(0, &self)
            let dim = try optionalDim(1)
            switch builtin {
            case .sum: return .tensor(try engine(range) { try $0.sum(x, dim: dim) })
            case .mean: return .tensor(try engine(range) { try $0.mean(x, dim: dim) })
            case .max: return .tensor(try engine(range) { try $0.max(x, dim: dim) })
            default: return .tensor(try engine(range) { try $0.min(x, dim: dim) })
            }
        case .matmul, .dot:
            let (a, b) = try pair(values[0], values[1], range: range)
            if builtin == .dot { return .tensor(try engine(range) { try $0.dot(a, b) }) }
            return .tensor(try engine(range) { try $0.matmul(a, b) })
        case .transpose:
            let x = try tensorArgument(0, &self)
            return .tensor(try engine(range) { try $0.transpose(x) })
        case .reshape:
            let x = try tensorArgument(0, &self)
            return .tensor(try engine(range) { try $0.reshape(x, sizes) })
        case .softmax, .logSoftmax:
            let x = try tensorArgument(0, &self)
            let dim = try optionalDim(1) ?? -1
            if builtin == .softmax { return .tensor(try engine(range) { try $0.softmax(x, dim: dim) }) }
            return .tensor(try engine(range) { try $0.logSoftmax(x, dim: dim) })
        case .mse, .bce:
            let (a, b) = try pair(values[0], values[1], range: range)
            if builtin == .mse { return .tensor(try engine(range) { try $0.mse(a, b) }) }
            return .tensor(try engine(range) { try $0.bce(a, b) })
        case .crossEntropy:
            let logits = try tensorArgument(0, &self)
            let target = try tensorArgument(1, &self)
            return .tensor(try engine(range) { try $0.crossEntropy(logits, target) })
        case .zeros, .ones, .rand, .randn:
            let dtype = block.defaultDType
            switch builtin {
            case .zeros: return .tensor(try engine(range) { try $0.zeros(sizes, dtype: dtype) })
            case .ones: return .tensor(try engine(range) { try $0.ones(sizes, dtype: dtype) })
            case .rand: return .tensor(try engine(range) { try $0.rand(sizes, dtype: dtype) })
            default: return .tensor(try engine(range) { try $0.randn(sizes, dtype: dtype) })
            }
        case .full:
            guard let fill = values[0] else { return .number(0) }
            let (value, dtype) = try numberAndDType(fill, range: range)
            return .tensor(try engine(range) { try $0.full(value, sizes, dtype: dtype) })
        case .arange:
            var bounds: [Double] = []
            for value in values {
                if let value { bounds.append(try number(value, what: "an argument of arange", range: range)) }
            }
            let dtype = block.defaultDType
            let start = bounds.count == 1 ? 0 : bounds[0]
            let end = bounds.count == 1 ? bounds[0] : bounds[1]
            let step = bounds.count == 3 ? bounds[2] : 1
            return .tensor(try engine(range) { try $0.arange(start, end, step: step, dtype: dtype) })
        case .linspace:
            guard let first = values[0], let last = values[1], let stepsValue = values[2] else { return .number(0) }
            let start = try number(first, what: "the start of linspace", range: range)
            let end = try number(last, what: "the end of linspace", range: range)
            let steps = try integer(stepsValue, what: "the number of steps of linspace", range: range)
            let dtype = block.defaultDType
            return .tensor(try engine(range) { try $0.linspace(start, end, count: steps, dtype: dtype) })
        case .eye:
            guard let sizeValue = values[0] else { return .number(0) }
            let n = try integer(sizeValue, what: "the size of eye", range: range)
            let dtype = block.defaultDType
            return .tensor(try engine(range) { try $0.eye(n, dtype: dtype) })
        case .detach:
            switch values[0] {
            case .tensor(let t): return .tensor(try engine(range) { try $0.detach(t) })
            case .number(let value): return .number(value)
            case .numbers(let values, let shape): return .numbers(values, shape: shape)
            case nil: return .number(0)
            }
        case .len:
            guard let value = values[0] else { return .number(0) }
            let shape: [Int]
            switch value {
            case .number: shape = []
            case .numbers(_, let listShape): shape = listShape
            case .tensor(let t): shape = try engine(range) { try $0.shape(t) }
            }
            guard let first = shape.first else {
                throw EvaluationMessage.engine("len(...) of a scalar: a scalar has no length").at(range)
            }
            return .number(Double(first))
        }
    }

    /// The shape given to `zeros`, `reshape(x, ...)` and the other built-ins that take sizes:
    /// whole numbers (`zeros(2, 3)`), or one 1-D tensor of them (`zeros(x.shape)`, `zeros([2, 3])`).
    private mutating func shape(_ builtin: Builtin, sizes expressions: [ResolvedExpression], range: SourceRange)
        throws(Diagnostic) -> [Int]
    {
        let what = "a size of \(builtin.rawValue)"
        var operands: [Operand] = []
        for expression in expressions { operands.append(try evaluate(expression)) }
        var shapes: [[Int]] = []
        for operand in operands {
            switch operand {
            case .number: shapes.append([])
            case .numbers(_, let shape): shapes.append(shape)
            case .tensor(let t): shapes.append(try engine(range) { try $0.shape(t) })
            }
        }
        if operands.count == 1, shapes[0].count == 1 {
            var sizes: [Int] = []
            for element in try elements(of: operands[0], range: range) {
                sizes.append(try integer(.number(element), what: what, range: range))
            }
            return sizes
        }
        if let tensorShape = shapes.first(where: { $0.reduce(1, *) != 1 }) {
            throw EvaluationMessage.sizesNotAShape(usage: builtin.usage, shape: tensorShape).at(range)
        }
        var sizes: [Int] = []
        for operand in operands { sizes.append(try integer(operand, what: what, range: range)) }
        return sizes
    }

    static let unaryKinds: [Builtin: OpKind] = [
        .exp: .exp, .log: .log, .sqrt: .sqrt, .abs: .abs, .sin: .sin, .cos: .cos, .tan: .tan, .tanh: .tanh,
        .sigmoid: .sigmoid, .relu: .relu, .square: .square,
    ]

    /// Two tensor arguments; a weak number or list takes the dtype of the other argument.
    private mutating func pair(_ a: Operand?, _ b: Operand?, range: SourceRange) throws(Diagnostic) -> (Tensor, Tensor)
    {
        switch (a ?? .number(0), b ?? .number(0)) {
        case (.tensor(let x), .tensor(let y)): return (x, y)
        case (.tensor(let x), let weak): return (x, try freshConstant(weak, like: x, range))
        case (let weak, .tensor(let y)): return (try freshConstant(weak, like: y, range), y)
        case (let first, let second): return (try materialize(first), try materialize(second))
        }
    }

    /// A weak number or list as a constant of `tensor`'s dtype.
    private mutating func freshConstant(_ weak: Operand, like tensor: Tensor, _ range: SourceRange) throws(Diagnostic)
        -> Tensor
    {
        let dtype = try engine(range) { try $0.dtype(tensor) }
        switch weak {
        case .number(let value): return try constant([value], shape: [], dtype: dtype, range)
        case .numbers(let values, let shape): return try constant(values, shape: shape, dtype: dtype, range)
        case .tensor(let t): return t
        }
    }

    /// A number with its dtype: a weak number has the block's default dtype.
    private mutating func numberAndDType(_ operand: Operand, range: SourceRange) throws(Diagnostic) -> (Double, DType) {
        switch operand {
        case .number, .numbers:
            return (try number(operand, what: "the value of full", range: range), block.defaultDType)
        case .tensor(let t):
            let dtype = try engine(range) { try $0.dtype(t) }
            return (try number(operand, what: "the value of full", range: range), dtype)
        }
    }
}
