import Autodiff
import Foundation
import Testing

/// PyTorch's gradient semantics (SPEC §2.5): accumulation, zeroing, params only, detach, versions.
@Suite struct GradientSemanticsTests {
    /// `loss = (w*x - y)^2` at w = 1, x = 1, y = 2: d(loss)/dw = 2(w x - y) x = -2 by hand.
    func lossOfOneSample(_ tape: Tape, _ w: Tensor) throws -> Tensor {
        try tape.pow(try tape.sub(try tape.mul(w, tape.scalar(1, dtype: .f32)), tape.scalar(2, dtype: .f32)), 2)
    }

    @Test func gradientIsEmptyBeforeBackward() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 1, dtype: .f32), name: "w")
        #expect(try tape.gradient(of: w) == nil)
        #expect(try tape.gradientTensor(of: w) == nil)
    }

    @Test func twoBackwardCallsAccumulate() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 1, dtype: .f32), name: "w")
        try tape.backward(try lossOfOneSample(tape, w))
        #expect(try tape.gradient(of: w)?.scalar == -2)
        try tape.backward(try lossOfOneSample(tape, w))
        #expect(try tape.gradient(of: w)?.scalar == -4)
    }

    @Test func zeroGradSetsZerosForAllOrNamedParams() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 1, dtype: .f32), name: "w")
        let b = tape.param(try TensorValue([1, 2], shape: [2], dtype: .f32), name: "b")
        try tape.backward(try tape.add(try lossOfOneSample(tape, w), try tape.sum(b)))
        try tape.zeroGrad([w])
        #expect(try tape.gradient(of: w)?.scalar == 0)
        #expect(try tape.gradient(of: b)?.scalars == [1, 1])
        try tape.zeroGrad()
        #expect(try tape.gradient(of: b)?.scalars == [0, 0])
        try tape.clearGrad(b)
        #expect(try tape.gradient(of: b) == nil)
    }

    @Test func backwardWritesOnlyIntoParams() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 3, dtype: .f64), name: "w")
        let c = tape.scalar(2, dtype: .f64)
        let y = try tape.mul(w, c)
        try tape.backward(y)
        #expect(try tape.gradient(of: w)?.scalar == 2)
        #expect(throws: AutodiffError.notAParam(operation: ".grad")) { try tape.gradient(of: c) }
        #expect(throws: AutodiffError.notAParam(operation: ".grad")) { try tape.gradient(of: y) }
    }

    /// `detach` cuts the graph: y = w * detach(w) has dy/dw = detach(w) = 3, not 2w = 6.
    @Test func detachCutsTheGraph() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 3, dtype: .f64), name: "w")
        let y = try tape.mul(w, try tape.detach(w))
        try tape.backward(y)
        #expect(try tape.gradient(of: w)?.scalar == 3)
        #expect(try tape.kind(try tape.detach(w)) == .constant)
    }

    @Test func nonScalarBackwardNeedsAGradient() throws {
        let tape = Tape()
        let q = tape.param(try TensorValue([0, 0, 1, 2], shape: [2, 2], dtype: .f32), name: "q")
        let r = try tape.pow(q, 2)
        let error = #expect(throws: AutodiffError.self) { try tape.backward(r) }
        #expect(
            error?.description
                == "backward of a value of shape 2×2 needs a gradient of the same shape, e.g. `backward y, ones(2, 2)`,"
                + " or reduce it to a scalar first (`backward sum(y)`)")
        #expect(throws: AutodiffError.gradientShapeMismatch(root: [2, 2], gradient: [2])) {
            try tape.backward(r, gradient: try tape.ones([2], dtype: .f32))
        }
        // seed 003: y = x^2 - 2x + 1 at [[0, 0], [1, 2]] with gradient ones: x.grad = [[-2, -2], [0, 2]].
        let y = try tape.add(
            try tape.sub(r, try tape.mul(tape.scalar(2, dtype: .f32), q)), tape.scalar(1, dtype: .f32))
        try tape.backward(y, gradient: try tape.ones([2, 2], dtype: .f32))
        #expect(try tape.gradient(of: q)?.scalars == [-2, -2, 0, 2])
    }

    @Test func oneElementTensorBackwardNeedsNoGradient() throws {
        let tape = Tape()
        let w = tape.param(try TensorValue([2], shape: [1], dtype: .f32), name: "w")
        try tape.backward(try tape.mul(w, w))
        #expect(try tape.gradient(of: w)?.scalars == [4])
    }

    @Test func staleValueAfterInPlaceUpdate() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 1, dtype: .f32), name: "w")
        let old = try lossOfOneSample(tape, w)
        try tape.update(w, to: try tape.sub(w, tape.scalar(0.5, dtype: .f32)))
        #expect(try tape.version(of: w) == 1)
        #expect(try tape.scalarValue(w) == 0.5)
        let error = #expect(throws: AutodiffError.staleValue(param: "w")) { try tape.backward(old) }
        #expect(error?.description.contains("older w") == true)
        #expect(throws: AutodiffError.staleValue(param: "w")) { try tape.grad(of: old, wrt: w) }
        // A value computed from the new version is fine: 2(0.5 - 2) = -3.
        try tape.backward(try lossOfOneSample(tape, w))
        #expect(try tape.gradient(of: w)?.scalar == -3)
    }

    @Test func updateBroadcastsAndKeepsDtype() throws {
        let tape = Tape()
        let w = tape.param(try TensorValue([1, 2], shape: [2], dtype: .f32), name: "w")
        try tape.update(w, to: tape.scalar(0.1, dtype: .f64))
        #expect(try tape.value(w) == TensorValue([0.1, 0.1], shape: [2], dtype: .f32))
        #expect(throws: AutodiffError.shapeMismatch(operation: "in-place update", left: [2], right: [3])) {
            try tape.update(w, to: try tape.zeros([3], dtype: .f32))
        }
        #expect(throws: AutodiffError.notAParam(operation: "in-place update")) {
            try tape.update(try tape.zeros([2], dtype: .f32), to: w)
        }
    }

    /// Mixing f32 and f64 promotes to f64; the f32 param's gradient stays f32.
    @Test func promotionAndGradientDtype() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 0.1, dtype: .f32), name: "w")
        let y = try tape.mul(w, tape.scalar(3, dtype: .f64))
        #expect(try tape.dtype(y) == .f64)
        #expect(try tape.scalarValue(y) == Double(Float(0.1)) * 3)
        try tape.backward(y)
        #expect(try tape.gradient(of: w) == TensorValue(scalar: 3, dtype: .f32))
    }

    @Test func reclaimFreesWhatNobodyHolds() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 2, dtype: .f64), name: "w")
        var y = w
        for _ in 0..<100 { y = try tape.mul(y, tape.scalar(1.5, dtype: .f64)) }
        let dropped = try tape.add(w, w)
        let before = tape.nodeCount
        tape.reclaim(keeping: [y])
        #expect(tape.nodeCount == before - 1)
        #expect(throws: AutodiffError.reclaimedValue) { try tape.value(dropped) }
        try tape.backward(y)
        #expect(try tape.gradient(of: w)?.scalar == Foundation.pow(1.5, 100))
        tape.reclaim(keeping: [])
        #expect(tape.nodeCount == 1)
        #expect(try tape.scalarValue(w) == 2)
        // Freed slots are reused, and old handles stay invalid.
        let z = try tape.mul(w, w)
        #expect(try tape.scalarValue(z) == 4)
        #expect(throws: AutodiffError.reclaimedValue) { try tape.value(y) }
    }
}
