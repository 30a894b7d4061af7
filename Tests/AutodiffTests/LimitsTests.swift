import Autodiff
import Testing

/// SPEC §2.8: clear errors, never a crash; iterative traversal.
@Suite struct LimitsTests {
    @Test func tensorsAboveTenMillionElementsAreRefused() throws {
        let tape = Tape()
        let error = #expect(throws: AutodiffError.tooManyElements(shape: [10_001, 1_000], limit: 10_000_000)) {
            try tape.zeros([10_001, 1_000], dtype: .f32)
        }
        #expect(error?.description == "a tensor of shape 10001×1000 exceeds the limit of 10,000,000 elements")
        #expect(throws: AutodiffError.self) { try tape.ones([Int.max, Int.max], dtype: .f32) }
        #expect(throws: AutodiffError.self) { try tape.zeros([-1], dtype: .f32) }
        #expect(throws: AutodiffError.self) { try tape.arange(0, 1e12, dtype: .f64) }
        let big = try tape.zeros([4_000, 2_000], dtype: .f32)
        let column = try tape.zeros([4_000, 1], dtype: .f32)
        let row = try tape.zeros([1, 2_000], dtype: .f32)
        #expect(try tape.scalarCount(big) == 8_000_000)
        #expect(throws: AutodiffError.tooManyElements(shape: [4_000, 4_000], limit: 10_000_000)) {
            try tape.matmul(column, try tape.reshape(try tape.zeros([4_000], dtype: .f32), [1, 4_000]))
        }
        #expect(throws: AutodiffError.self) {
            try tape.add(try tape.reshape(column, [4_000, 1]), try tape.zeros([1, 4_000], dtype: .f32))
        }
        _ = row
    }

    @Test func shapeErrorsNameBothShapes() throws {
        let tape = Tape()
        let a = try tape.zeros([2, 3], dtype: .f32)
        let b = try tape.zeros([2], dtype: .f32)
        let error = #expect(throws: AutodiffError.shapeMismatch(operation: "+", left: [2, 3], right: [2])) {
            try tape.add(a, b)
        }
        #expect(
            error?.description
                == "shapes 2×3 and 2 do not broadcast in `+` (sizes must be equal or 1, compared from the last dimension)"
        )
        let product = #expect(throws: AutodiffError.self) { try tape.matmul(a, a) }
        #expect(product?.description == "`matmul` of shapes 2×3 and 2×3: the inner sizes 3 and 2 must be equal")
        #expect(throws: AutodiffError.invalidReshape(from: [2, 3], to: [4, 2])) { try tape.reshape(a, [4, 2]) }
        #expect(try tape.shape(try tape.reshape(a, [3, -1])) == [3, 2])
    }

    @Test func indexingFollowsPython() throws {
        let tape = Tape()
        let m = try tape.constant([1, 2, 3, 4, 5, 6], shape: [2, 3], dtype: .f64)
        #expect(try tape.scalars(try tape.index(m, [-1])) == [4, 5, 6])
        #expect(try tape.scalarValue(try tape.index(m, [0, -1])) == 3)
        let error = #expect(throws: AutodiffError.indexOutOfRange(index: 3, dimension: 1, size: 3)) {
            try tape.index(m, [0, 3])
        }
        #expect(error?.description == "index 3 is out of range for dimension 1 of size 3 (valid: -3 to 2)")
        #expect(throws: AutodiffError.tooManyIndices(count: 3, shape: [2, 3])) { try tape.index(m, [0, 0, 0]) }
        #expect(throws: AutodiffError.invalidDimension(operation: "sum", dim: 2, rank: 2)) { try tape.sum(m, dim: 2) }
        #expect(throws: AutodiffError.invalidClassIndex(value: 3, classes: 3)) {
            try tape.crossEntropy(try tape.index(m, [0]), tape.scalar(3, dtype: .f64))
        }
    }

    @Test func reclaimedHandleIsAnErrorNotACrash() throws {
        let tape = Tape()
        let x = tape.scalar(1, dtype: .f32)
        tape.reclaim(keeping: [])
        #expect(throws: AutodiffError.reclaimedValue) { try tape.add(x, x) }
        #expect(throws: AutodiffError.reclaimedValue) { try tape.backward(x) }
    }

    /// A chain of 1,000,000 scalar nodes backpropagates (iteratively): d/dx of x·1^1000000 = 1.
    @Test func millionNodeChain() throws {
        let tape = Tape()
        let x = tape.param(TensorValue(scalar: 0.5, dtype: .f64), name: "x")
        var y = x
        for k in 0..<1_000_000 {
            y = k % 2 == 0 ? try tape.add(y, tape.scalar(1, dtype: .f64)) : try tape.sub(y, tape.scalar(1, dtype: .f64))
        }
        try tape.backward(y)
        #expect(try tape.scalarValue(y) == 0.5)
        #expect(try tape.gradient(of: x)?.scalar == 1)
    }

    /// The recorded (differentiable) path is iterative too: 200,000 tensor nodes.
    @Test func longTensorChainThroughRecordedGradients() throws {
        let tape = Tape()
        let x = tape.param(try TensorValue([1, 2], shape: [2], dtype: .f64), name: "x")
        var y = x
        for _ in 0..<200_000 { y = try tape.mul(y, tape.scalar(1, dtype: .f64)) }
        let g = try tape.grad(of: y, wrt: x)
        #expect(try tape.scalars(g) == [1, 1])
    }
}
