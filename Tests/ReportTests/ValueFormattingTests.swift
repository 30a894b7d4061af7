import Autodiff
import GraphLanguage
import Testing

@testable import Report

/// SPEC §2.6. Expected strings are written by hand: the shortest decimal that reads back as the
/// same Float or Double (checked against the literal's own rounding), integers without `.0`.
@Suite struct ValueFormattingTests {
    @Test(arguments: [
        // -7.840000152587891 is the exact Double of Float(-7.84).
        (-7.840000152587891, "-7.84"),
        (Double(Float(0.6529689)), "0.6529689"),
        (Double(Float(0.1)), "0.1"),
        (36, "36"),
        (-2, "-2"),
        (0, "0"),
        (-0.0, "-0"),
        (Double(Float(16777217)), "16777216"),  // 2^24 + 1 is not a Float: it rounds to 2^24.
        (0.952242374420166, "0.9522424"),
        (Double(Float(1e-12)), "1e-12"),
        (Double(Float(3.4028235e38)), "3.4028235e+38"),
    ])
    func f32Scalars(value: Double, expected: String) {
        #expect(formatScalar(value, dtype: .f32) == expected)
    }

    @Test(arguments: [
        (-7.840000152587891, "-7.840000152587891"),
        (Double(Float(0.1)), "0.10000000149011612"),
        (0.1, "0.1"),
        (1e-12, "1e-12"),
        (2.5e20, "2.5e+20"),
        (1e16, "1e+16"),
        (1e15, "1000000000000000"),
        (123456.5, "123456.5"),
        (0.0001, "0.0001"),
        (0.00001, "1e-5"),
        (0.00012, "0.00012"),
        (-3.5e-7, "-3.5e-7"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (0.9999999333008083, "0.9999999333008083"),
    ])
    func f64Scalars(value: Double, expected: String) {
        #expect(formatScalar(value, dtype: .f64) == expected)
    }

    @Test func nanAndInfinities() {
        for dtype in DType.allCases {
            #expect(formatScalar(.nan, dtype: dtype) == "nan")
            #expect(formatScalar(.infinity, dtype: dtype) == "inf")
            #expect(formatScalar(-.infinity, dtype: dtype) == "-inf")
        }
        // A Double too large for a Float is infinite at f32.
        #expect(formatScalar(1e39, dtype: .f32) == "inf")
    }

    @Test(arguments: [
        (3.14159265, 3, "3.14"),
        (2.5, 1, "3"),  // halves round away from zero
        (-2.5, 1, "-3"),
        (9.995, 3, "10"),  // the carry adds a digit
        (0.00012345, 2, "0.00012"),
        (123456, 2, "120000"),
        (1.25e-7, 2, "1.3e-7"),
        (99999, 1, "100000"),
        (1, 3, "1"),  // no trailing zeros
        (-7.840000152587891, 2, "-7.8"),
        (0.952242374420166, 4, "0.9522"),
    ])
    func precision(value: Double, digits: Int, expected: String) {
        #expect(formatScalar(value, dtype: .f64, precision: digits) == expected)
    }

    @Test func precisionRoundsTheF32ShortestDecimal() {
        // Float(0.15) is 0.1500000059604645 exactly; its shortest f32 form 0.15 rounds half away to 0.2.
        #expect(formatScalar(Double(Float(0.15)), dtype: .f32, precision: 1) == "0.2")
        #expect(formatScalar(Double(Float(0.1)), dtype: .f32, precision: 2) == "0.1")
    }

    @Test func tensors() {
        #expect(formatValue(Value(dtype: .f32, shape: [2], scalars: [36, 81]), precision: nil) == "[36, 81]")
        #expect(
            formatValue(Value(dtype: .f32, shape: [2, 2], scalars: [-2, -2, 0, 2]), precision: nil)
                == "[[-2, -2], [0, 2]]")
        #expect(formatValue(Value(dtype: .f32, shape: [1], scalars: [5]), precision: nil) == "[5]")
        #expect(formatValue(Value(dtype: .f64, shape: [0], scalars: []), precision: nil) == "[]")
        #expect(formatValue(Value(dtype: .f64, shape: [2, 0], scalars: []), precision: nil) == "[[], []]")
        #expect(formatValue(Value(scalar: -7.840000152587891, dtype: .f32), precision: nil) == "-7.84")
        let thirds = Value(dtype: .f64, shape: [2], scalars: [1.0 / 3, -2.0 / 3])
        #expect(formatValue(thirds, precision: 3) == "[0.333, -0.667]")
        #expect(formatValue(thirds, precision: nil) == "[0.3333333333333333, -0.6666666666666666]")
    }

    @Test func longDimensionsShowThreeAtEachEnd() {
        let ten = Value(dtype: .f32, shape: [10], scalars: (0..<10).map(Double.init))
        #expect(formatValue(ten, precision: nil) == "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]")
        let eleven = Value(dtype: .f32, shape: [11], scalars: (0..<11).map(Double.init))
        #expect(formatValue(eleven, precision: nil) == "[0, 1, 2, …, 8, 9, 10]")
        let tall = Value(dtype: .f32, shape: [11, 2], scalars: (0..<22).map(Double.init))
        #expect(
            formatValue(tall, precision: nil) == "[[0, 1], [2, 3], [4, 5], …, [16, 17], [18, 19], [20, 21]]")
        let wide = Value(dtype: .f64, shape: [2, 12], scalars: (0..<24).map(Double.init))
        #expect(
            formatValue(wide, precision: nil)
                == "[[0, 1, 2, …, 9, 10, 11], [12, 13, 14, …, 21, 22, 23]]")
    }
}
