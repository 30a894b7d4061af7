#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// The share of the data's span added below and above it, so that no point lies on the frame.
    static let margin = 0.04

    /// A linear axis over `low...high` plus a margin, with round ticks (about 4 to 8) inside it.
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
        // Halved before subtracting, so that spans near Double's limits do not overflow.
        let padding = (high * 0.5 - low * 0.5) * 2 * margin
        let lower = low - padding
        let upper = high + padding
        let step = roundStep(forSpan: upper - lower, integerSteps: integerSteps)
        let stepValue = step.value
        let first = (lower / stepValue).rounded(.up)
        let last = (upper / stepValue).rounded(.down)
        guard (upper - lower).isFinite, first <= last, last - first <= 100 else {
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
        return ChartAxis(lower: lower, upper: upper, isLogarithmic: false, ticks: ticks, minorTicks: [])
    }

    /// A logarithmic axis over `log10(low)...log10(high)` (both positive) plus a margin, with a tick
    /// at each power of ten inside it (at every second, third, ... power when there are more than
    /// 8 decades, always including 10⁰ when it is in range), and unlabelled minor ticks at 2…9
    /// times each power when there are at most 6 decades.
    static func logarithmic(low: Double, high: Double) -> ChartAxis {
        let lowLog = log10(low)
        var highLog = log10(high)
        if !(highLog > lowLog) { highLog = lowLog + 1 }
        let padding = (highLog - lowLog) * margin
        let lower = lowLog - padding
        let upper = highLog + padding
        let firstDecade = Int(lower.rounded(.up))
        let lastDecade = Int(upper.rounded(.down))
        let decades = max(1, lastDecade - firstDecade)
        let every = max(1, (decades + 7) / 8)
        var ticks: [Tick] = []
        var minor: [Double] = []
        if firstDecade <= lastDecade {
            for decade in firstDecade...lastDecade where decade % every == 0 {
                ticks.append(Tick(position: Double(decade), label: "10", superscript: superscriptText(decade)))
            }
        }
        if every == 1 && decades <= 6 {
            for decade in (firstDecade - 1)...lastDecade {
                for m in 2...9 {
                    let position = Double(decade) + log10(Double(m))
                    if position >= lower && position <= upper { minor.append(position) }
                }
            }
        }
        return ChartAxis(lower: lower, upper: upper, isLogarithmic: true, ticks: ticks, minorTicks: minor)
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

    /// `10^exponent` as the double nearest to it (parsed, hence correctly rounded on every machine).
    static func powerOfTen(_ exponent: Int) -> Double {
        Double("1e\(exponent)") ?? 1
    }

    static func superscriptText(_ exponent: Int) -> String {
        exponent < 0 ? "−\(-exponent)" : "\(exponent)"
    }
}
