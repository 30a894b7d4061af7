import Autodiff
import Testing

@testable import GraphLanguage

/// Messages as the lesson authors asked for them: sizes and limits that read the same way,
/// integers without `.0`, shapes written as the engine writes them, and dedicated messages
/// for gradcheck and the optimizers. Each message is stated in full.
@Suite struct InterpreterMessageTests {
    func error(_ source: String, options: BlockOptions = BlockOptions()) -> String? {
        Session().run(source, options: options).errorText
    }

    // MARK: trace and diagram of a graph too large

    /// `param w` plus one `+` node per iteration: 1 + 300 = 301 nodes (counted by hand), not the
    /// 201 where counting used to stop; past 10,000 nodes the message says "more than".
    @Test func graphTooLargeGivesTheRealNodeCount() {
        let source = """
            param w = 1
            y = w
            for i in range(300):
                y = y + w
            trace y
            """
        #expect(
            error(source)
                == "5:1: trace shows graphs of up to 200 nodes, and this one has 301; trace a smaller expression")
        let longer = source.replacingOccurrences(of: "range(300)", with: "range(1500)")
            .replacingOccurrences(of: "trace y", with: "diagram y")
        #expect(
            error(longer)
                == "5:1: diagram shows graphs of up to 200 nodes, and this one has 1,501; diagram a smaller expression")
        let huge = source.replacingOccurrences(of: "range(300)", with: "range(20000)")
        #expect(
            error(huge)
                == "5:1: trace shows graphs of up to 200 nodes, and this one has more than 10,000; trace a smaller "
                + "expression")
        let justCounted = source.replacingOccurrences(of: "range(300)", with: "range(9999)")
        #expect(
            error(justCounted)
                == "5:1: trace shows graphs of up to 200 nodes, and this one has 10,000; trace a smaller expression")
        // 1 + 199 = 200 nodes: at the limit, shown.
        let atLimit = source.replacingOccurrences(of: "range(300)", with: "range(199)")
        #expect(error(atLimit) == nil)
    }

    // MARK: Numbers in messages

    @Test func classIndicesReadAsIntegers() {
        #expect(
            error("l = cross_entropy([1, 2, 3], 3)") == "1:5: class index 3 is not an integer from 0 to 2")
        #expect(
            error("l = cross_entropy([1, 2, 3], -1)") == "1:5: class index -1 is not an integer from 0 to 2")
        #expect(
            error("l = cross_entropy([1, 2, 3], 1.5)") == "1:5: class index 1.5 is not an integer from 0 to 2")
    }

    /// Every limit prints with thousands separators, as SPEC §2.8 writes them.
    @Test func limitsReadTheSameWay() {
        #expect(
            error("big = ones(10001, 1000)")
                == "1:7: a tensor of shape 10001×1000 exceeds the limit of 10,000,000 elements")
        #expect(
            error("s = 0\nfor i in range(5000):\n    s = s + i", options: BlockOptions(statementLimit: 1_500))
                == "3:5: this block ran more than 1,500 statements, the limit for one block; does a loop run "
                + "longer than intended?")
    }

    // MARK: gradcheck and step

    @Test func gradcheckOfAnUnknownNameHasItsOwnMessage() {
        #expect(
            error("gradcheck 3 wrt nothere")
                == "1:17: gradcheck ... wrt `nothere`: no value is named `nothere`; after `wrt`, name params or "
                + "variables of the scope")
        #expect(
            error("param weight = 2\ngradcheck weight^2 wrt weigth")
                == "2:24: gradcheck ... wrt `weigth`: no value is named `weigth`; did you mean `weight`?")
        // An unknown name inside the expression is the ordinary message.
        #expect(error("param w = 2\ngradcheck v * w wrt w") == "2:11: unknown name `v`")
    }

    @Test func aStepWithoutALearningRateTeachesOne() {
        #expect(error("param w = 1\nstep sgd(momentum=0.9)") == "2:1: sgd needs a learning rate: `step sgd(lr=0.01)`")
        #expect(error("param w = 1\nstep adam(beta1=0.8)") == "2:1: adam needs a learning rate: `step adam(lr=0.01)`")
        #expect(error("param w = 1\nstep sgd()") == "2:1: sgd needs a learning rate: `step sgd(lr=0.01)`")
        // The learning rate may be positional: w = 1 - 0.5 * 2 = 0.
        let outcome = Session().run("param w = 1\nbackward w^2\nstep sgd(0.5)\nshow w", options: BlockOptions())
        #expect(outcome.error == nil)
        #expect(shown(outcome, "w") == Value(scalar: 0, dtype: .f32))
    }

    // MARK: Shapes in words

    /// Shapes read `3`, `2×3` after the word "shape", in the interpreter's messages and the
    /// engine's alike; a 0-d value is "a scalar".
    @Test func shapesReadAsTheEngineWritesThem() {
        #expect(
            error("param w = 1\nw -= [1, 2]")
                == "2:1: cannot update w in place: w is a scalar, and the updated value would have shape 2")
        #expect(
            error("param w = [1, 2]\nw -= [[1, 2], [3, 4]]")
                == "2:1: cannot update w in place: w has shape 2, and the updated value would have shape 2×2")
        #expect(
            error("x = zeros(2)\nfor i in range(x):\n    show i")
                == "2:1: the end of range(...) must be a number, not a value of shape 2")
        #expect(
            error("param v = [1, 2]\ntrace v * 2")
                == "2:1: trace needs a scalar, but `v * 2` has shape 2; trace sum(v * 2) or mean(v * 2)")
        #expect(
            error("for i in range(2):\n    v = [i, i]\n    log v\nplot v")
                == "4:6: cannot plot `v`: its logged values have shape 2, not numbers; log a number such as `mean(v)`")
        #expect(
            error("check [1, 2] = [1, 2, 3]")
                == "1:1: check compares `[1, 2]` (shape 2) with `[1, 2, 3]` (shape 3): the shapes do not broadcast")
        #expect(
            error("d = dot([1, 2, 3], [1, 2])")
                == "1:5: `dot` of shapes 3 and 2: both must be vectors of the same length")
        #expect(error("x = 3\nshow x[0]") == "2:6: 1 index for a scalar, which has no dimensions to index")
        #expect(
            error("x = [1, 2]\nshow x[0, 1]") == "2:6: 2 indices for a value of shape 2 with 1 dimension")
        #expect(
            error("x = reshape([1, 2, 3], 2)")
                == "1:5: cannot reshape a value of shape 3 to shape 2: the element counts differ")
    }

    // MARK: Sizes given as a shape

    @Test func sizesThatAreNotAShape() {
        #expect(
            error("x = [[1, 2], [3, 4]]\ny = zeros(x)")
                == "2:5: zeros(d1, d2, ...) takes whole numbers, or one shape such as `x.shape`, not a value of "
                + "shape 2×2")
        #expect(
            error("m = [[1, 2], [3, 4]]\ny = full(1, 2, m.shape)")
                == "2:5: full(value, d1, d2, ...) takes whole numbers, or one shape such as `x.shape`, not a value "
                + "of shape 2")
        #expect(
            error("x = [1, 2, 3]\ny = ones(2, x)")
                == "2:5: ones(d1, d2, ...) takes whole numbers, or one shape such as `x.shape`, not a value of "
                + "shape 3")
        #expect(error("y = zeros([2.5, 1])") == "1:5: a size of zeros must be a whole number, not 2.5")
    }
}
