import Autodiff
import Testing

@testable import GraphLanguage

/// Helpers for interpreter tests: run blocks and pull typed results out of their outcomes.
extension BlockOutcome {
    var checks: [CheckResult] {
        outputs.compactMap { if case .check(let c) = $0 { return c } else { return nil } }
    }
    var shows: [ShowTable] {
        outputs.compactMap { if case .show(let s) = $0 { return s } else { return nil } }
    }
    var logs: [LogTable] {
        outputs.compactMap { if case .log(let l) = $0 { return l } else { return nil } }
    }
    var plots: [Plot] {
        outputs.compactMap { if case .plot(let p) = $0 { return p } else { return nil } }
    }
    var traces: [Trace] {
        outputs.compactMap { if case .trace(let t) = $0 { return t } else { return nil } }
    }
    var diagrams: [Diagram] {
        outputs.compactMap { if case .diagram(let d) = $0 { return d } else { return nil } }
    }
    var gradchecks: [GradcheckResult] {
        outputs.compactMap { if case .gradcheck(let g) = $0 { return g } else { return nil } }
    }

    /// Every failed check, with its text and link values, for readable test failures.
    var failedChecks: [String] {
        checks.filter { !$0.passed }.map { check in
            check.text + " → " + check.links.map { "\($0.text) = \($0.value.scalars)" }.joined(separator: "; ")
        }
    }

    /// The error as `line:column: message`, or `nil`.
    var errorText: String? { error.map { "\($0.range.start): \($0.message)" } }
}

/// Runs `source` in a new session and returns the outcome.
func runBlock(_ source: String, dtype: DType? = nil, sessionDType: DType = .f32) -> BlockOutcome {
    Session(options: SessionOptions(defaultDType: sessionDType)).run(source, options: BlockOptions(dtype: dtype))
}

/// The value shown for `expression` by the block's `show` statements (the last one shown).
func shown(_ outcome: BlockOutcome, _ expression: String) -> Value? {
    outcome.shows.flatMap(\.rows).last { $0.expression == expression }?.value
}
