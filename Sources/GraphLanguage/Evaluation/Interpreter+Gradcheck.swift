import Autodiff

// `gradcheck EXPR wrt a, b`: autodiff against central finite differences, in f64.

extension Interpreter {
    /// The largest error `gradcheck` accepts: `|autodiff - numeric| / max(1, |autodiff|, |numeric|)`.
    static let gradcheckTolerance = 1e-6

    /// Runs the engine's `GradientChecker` on EXPR as a function of the named values: EXPR is
    /// evaluated again on the checker's own f64 tape, the named values as its inputs and every
    /// other name it reads as an f64 constant. A non-scalar EXPR is checked through `sum(EXPR)`.
    mutating func gradcheck(
        _ value: ResolvedSourcedExpression, wrt: [ResolvedName], outputIndex: Int, range: SourceRange
    ) throws(Diagnostic) {
        var inputs: [TensorValue] = []
        for name in wrt {
            switch slots[name.slot] {
            case .unbound:
                let suggestion = Suggestion.closest(to: name.name, among: boundNames)
                throw EvaluationMessage.gradcheckWrtUnknown(name.name, suggestion: suggestion).at(name.range)
            case .number(let number): inputs.append(TensorValue(scalar: number, dtype: .f64))
            case .tensor(let t), .param(let t):
                let current = try engine(name.range) { try $0.value(t) }
                inputs.append(current.asF64)
            }
        }
        var captured: [(slot: Int, value: TensorValue)] = []
        let inputSlots = Set(wrt.map(\.slot))
        for slot in Self.slotsRead(by: value.expression) where !inputSlots.contains(slot) {
            if let t = slots[slot].tensor {
                captured.append((slot, try engine(range) { try $0.value(t) }.asF64))
            }
        }

        let savedTape = tape
        let savedSlots = slots
        let savedCache = constantCache
        let savedDType = block.defaultDType
        defer {
            tape = savedTape
            slots = savedSlots
            constantCache = savedCache
            block.defaultDType = savedDType
            tapeEpoch += 1
        }
        block.defaultDType = .f64
        tapeEpoch += 1
        var failure: Diagnostic?
        let results: [GradientChecker.InputResult]
        do throws(AutodiffError) {
            results = try GradientChecker.check(at: inputs) { (checkerTape, params) throws(AutodiffError) -> Tensor in
                tape = checkerTape
                tapeEpoch += 1
                constantCache = [:]
                for (slot, value) in captured { slots[slot] = .tensor(checkerTape.constant(value)) }
                for (name, param) in zip(wrt, params) { slots[name.slot] = .tensor(param) }
                do throws(Diagnostic) {
                    return try materialize(try evaluate(value.expression))
                } catch {
                    failure = error
                    throw AutodiffError.invalidArgument(error.message)
                }
            }
        } catch {
            throw failure ?? diagnostic(for: error, at: range)
        }
        let errors = results.map(\.maxRelativeError)
        let worst = errors.max() ?? 0
        let result = GradcheckResult(
            text: value.text, passed: worst <= Self.gradcheckTolerance, maxRelativeError: worst,
            inputNames: wrt.map(\.name), inputErrors: errors, tolerance: Self.gradcheckTolerance, range: range)
        if case .gradcheck(let previous) = previousOutput(outputIndex), !previous.passed { return }
        emit(.gradcheck(result), outputIndex: outputIndex)
    }

    /// Every slot an expression reads.
    static func slotsRead(by expression: ResolvedExpression) -> Set<Int> {
        var found: Set<Int> = []
        var stack = [expression]
        while let e = stack.popLast() {
            switch e {
            case .number, .invalid: break
            case .name(let slot, _): found.insert(slot)
            case .list(let elements, _): stack.append(contentsOf: elements)
            case .negate(let x, _), .grad(let x, _, _), .withConstant(_, let x, _, _, _, _), .transpose(let x, _),
                .shape(let x, _), .cast(let x, _, _):
                stack.append(x)
            case .binary(_, let a, let b, _), .derivative(let a, let b, _, _, _):
                stack.append(a)
                stack.append(b)
            case .call(_, let arguments, let sizes, _):
                stack.append(contentsOf: arguments.compactMap { $0 })
                stack.append(contentsOf: sizes)
            case .index(let base, let indices, _):
                stack.append(base)
                stack.append(contentsOf: indices)
            }
        }
        return found
    }
}

extension TensorValue {
    /// The same elements as f64 (which holds every f32 exactly).
    fileprivate var asF64: TensorValue {
        var copy = self
        copy.dtype = .f64
        return copy
    }
}
