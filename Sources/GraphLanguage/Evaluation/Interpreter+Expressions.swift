import Autodiff
import Foundation

// Evaluating expressions: names, literals, operators, members, derivatives.

extension Interpreter {
    mutating func evaluate(_ expression: ResolvedExpression) throws(Diagnostic) -> Operand {
        switch expression {
        case .number(let value):
            return .number(value)
        case .name(let slot, let range):
            switch slots[slot] {
            case .tensor(let t), .param(let t): return .tensor(t)
            case .number(let value): return .number(value)
            case .unbound: throw unknownName(slot: slot, range: range)
            }
        case .withConstant(let op, let operand, let constant, let constantOnLeft, let site, let range):
            let value = try evaluate(operand)
            guard case .tensor(let t) = value, op != .power || constantOnLeft else {
                return try constantOnLeft
                    ? binary(op, .number(constant), value, range: range)
                    : binary(op, value, .number(constant), range: range)
            }
            let k = try siteConstant(site, constant, like: t, range: range)
            return .tensor(
                try constantOnLeft ? tensorBinary(op, k, t, range: range) : tensorBinary(op, t, k, range: range))
        case .binary(let op, let left, let right, let range):
            return try binary(op, try evaluate(left), try evaluate(right), range: range)
        case .negate(let operand, let range):
            switch try evaluate(operand) {
            case .number(let value): return .number(-value)
            case .numbers(let values, let shape): return .numbers(values.map { -$0 }, shape: shape)
            case .tensor(let t): return .tensor(try engine(range) { try $0.neg(t) })
            }
        case .list(let elements, let range):
            return try list(elements, range: range)
        case .call(let builtin, let arguments, let sizes, let range):
            return try call(builtin, arguments: arguments, sizes: sizes, range: range)
        case .index(let base, let indices, let range):
            let value = try tensor(try evaluate(base))
            var positions: [Int] = []
            for index in indices {
                positions.append(try integer(try evaluate(index), what: "an index", range: range))
            }
            return .tensor(try engine(range) { try $0.index(value, positions) })
        case .grad(let base, let text, let range):
            return .tensor(try gradient(base, text: text, range: range))
        case .transpose(let base, let range):
            switch try evaluate(base) {
            case .number(let value): return .number(value)
            case let operand:
                let t = try materialize(operand)
                return .tensor(try engine(range) { try $0.transpose(t) })
            }
        case .shape(let base, let range):
            let shape: [Int]
            switch try evaluate(base) {
            case .number: shape = []
            case .numbers(_, let listShape): shape = listShape
            case .tensor(let t): shape = try engine(range) { try $0.shape(t) }
            }
            return .tensor(try constant(shape.map(Double.init), shape: [shape.count], dtype: block.defaultDType, range))
        case .derivative(let of, let wrt, let ofText, let wrtText, let range):
            guard case .tensor(let output) = try tensorUnlessNumber(try evaluate(of)) else {
                throw EvaluationMessage.derivativeOfNumber(ofText).at(range)
            }
            guard case .tensor(let input) = try tensorUnlessNumber(try evaluate(wrt)) else {
                throw EvaluationMessage.derivativeWrtNumber(wrtText).at(range)
            }
            return .tensor(try derivative(of: output, wrt: input, range: range))
        case .cast(let base, let dtype, let range):
            switch try evaluate(base) {
            case .number(let value): return .tensor(try constant([value], shape: [], dtype: dtype, range))
            case .numbers(let values, let shape):
                return .tensor(try constant(values, shape: shape, dtype: dtype, range))
            case .tensor(let t): return .tensor(try engine(range) { try $0.cast(t, to: dtype) })
            }
        case .invalid(let diagnostic):
            throw diagnostic
        }
    }

    /// The error for reading a name that is not bound, with the closest bound name as a suggestion.
    func unknownName(slot: Int, range: SourceRange) -> Diagnostic {
        let name = names.names[slot]
        let suggestion = Suggestion.closest(to: name, among: boundNames)
        return EvaluationMessage.unknownName(name, suggestion: suggestion).at(range)
    }

    /// The names of the scope that are bound to a value.
    var boundNames: [String] {
        names.names.indices.filter { index in
            if case .unbound = slots[index] { return false }
            return true
        }.map { names.names[$0] }
    }

    // MARK: Operators

    mutating func binary(_ op: BinaryOperator, _ a: Operand, _ b: Operand, range: SourceRange) throws(Diagnostic)
        -> Operand
    {
        // Nested switches rather than one over the pair `(a, b)`: the pair's type metadata was
        // looked up on every call, several times per statement of a training loop.
        switch a {
        case .tensor(let x):
            switch b {
            case .tensor(let y):
                return .tensor(try tensorBinary(op, x, y, range: range))
            case .number(let c):
                if op == .power { return .tensor(try engine(range) { try $0.pow(x, c) }) }
                let constant = try weakConstant(c, like: x, range)
                return .tensor(try tensorBinary(op, x, constant, range: range))
            case .numbers(let values, let shape):
                let dtype = try engine(range) { try $0.dtype(x) }
                return .tensor(
                    try tensorBinary(op, x, try constant(values, shape: shape, dtype: dtype, range), range: range))
            }
        case .number(let x):
            switch b {
            case .tensor(let y):
                let constant = try weakConstant(x, like: y, range)
                return .tensor(try tensorBinary(op, constant, y, range: range))
            case .number(let y):
                switch op {
                case .add: return .number(x + y)
                case .subtract: return .number(x - y)
                case .multiply: return .number(x * y)
                case .divide: return .number(x / y)
                case .power: return .number(Foundation.pow(x, y))
                case .matmul:
                    let left = try constant([x], shape: [], dtype: block.defaultDType, range)
                    let right = try constant([y], shape: [], dtype: block.defaultDType, range)
                    return .tensor(try tensorBinary(.matmul, left, right, range: range))
                }
            case .numbers:
                break
            }
        case .numbers(let values, let shape):
            if case .tensor(let y) = b {
                let dtype = try engine(range) { try $0.dtype(y) }
                return .tensor(
                    try tensorBinary(op, try constant(values, shape: shape, dtype: dtype, range), y, range: range))
            }
        }
        // A list of plain numbers with no tensor to meet is a tensor of the default dtype, as
        // `torch.tensor([...])` would be: `[0.1, 0.2] * 3` is computed in that dtype.
        return try binary(op, try tensorUnlessNumber(a), try tensorUnlessNumber(b), range: range)
    }

    mutating func tensorBinary(_ op: BinaryOperator, _ x: Tensor, _ y: Tensor, range: SourceRange) throws(Diagnostic)
        -> Tensor
    {
        switch op {
        case .add: return try engine(range) { try $0.add(x, y) }
        case .subtract: return try engine(range) { try $0.sub(x, y) }
        case .multiply: return try engine(range) { try $0.mul(x, y) }
        case .divide: return try engine(range) { try $0.div(x, y) }
        case .power: return try engine(range) { try $0.pow(x, y) }
        case .matmul: return try engine(range) { try $0.matmul(x, y) }
        }
    }

    /// The constant of a `.withConstant` site in `tensor`'s dtype, made once per site, dtype and
    /// tape epoch (compaction may free it).
    @inline(__always)
    mutating func siteConstant(_ site: Int, _ value: Double, like tensor: Tensor, range: SourceRange) throws(Diagnostic)
        -> Tensor
    {
        let dtype = try engine(range) { try $0.dtype(tensor) }
        let cached = block.siteConstants[site]
        if cached.epoch == tapeEpoch, cached.dtype == dtype, let tensor = cached.tensor { return tensor }
        let made = tape.scalar(value, dtype: dtype)
        block.siteConstants[site] = SiteConstant(tensor: made, dtype: dtype, epoch: tapeEpoch)
        return made
    }

    /// A weak number as a constant of `tensor`'s dtype, reused while it stays on the tape.
    mutating func weakConstant(_ value: Double, like tensor: Tensor, _ range: SourceRange) throws(Diagnostic) -> Tensor
    {
        let dtype = try engine(range) { try $0.dtype(tensor) }
        let key = ConstantKey(bits: value.bitPattern, dtype: dtype)
        if let cached = constantCache[key], tape.isLive(cached) { return cached }
        let made = tape.scalar(value, dtype: dtype)
        if constantCache.count >= Self.constantCacheLimit { constantCache.removeAll(keepingCapacity: true) }
        constantCache[key] = made
        return made
    }

    static let constantCacheLimit = 256

    // MARK: Conversions

    /// The tensor of an operand; a weak number or list becomes a constant of the block's default
    /// dtype.
    mutating func materialize(_ operand: Operand) throws(Diagnostic) -> Tensor {
        switch operand {
        case .tensor(let t): return t
        case .number(let value):
            return tape.scalar(value, dtype: block.defaultDType)
        case .numbers(let values, let shape):
            return try constant(values, shape: shape, dtype: block.defaultDType, SourceRange.none)
        }
    }

    /// The operand with a weak list made a tensor of the default dtype; a weak number stays.
    mutating func tensorUnlessNumber(_ operand: Operand) throws(Diagnostic) -> Operand {
        guard case .numbers = operand else { return operand }
        return .tensor(try materialize(operand))
    }

    /// The tensor of an operand (for statements that need one; a number becomes a constant).
    mutating func tensor(_ operand: Operand) throws(Diagnostic) -> Tensor { try materialize(operand) }

    /// A number from a weak number or a one-element tensor. (`what`, for the message, is made
    /// only when there is one: a loop's `step` reads its arguments on every iteration.)
    mutating func number(_ operand: Operand, what: @autoclosure () -> String, range: SourceRange) throws(Diagnostic)
        -> Double
    {
        switch operand {
        case .number(let value): return value
        case .numbers(let values, let shape):
            guard values.count == 1 else { throw EvaluationMessage.notANumber(what: what(), shape: shape).at(range) }
            return values[0]
        case .tensor(let t):
            let value = try engine(range) { try $0.value(t) }
            guard value.scalars.count == 1 else {
                throw EvaluationMessage.notANumber(what: what(), shape: value.shape).at(range)
            }
            return value.scalars[0]
        }
    }

    /// The elements of an operand, in row-major order.
    mutating func elements(of operand: Operand, range: SourceRange) throws(Diagnostic) -> [Double] {
        switch operand {
        case .number(let value): return [value]
        case .numbers(let values, _): return values
        case .tensor(let t): return try engine(range) { try $0.scalars(t) }
        }
    }

    /// A whole number from a weak number or a one-element tensor.
    mutating func integer(_ operand: Operand, what: @autoclosure () -> String, range: SourceRange) throws(Diagnostic)
        -> Int
    {
        let value = try number(operand, what: what(), range: range)
        guard value == value.rounded(), value.magnitude < 1e15 else {
            throw EvaluationMessage.notAWholeNumber(what: what(), value: value).at(range)
        }
        return Int(value)
    }

    /// The display copy of an operand: a weak number or list shows at the block's default dtype.
    mutating func displayValue(_ operand: Operand, range: SourceRange) throws(Diagnostic) -> Value {
        // Scalars (every logged loss) are copied straight into a `Value`: a loop logs thousands.
        switch operand {
        case .number(let value):
            return Value(scalar: Tape.constantValue(value, dtype: block.defaultDType), dtype: block.defaultDType)
        case .numbers(let values, let shape):
            return Self.plainValue(values, shape: shape, dtype: block.defaultDType)
        case .tensor(let t):
            if let scalar = tape.scalarAndDType(t) { return Value(scalar: scalar.value, dtype: scalar.dtype) }
            let value = try engine(range) { try $0.value(t) }
            return Value(dtype: value.dtype, shape: value.shape, scalars: value.scalars)
        }
    }

    /// Plain numbers as a value of `dtype` (rounded to `Float` for f32).
    static func plainValue(_ values: [Double], shape: [Int], dtype: DType) -> Value {
        Value(dtype: dtype, shape: shape, scalars: dtype == .f32 ? values.map { Double(Float($0)) } : values)
    }

    // MARK: Lists

    /// A list literal: nested lists are dimensions; ragged lists are an error. A list of plain
    /// numbers is weak (`.numbers`); a list with a tensor element is a constant of its elements'
    /// (promoted) dtype, and its plain numbers are exact in that dtype.
    mutating func list(_ elements: [ResolvedExpression], range: SourceRange) throws(Diagnostic) -> Operand {
        var scalars: [Double] = []
        var dtype: DType?
        let shape = try listShape(elements, range: range, scalars: &scalars, dtype: &dtype)
        guard let dtype else { return .numbers(scalars, shape: shape) }
        return .tensor(try constant(scalars, shape: shape, dtype: dtype, range))
    }

    private mutating func listShape(
        _ elements: [ResolvedExpression], range: SourceRange, scalars: inout [Double], dtype: inout DType?
    ) throws(Diagnostic) -> [Int] {
        var elementShape: [Int]?
        for (position, element) in elements.enumerated() {
            let shape: [Int]
            switch element {
            case .list(let inner, let innerRange):
                shape = try listShape(inner, range: innerRange, scalars: &scalars, dtype: &dtype)
            default:
                switch try evaluate(element) {
                case .number(let value):
                    scalars.append(value)
                    shape = []
                case .numbers(let values, let valuesShape):
                    scalars.append(contentsOf: values)
                    shape = valuesShape
                case .tensor(let t):
                    let value = try engine(range) { try $0.value(t) }
                    if try engine(range, { try $0.requiresGrad(t) }) {
                        throw EvaluationMessage.engine(
                            "a list makes a constant, so it cannot hold a value computed from params "
                                + "(its gradient would be lost)"
                        ).at(range)
                    }
                    scalars.append(contentsOf: value.scalars)
                    dtype = dtype.map { DType.promoted($0, value.dtype) } ?? value.dtype
                    shape = value.shape
                }
            }
            if let first = elementShape {
                guard first == shape else {
                    throw EvaluationMessage.raggedList(index: position, shape: shape, firstShape: first).at(range)
                }
            } else {
                elementShape = shape
            }
        }
        return [elements.count] + (elementShape ?? [])
    }

    // MARK: Gradients

    /// `x.grad`: the gradient a param collected, as a constant.
    mutating func gradient(_ base: ResolvedExpression, text: String, range: SourceRange) throws(Diagnostic) -> Tensor {
        if case .name(let slot, _) = base, case .param(let param) = slots[slot] {
            guard let gradient = try engine(range, { try $0.gradientTensor(of: param) }) else {
                throw EvaluationMessage.gradEmpty(names.names[slot]).at(range)
            }
            return gradient
        }
        _ = try evaluate(base)
        throw EvaluationMessage.gradOfNonParam(text, root: lastBackwardText ?? "loss").at(range)
    }
}
