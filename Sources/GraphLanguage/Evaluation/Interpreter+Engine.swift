import Autodiff

// The interpreter's door to the engine: every tape call goes through `engine(range) { ... }`, which
// turns the engine's errors into diagnostics at the expression that caused them.

extension Interpreter {
    /// Runs `body` on the tape; an engine error becomes a diagnostic at `range`.
    ///
    /// (The closure throws untyped errors: closures do not infer typed throws in Swift 6.)
    @inline(__always)
    mutating func engine<T>(_ range: SourceRange, _ body: (Tape) throws -> T) throws(Diagnostic) -> T {
        do {
            return try body(tape)
        } catch let error as AutodiffError {
            throw diagnostic(for: error, at: range)
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw EvaluationMessage.engine("\(error)").at(range)
        }
    }

    /// The message of an engine error, completed with what only the language knows (where a
    /// param was updated: a note at the update in this block, "in an earlier block" otherwise).
    func diagnostic(for error: AutodiffError, at range: SourceRange) -> Diagnostic {
        switch error {
        case .staleValue(let param):
            if let slot = names.slots[param], slot < updates.count, let update = updates[slot] {
                let earlierBlock = update.block != blockNumber
                let message = EvaluationMessage.staleValue(param: param, earlierBlock: earlierBlock)
                if earlierBlock { return message.at(range) }
                return message.at(range, notes: [EvaluationMessage.updatedHere(param: param).note(at: update.range)])
            }
            return EvaluationMessage.engine(error.description).at(range)
        default:
            return EvaluationMessage.engine(error.description).at(range)
        }
    }

    /// A constant tensor; f32 elements are rounded to `Float`.
    mutating func constant(_ scalars: [Double], shape: [Int], dtype: DType, _ range: SourceRange) throws(Diagnostic)
        -> Tensor
    {
        if shape.isEmpty, scalars.count == 1 { return tape.scalar(scalars[0], dtype: dtype) }
        return try engine(range) { try $0.constant(scalars, shape: shape, dtype: dtype) }
    }

    /// `d(output)/d(input)`: differentiable, zeros when `output` does not depend on `input`.
    mutating func derivative(of output: Tensor, wrt input: Tensor, range: SourceRange) throws(Diagnostic) -> Tensor {
        try engine(range) { try $0.grad(of: output, wrt: input) }
    }

    /// Frees every node that `kept` does not depend on.
    func reclaim(keeping kept: [Tensor]) {
        tape.reclaim(keeping: kept)
    }
}
