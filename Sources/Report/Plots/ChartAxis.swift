import Foundation

/// One axis of a chart: its range in axis units and its ticks with labels.
///
/// A linear axis runs over data values; a logarithmic one over `log10` of them. Tick values are
/// round numbers built from exact decimal digits (`k × m × 10^e`, m in 1, 2, 5), so their labels
/// never show binary rounding noise.
struct ChartAxis: Equatable {
    struct Tick: Equatable {
        /// Position in axis units (the value, or its `log10` on a logarithmic axis).
        var position: Double
        /// The label (`0.5`, `100`), or the base `10` of a power on a logarithmic axis.
        var label: String
        /// The exponent of a power-of-ten label (`-6` in 10⁻⁶), written raised.
        var superscript: String?
    }

    var lower: Double
    var upper: Double
    var isLogarithmic: Bool
    var ticks: [Tick]
    /// Unlabelled positions between ticks (2×…9× each decade on a logarithmic axis).
    var minorTicks: [Double]

    /// Where a data value lies in axis units, or `nil` if it cannot be drawn on this axis.
    func position(of value: Double) -> Double? {
        guard value.isFinite else { return nil }
        if isLogarithmic {
            guard value > 0 else { return nil }
            return log10(value)
        }
        return value
    }

    /// A linear axis over `low...high` whose ends are ticks, with about 5 to 10 round ticks.
    /// `integerSteps` keeps ticks on whole numbers (an axis of step numbers).
    static func linear(low: Double, high: Double, integerSteps: Bool = false) -> ChartAxis {
        var low = low
        var high = high
        if !(low.isFinite && high.isFinite) {
            low = 0
            high = 1
        }
        if low == high {
            let spread = low == 0 ? 1 : abs(low) * 0.1
            low -= spread
            high += spread
        }
        let step = roundStep(forSpan: high - low, integerSteps: integerSteps)
        let stepValue = step.value
        let first = (low / stepValue).rounded(.down)
        let last = (high / stepValue).rounded(.up)
        guard (high - low).isFinite, last - first <= 100 else {
            // Spans near the limits of Double: label only the two ends.
            let ends = [low, high].map {
                Tick(position: $0, label: formatScalar($0, dtype: .f64, precision: 3), superscript: nil)
            }
            return ChartAxis(lower: low, upper: high, isLogarithmic: false, ticks: ends, minorTicks: [])
        }
        var ticks: [Tick] = []
        let decimals = max(0, -step.exponent)
        var k = first
        while k <= last {
            let label = tickLabel(multiple: k * Double(step.mantissa), exponent: step.exponent, decimals: decimals)
            ticks.append(Tick(position: k * stepValue, label: label, superscript: nil))
            k += 1
        }
        return ChartAxis(
            lower: first * stepValue, upper: last * stepValue, isLogarithmic: false, ticks: ticks, minorTicks: [])
    }

    /// A logarithmic axis over whole decades covering `low...high` (both positive), a tick at each
    /// power of ten (every second or more when there are many decades).
    static func logarithmic(low: Double, high: Double) -> ChartAxis {
        let lowDecade = decimalExponent(of: low)
        var highDecade = decimalExponent(of: high)
        if !isPowerOfTen(high) { highDecade += 1 }
        if highDecade <= lowDecade { highDecade = lowDecade + 1 }
        let decades = highDecade - lowDecade
        let every = max(1, (decades + 7) / 8)
        var ticks: [Tick] = []
        var minor: [Double] = []
        for decade in lowDecade...highDecade {
            if (decade - lowDecade) % every == 0 {
                ticks.append(Tick(position: Double(decade), label: "10", superscript: superscriptText(decade)))
            }
            if every == 1 && decades <= 6 && decade < highDecade {
                for m in 2...9 { minor.append(Double(decade) + log10(Double(m))) }
            }
        }
        return ChartAxis(
            lower: Double(lowDecade), upper: Double(highDecade), isLogarithmic: true, ticks: ticks,
            minorTicks: minor)
    }

    /// A round step `mantissa × 10^exponent` (mantissa 1, 2 or 5) giving at most about 10 ticks.
    static func roundStep(forSpan span: Double, integerSteps: Bool) -> (mantissa: Int, exponent: Int, value: Double) {
        let raw = span / 7
        guard raw > 0, raw.isFinite, let decimal = DecimalNumber(shortest: raw, asFloat: false) else {
            return (1, 0, 1)
        }
        // The leading digits of `raw` decide between 1, 2, 5 and 10 of its power of ten.
        let leading =
            Double(decimal.digits.prefix(3).reduce(0) { $0 * 10 + Int($1) })
            / pow(10, Double(min(3, decimal.digits.count) - 1))
        var mantissa = 1
        var exponent = decimal.exponent
        if leading > 5 {
            mantissa = 1
            exponent += 1
        } else if leading > 2 {
            mantissa = 5
        } else if leading > 1 {
            mantissa = 2
        }
        if integerSteps && exponent < 0 {
            mantissa = 1
            exponent = 0
        }
        return (mantissa, exponent, Double(mantissa) * powerOfTen(exponent))
    }

    /// `multiple × 10^exponent` written with `decimals` digits after the point (`0.50`, `1000`), or
    /// in scientific notation when the numbers are very small or very large.
    static func tickLabel(multiple: Double, exponent: Int, decimals: Int) -> String {
        let isNegative = multiple < 0
        var integer = Int(abs(multiple))
        if integer == 0 { return decimals > 0 && decimals <= 4 ? "0." + String(repeating: "0", count: decimals) : "0" }
        var digits: [UInt8] = []
        while integer > 0 {
            digits.insert(UInt8(integer % 10), at: 0)
            integer /= 10
        }
        let number = DecimalNumber(isNegative: isNegative, digits: digits, exponent: digits.count - 1 + exponent)
        if exponent < -4 || number.exponent >= 7 { return number.text }
        // Fixed notation with a common number of decimals.
        var text = number.text
        let currentDecimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
        if currentDecimals < decimals {
            if currentDecimals == 0 { text += "." }
            text += String(repeating: "0", count: decimals - currentDecimals)
        }
        return text
    }

    /// The power of ten of a positive number's first significant digit, from its exact decimal form.
    static func decimalExponent(of value: Double) -> Int {
        DecimalNumber(shortest: value, asFloat: false)?.exponent ?? 0
    }

    static func isPowerOfTen(_ value: Double) -> Bool {
        DecimalNumber(shortest: value, asFloat: false)?.digits == [1]
    }

    /// `10^exponent` as the double nearest to it (parsed, hence correctly rounded on every machine).
    static func powerOfTen(_ exponent: Int) -> Double {
        Double("1e\(exponent)") ?? 1
    }

    static func superscriptText(_ exponent: Int) -> String {
        exponent < 0 ? "−\(-exponent)" : "\(exponent)"
    }
}
