import Autodiff
import Foundation
import Testing

/// Scalars read and computed outside the graph (the in-place updates of params). Expected values
/// are written out in Swift `Float` and `Double`.
@Suite struct UnrecordedTests {
    @Test func scalarsAndGradientsOfLiveZeroDimensionalTensors() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 1.1, dtype: .f32), name: "w")
        let v = tape.param(try TensorValue([1, 2], shape: [2], dtype: .f64), name: "v")
        #expect(tape.scalarAndDType(w)?.value == Double(Float(1.1)))
        #expect(tape.scalarAndDType(w)?.dtype == .f32)
        #expect(tape.scalarAndDType(v) == nil)
        #expect(tape.scalarGradient(of: w) == nil)
        // d(w * 3)/dw = 3.
        try tape.backward(try tape.mul(w, tape.scalar(3, dtype: .f32)))
        #expect(tape.scalarGradient(of: w)?.value == 3)
        #expect(tape.scalarGradient(of: w)?.dtype == .f32)
        // A constant is no param: no gradient; a reclaimed handle: nothing.
        let c = tape.scalar(2, dtype: .f64)
        #expect(tape.scalarGradient(of: c) == nil)
        tape.reclaim(keeping: [])
        #expect(tape.scalarAndDType(c) == nil)
    }

    @Test func resultsInEachDType() {
        #expect(Tape.binaryResult(.sub, 0.1, 0.7, dtype: .f32) == Double(Float(0.1) - Float(0.7)))
        #expect(Tape.binaryResult(.sub, 0.1, 0.7, dtype: .f64) == 0.1 - 0.7)
        #expect(Tape.binaryResult(.div, 1, 3, dtype: .f32) == Double(Float(1) / Float(3)))
        #expect(Tape.unaryResult(.neg, 0.25, dtype: .f32) == -0.25)
        #expect(Tape.unaryResult(.powScalar, 1.1, dtype: .f32, attribute: 2) == Double(Float(1.1) * Float(1.1)))
        #expect(Tape.constantValue(0.1, dtype: .f32) == Double(Float(0.1)))
        #expect(Tape.constantValue(0.1, dtype: .f64) == 0.1)
    }

    /// The value is converted to the param's dtype, broadcast to its shape, and the version goes
    /// up (a value computed before is stale for `backward`).
    @Test func updateToAScalar() throws {
        let tape = Tape()
        let w = tape.param(TensorValue(scalar: 1, dtype: .f32), name: "w")
        let v = tape.param(try TensorValue([1, 2], shape: [2], dtype: .f32), name: "v")
        let before = try tape.mul(w, w)
        try tape.update(w, toScalar: 0.1)
        try tape.update(v, toScalar: 0.3)
        #expect(try tape.scalars(w) == [Double(Float(0.1))])
        #expect(try tape.scalars(v) == [Double(Float(0.3)), Double(Float(0.3))])
        #expect(try tape.version(of: w) == 1)
        #expect(throws: AutodiffError.staleValue(param: "w")) { try tape.backward(before) }
        #expect(throws: AutodiffError.notAParam(operation: "in-place update")) {
            try tape.update(tape.scalar(1, dtype: .f32), toScalar: 2)
        }
    }
}
