import Autodiff
import Foundation
import Testing

/// Constructors and the deterministic generator (SPEC §2.4).
@Suite struct ConstructorTests {
    /// SplitMix64 from seed 0: the reference outputs of Vigna's `splitmix64.c`.
    @Test func splitMix64ReferenceOutputs() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    /// `rand` takes the top 24 (f32) or 53 (f64) bits of each output; `randn` is Box–Muller on
    /// two uniforms, `sqrt(-2 ln(1 - u1)) * cos(2π u2)`.
    @Test func randAndRandnFromTheSeed() throws {
        let outputs: [UInt64] = [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F]
        let tape = Tape(seed: 0)
        let uniform32 = try tape.scalars(try tape.rand([2], dtype: .f32))
        #expect(uniform32 == outputs.prefix(2).map { Double($0 >> 40) / 16_777_216 })
        tape.random = SplitMix64(seed: 0)
        let uniform64 = try tape.scalars(try tape.rand([3], dtype: .f64))
        #expect(uniform64 == outputs.map { Double($0 >> 11) / 9_007_199_254_740_992 })
        tape.random = SplitMix64(seed: 0)
        let normal = try tape.scalars(try tape.randn([1], dtype: .f64))
        let u1 = 1 - uniform64[0]
        let u2 = uniform64[1]
        #expect(normal == [(-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)])
        // The same seed gives the same tensor; another seed another.
        let again = Tape(seed: 0)
        #expect(try again.scalars(try again.rand([2], dtype: .f32)) == uniform32)
        let other = Tape(seed: 1)
        #expect(try other.scalars(try other.rand([2], dtype: .f32)) != uniform32)
        #expect(try tape.dtype(try tape.randn([2, 2], dtype: .f32)) == .f32)
    }

    @Test func randomValuesHaveTheRightRange() throws {
        let tape = Tape(seed: 42)
        let uniform = try tape.scalars(try tape.rand([10_000], dtype: .f32))
        #expect(uniform.allSatisfy { $0 >= 0 && $0 < 1 })
        let normal = try tape.scalars(try tape.randn([10_000], dtype: .f64))
        let mean = normal.reduce(0, +) / Double(normal.count)
        let variance = normal.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(normal.count)
        #expect(Swift.abs(mean) < 0.05)
        #expect(Swift.abs(variance - 1) < 0.05)
    }

    @Test func filledTensors() throws {
        let tape = Tape()
        #expect(
            try tape.value(try tape.zeros([2, 3], dtype: .f32))
                == TensorValue([0, 0, 0, 0, 0, 0], shape: [2, 3], dtype: .f32))
        #expect(try tape.scalars(try tape.ones([2], dtype: .f64)) == [1, 1])
        #expect(
            try tape.value(try tape.full(0.1, [2], dtype: .f32)) == TensorValue([0.1, 0.1], shape: [2], dtype: .f32))
        #expect(try tape.scalars(try tape.full(0.1, [], dtype: .f32)) == [Double(Float(0.1))])
        #expect(try tape.scalars(try tape.eye(2, dtype: .f64)) == [1, 0, 0, 1])
        #expect(try tape.shape(try tape.eye(2, 3, dtype: .f64)) == [2, 3])
        #expect(try tape.scalars(try tape.eye(2, 3, dtype: .f64)) == [1, 0, 0, 0, 1, 0])
        #expect(try tape.scalars(try tape.arange(5, 0, step: -2, dtype: .f64)) == [5, 3, 1])
        #expect(try tape.scalarCount(try tape.arange(3, 3, dtype: .f64)) == 0)
        #expect(try tape.scalars(try tape.linspace(2, 3, count: 1, dtype: .f64)) == [2])
        #expect(try tape.scalars(try tape.linspace(0, 1, count: 5, dtype: .f64)) == [0, 0.25, 0.5, 0.75, 1])
        #expect(throws: AutodiffError.self) { try tape.arange(0, 1, step: 0, dtype: .f64) }
        #expect(throws: AutodiffError.self) { try tape.linspace(0, 1, count: -1, dtype: .f64) }
        #expect(throws: AutodiffError.elementCountMismatch(shape: [2, 2], count: 3)) {
            try tape.constant([1, 2, 3], shape: [2, 2], dtype: .f32)
        }
    }
}
