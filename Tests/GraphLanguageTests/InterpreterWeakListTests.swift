import Autodiff
import Testing

@testable import GraphLanguage

/// A list of plain numbers is weak like a number literal: it takes the dtype of the tensor it
/// meets (an operator, a two-argument function, a check chain, backward's gradient), and the
/// default dtype alone. Expected values are Swift `Double` and `Float` literals and arithmetic.
@Suite struct InterpreterWeakListTests {
    func f32s(_ values: [Double], shape: [Int]) -> Value {
        Value(dtype: .f32, shape: shape, scalars: values.map { Double(Float($0)) })
    }

    /// The authors' case: in an f32 lesson, an f64 result checked against a list compares at f64.
    @Test func aListInAnF64CheckChainIsF64() {
        let outcome = runBlock("h = [0.5, 1] as f64\ncheck h + 0.1 = [0.6, 1.1]")
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(outcome.failedChecks == [])
        #expect(outcome.checks.first?.links.last?.value == Value(dtype: .f64, shape: [2], scalars: [0.6, 1.1]))
        #expect(outcome.checks.first?.relativeTolerance == 1e-9)
    }

    @Test func negatedAndNestedListsAreWeakToo() {
        let source = """
            h = [0.1, 0.2] as f64
            check -h = -[0.1, 0.2]
            check [h, h] = [[0.1, 0.2], [0.1, 0.2]]
            check [h, -h] = [[0.1, 0.2], -[0.1, 0.2]]
            for i in range(1, 3):
                check h * i = [0.1 * i, 0.2 * i]
            """
        let outcome = runBlock(source)
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(outcome.checks.count == 4)
        #expect(outcome.failedChecks == [])
        #expect(
            outcome.checks[1].links[1].value
                == Value(dtype: .f64, shape: [2, 2], scalars: [0.1, 0.2, 0.1, 0.2]))
    }

    @Test func aListTakesTheDTypeOfTheTensorItMeets() {
        let source = """
            h = [0.3, 0.5] as f64
            show h - [0.1, 0.2], [0.1, 0.2] * h, mse(h, [0.1, 0.2])
            """
        let outcome = runBlock(source)
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(shown(outcome, "h - [0.1, 0.2]") == Value(dtype: .f64, shape: [2], scalars: [0.3 - 0.1, 0.5 - 0.2]))
        #expect(shown(outcome, "[0.1, 0.2] * h") == Value(dtype: .f64, shape: [2], scalars: [0.1 * 0.3, 0.2 * 0.5]))
        let mse = shown(outcome, "mse(h, [0.1, 0.2])")
        let expected = ((0.3 - 0.1) * (0.3 - 0.1) + (0.5 - 0.2) * (0.5 - 0.2)) / 2
        #expect(mse?.dtype == .f64)
        #expect(abs((mse?.scalars.first ?? 0) - expected) <= 1e-16)
    }

    /// `as f64` converts the literal itself, as it does for a number: `[0.1] as f64` is 0.1.
    @Test func castOfAListConvertsTheLiterals() {
        let outcome = runBlock("show [0.1, 0.7] as f64, 0.1 as f64")
        #expect(shown(outcome, "[0.1, 0.7] as f64") == Value(dtype: .f64, shape: [2], scalars: [0.1, 0.7]))
    }

    /// Alone, or with only plain numbers to meet, a list is a tensor of the default dtype, as
    /// `torch.tensor([...])` is: `[0.1, 0.2] * 3` is computed in f32.
    @Test func aListAloneHasTheDefaultDType() {
        let outcome = runBlock("x = [0.1, 0.2]\nshow x, [0.1, 0.2], [0.1, 0.2] * 3, 3 * [0.1, 0.2], sum([0.1, 0.2])")
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(shown(outcome, "x") == f32s([0.1, 0.2], shape: [2]))
        #expect(shown(outcome, "[0.1, 0.2]") == f32s([0.1, 0.2], shape: [2]))
        let times3 = Value(dtype: .f32, shape: [2], scalars: [Double(Float(0.1) * 3), Double(Float(0.2) * 3)])
        #expect(shown(outcome, "[0.1, 0.2] * 3") == times3)
        #expect(shown(outcome, "3 * [0.1, 0.2]") == times3)
        #expect(shown(outcome, "sum([0.1, 0.2])") == Value(scalar: Double(Float(0.1) + Float(0.2)), dtype: .f32))
        let f64Block = runBlock("show [0.1, 0.2]", dtype: .f64)
        #expect(shown(f64Block, "[0.1, 0.2]") == Value(dtype: .f64, shape: [2], scalars: [0.1, 0.2]))
    }

    /// A list with a tensor element has its tensor elements' dtype, and its plain numbers are
    /// exact in it (as before: only lists of plain numbers changed).
    @Test func aListWithATensorElementIsATensor() {
        let outcome = runBlock("h = 0.5 as f64\nshow [h, 0.1], [[0.1, 0.2], [h, 0.3]]")
        #expect(shown(outcome, "[h, 0.1]") == Value(dtype: .f64, shape: [2], scalars: [0.5, 0.1]))
        #expect(
            shown(outcome, "[[0.1, 0.2], [h, 0.3]]")
                == Value(dtype: .f64, shape: [2, 2], scalars: [0.1, 0.2, 0.5, 0.3]))
    }

    /// backward's gradient takes the value's dtype: d(sum(v * 2 * g))/dv = 2g, exact when doubled.
    @Test func backwardsGradientListTakesTheValuesDType() {
        let outcome = runBlock("param v = [1, 2] as f64\nbackward v * 2, [0.1, 0.3]\nshow v.grad")
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(shown(outcome, "v.grad") == Value(dtype: .f64, shape: [2], scalars: [0.2, 0.6]))
    }

    /// A param's update by a list takes the param's dtype: 1 - 0.1 in f64.
    @Test func anUpdateByAListTakesTheParamsDType() {
        let outcome = runBlock("param w = [1, 1] as f64\nw -= [0.1, 0.7]\nshow w")
        #expect(shown(outcome, "w") == Value(dtype: .f64, shape: [2], scalars: [1 - 0.1, 1 - 0.7]))
    }

    /// Loops, indexing, shapes and lengths work on plain lists as on tensors.
    @Test func listsStillLoopIndexAndMeasure() {
        let source = """
            s = 0
            for row in [[1, 2], [3, 4]]:
                s = s + sum(row)
            show s, [[1, 2], [3, 4]][1], [1, 2, 3].shape, len([1, 2, 3]), [[1, 2], [3, 4]].T
            """
        let outcome = runBlock(source)
        #expect(outcome.error == nil, "\(outcome.errorText ?? "")")
        #expect(shown(outcome, "s") == Value(scalar: 10, dtype: .f32))
        #expect(shown(outcome, "[[1, 2], [3, 4]][1]") == f32s([3, 4], shape: [2]))
        #expect(shown(outcome, "[1, 2, 3].shape") == f32s([3], shape: [1]))
        #expect(shown(outcome, "len([1, 2, 3])") == Value(scalar: 3, dtype: .f32))
        #expect(shown(outcome, "[[1, 2], [3, 4]].T") == f32s([1, 3, 2, 4], shape: [2, 2]))
    }

    @Test func raggedPlainListsAreStillAnError() {
        #expect(
            runBlock("x = [[1, 2], [3]]\ny = x + 1").errorText
                == "1:5: ragged list: element 2 has shape 1 but element 1 has shape 2; every element of a list must "
                + "have the same shape")
    }
}
