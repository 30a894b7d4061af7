import Foundation

/// The deterministic generator of `rand` and `randn`: SplitMix64 (Steele, Lea and Flood, 2014).
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The generator's 64-bit state.
    public var state: UInt64

    /// A generator whose state starts at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1): the top 24 bits for f32, the top 53 bits for f64.
    public mutating func nextUniform(_ dtype: DType) -> Double {
        switch dtype {
        case .f32: return Double(next() >> 40) * 0x1p-24
        case .f64: return Double(next() >> 11) * 0x1p-53
        }
    }

    /// A standard normal value by Box–Muller, `sqrt(-2 ln u1) * cos(2π u2)` with `u1` in (0, 1],
    /// computed in `Double` (rounded to `Float` for f32). Each value draws two uniforms of its dtype.
    public mutating func nextNormal(_ dtype: DType) -> Double {
        let u1 = 1 - nextUniform(dtype)
        let u2 = nextUniform(dtype)
        let normal = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
        return dtype == .f32 ? Double(Float(normal)) : normal
    }
}
