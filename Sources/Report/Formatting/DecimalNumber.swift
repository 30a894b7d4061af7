/// A finite number as decimal digits: `digits[0].digits[1...] × 10^exponent`, with no leading or
/// trailing zeros (zero has no digits).
///
/// Built from Swift's shortest round-trip `description` of a `Float` or `Double` (which is
/// locale-independent), then rounded and written by this type alone, so that every machine prints
/// the same characters.
struct DecimalNumber: Equatable {
    var isNegative: Bool
    /// Decimal digits 0...9, the first one non-zero; empty for zero.
    var digits: [UInt8]
    /// The power of ten of the first digit.
    var exponent: Int

    /// The shortest decimal that reads back as `value` at `dtype`; `nil` for nan and infinities.
    init?(shortest value: Double, asFloat: Bool) {
        guard value.isFinite else { return nil }
        let text = asFloat ? Float(value).description : value.description
        self.init(parsing: text)
    }

    /// Parses the forms Swift's `description` writes: `-7.84`, `16777216.0`, `1e-05`, `2.5e+20`.
    init?(parsing text: String) {
        var characters = Substring(text)
        isNegative = characters.first == "-"
        if isNegative { characters = characters.dropFirst() }
        var mantissa = characters
        var powerOfTen = 0
        if let e = characters.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = characters[..<e]
            guard let p = Int(characters[characters.index(after: e)...]) else { return nil }
            powerOfTen = p
        }
        var all: [UInt8] = []
        var integerDigits = 0
        var seenPoint = false
        for c in mantissa {
            if c == "." {
                seenPoint = true
                continue
            }
            guard let d = c.wholeNumberValue, c.isASCII else { return nil }
            all.append(UInt8(d))
            if !seenPoint { integerDigits += 1 }
        }
        guard let firstNonZero = all.firstIndex(where: { $0 != 0 }) else {
            digits = []
            exponent = 0
            return
        }
        let lastNonZero = all.lastIndex(where: { $0 != 0 }) ?? firstNonZero
        digits = Array(all[firstNonZero...lastNonZero])
        exponent = integerDigits - 1 - firstNonZero + powerOfTen
    }

    /// Builds a number from its parts, dropping trailing zeros.
    init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        self.isNegative = isNegative
        var kept = digits
        while kept.last == 0 { kept.removeLast() }
        if kept.isEmpty {
            self.digits = []
            self.exponent = 0
        } else {
            self.digits = kept
            self.exponent = exponent
        }
    }

    var isZero: Bool { digits.isEmpty }

    /// Rounded to `significantDigits` digits, halves away from zero (as taught in school).
    func rounded(toSignificantDigits significantDigits: Int) -> DecimalNumber {
        let n = max(1, significantDigits)
        guard digits.count > n else { return self }
        var kept = Array(digits[..<n])
        var newExponent = exponent
        if digits[n] >= 5 {
            var i = n - 1
            while i >= 0 {
                if kept[i] == 9 {
                    kept[i] = 0
                    i -= 1
                } else {
                    kept[i] += 1
                    break
                }
            }
            if i < 0 {
                kept.insert(1, at: 0)
                newExponent += 1
            }
        }
        return DecimalNumber(isNegative: isNegative, digits: kept, exponent: newExponent)
    }

    /// Positional notation for exponents -4 through 15 (`0.0001`, `123.5`, `36`), scientific
    /// otherwise (`1e-5`, `2.5e+20`): Python's `repr` rule, without zero-padding the exponent.
    var text: String {
        let sign = isNegative ? "-" : ""
        if isZero { return sign + "0" }
        let characters = digits.map { Character(String($0)) }
        if exponent < -4 || exponent >= 16 {
            var mantissa = String(characters[0])
            if characters.count > 1 { mantissa += "." + String(characters[1...]) }
            let exponentText = exponent < 0 ? "-\(-exponent)" : "+\(exponent)"
            return sign + mantissa + "e" + exponentText
        }
        if exponent < 0 {
            return sign + "0." + String(repeating: "0", count: -exponent - 1) + String(characters)
        }
        let integerCount = exponent + 1
        if characters.count <= integerCount {
            return sign + String(characters) + String(repeating: "0", count: integerCount - characters.count)
        }
        return sign + String(characters[..<integerCount]) + "." + String(characters[integerCount...])
    }
}
