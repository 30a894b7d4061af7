import Autodiff
import Foundation

// The right side of an in-place update of a 0-d param (`w -= 0.1 * w.grad`), computed with numbers
// when it is made of scalars only, instead of recording operations that nothing would ever use
// (PyTorch runs it under `torch.no_grad()`): a training loop's update then adds no node to the
// tape. Each rule gives exactly the number of the recording path (`evaluate`, `binary`,
// `siteConstant`, `weakConstant`, `Tape.update`); anything else is `nil`, and the caller takes the
// recording path (which also reports every error).

extension Interpreter {
    /// A scalar of the unrecorded path: a weak number, or a 0-d value of a dtype.
    enum UnrecordedScalar {
        case weak(Double)
        case value(Double, DType)
    }

    /// `w op= EXPR` on a 0-d param without recording: `false` (nothing done) when `EXPR` needs the
    /// recording path.
    mutating func updateWithoutRecording(
        _ param: Tensor, _ operation: BinaryOperator, _ expression: ResolvedExpression, range: SourceRange
    ) throws(Diagnostic) -> Bool {
        guard let current = tape.scalarAndDType(param), let change = unrecordedScalar(expression),
            case .value(let updated, _)? = Self.unrecordedBinary(
                operation, .value(current.value, current.dtype), change)
        else { return false }
        try engine(range) { try $0.update(param, toScalar: updated) }
        return true
    }

    /// The value of `expression` without recording, or `nil` when it needs the recording path.
    /// (`mutating` though it changes nothing: called from the mutating loop, a non-mutating method
    /// gets a copy of the whole interpreter.)
    mutating func unrecordedScalar(_ expression: ResolvedExpression) -> UnrecordedScalar? {
        switch expression {
        case .number(let value):
            return .weak(value)
        case .name(let slot, _):
            switch slots[slot] {
            case .number(let value): return .weak(value)
            case .tensor(let t), .param(let t): return tape.scalarAndDType(t).map { .value($0.value, $0.dtype) }
            case .unbound: return nil
            }
        case .grad(.name(let slot, _), _, _):
            guard case .param(let param) = slots[slot] else { return nil }
            return tape.scalarGradient(of: param).map { .value($0.value, $0.dtype) }
        case .negate(let operand, _):
            switch unrecordedScalar(operand) {
            case .weak(let value): return .weak(-value)
            case .value(let value, let dtype): return .value(Tape.unaryResult(.neg, value, dtype: dtype), dtype)
            case nil: return nil
            }
        case .binary(let op, let left, let right, _):
            guard let a = unrecordedScalar(left), let b = unrecordedScalar(right) else { return nil }
            return Self.unrecordedBinary(op, a, b)
        case .withConstant(let op, let operand, let constant, let constantOnLeft, _, _):
            // The site's constant is the number in the operand's dtype, as a weak number becomes:
            // the same as `binary` with the number on that side.
            guard let value = unrecordedScalar(operand) else { return nil }
            return constantOnLeft
                ? Self.unrecordedBinary(op, .weak(constant), value) : Self.unrecordedBinary(op, value, .weak(constant))
        default:
            return nil
        }
    }

    /// `binary(op, a, b)` on scalars: a weak number becomes a constant of the other side's dtype,
    /// `x ^ number` is `pow(x, c)` (PyTorch's special cases), two weak numbers stay a number.
    static func unrecordedBinary(_ op: BinaryOperator, _ a: UnrecordedScalar, _ b: UnrecordedScalar)
        -> UnrecordedScalar?
    {
        let kind: OpKind
        switch op {
        case .add: kind = .add
        case .subtract: kind = .sub
        case .multiply: kind = .mul
        case .divide: kind = .div
        case .power: kind = .pow
        case .matmul: return nil
        }
        switch (a, b) {
        case (.value(let x, let xType), .value(let y, let yType)):
            let dtype = DType.promoted(xType, yType)
            return .value(Tape.binaryResult(kind, x, y, dtype: dtype), dtype)
        case (.value(let x, let dtype), .weak(let c)):
            if op == .power { return .value(Tape.unaryResult(.powScalar, x, dtype: dtype, attribute: c), dtype) }
            return .value(Tape.binaryResult(kind, x, Tape.constantValue(c, dtype: dtype), dtype: dtype), dtype)
        case (.weak(let c), .value(let y, let dtype)):
            return .value(Tape.binaryResult(kind, Tape.constantValue(c, dtype: dtype), y, dtype: dtype), dtype)
        case (.weak(let x), .weak(let y)):
            switch op {
            case .add: return .weak(x + y)
            case .subtract: return .weak(x - y)
            case .multiply: return .weak(x * y)
            case .divide: return .weak(x / y)
            case .power: return .weak(Foundation.pow(x, y))
            case .matmul: return nil
            }
        }
    }
}
