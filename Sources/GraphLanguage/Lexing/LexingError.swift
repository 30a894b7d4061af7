/// What can go wrong while splitting a graph block into tokens; each case says what to write instead.
enum LexingError: Sendable, Hashable {
    case tabInIndentation
    /// A line indented to a width that no enclosing block has.
    case unmatchedIndentation(width: Int, enclosingWidths: [Int])
    case unexpectedCharacter(Character)
    /// A character that looks like an operator of the language, such as `−` (U+2212) or `×`.
    case lookalikeCharacter(Character, replacement: String)
    case notEqualOperator
    /// `2e` or `1e+`: an exponent without digits.
    case malformedExponent(String)
    /// `2x`: a number immediately followed by a letter.
    case numberFollowedByLetter(String)
    case numberTooLarge(String)

    var message: String {
        switch self {
        case .tabInIndentation:
            return "tabs are not allowed for indentation; use spaces"
        case .unmatchedIndentation(let width, let enclosingWidths):
            let choices = enclosingWidths.map(String.init)
            let listed =
                choices.count <= 1
                ? choices.joined() : choices.dropLast().joined(separator: ", ") + " or " + (choices.last ?? "")
            return
                "this line is indented by \(width) \(width == 1 ? "space" : "spaces"), which matches no enclosing block; indent it by \(listed) spaces"
        case .unexpectedCharacter(let character):
            if character.isWhitespace
                || character.unicodeScalars.allSatisfy({
                    $0.properties.generalCategory == .format || $0.properties.generalCategory == .control
                })
            {
                return
                    "unexpected invisible character \(Self.codePoints(of: character)); use a plain space or delete it"
            }
            if character == "\"" || character == "'" {
                return
                    "unexpected character '\(character)': the graph language has no strings; plot and log name columns without quotes"
            }
            return "unexpected character '\(character)'"
        case .lookalikeCharacter(let character, let replacement):
            return
                "unexpected character '\(character)' (\(Self.codePoints(of: character))); write '\(replacement)' instead"
        case .notEqualOperator:
            return "'!=' is not supported; a check compares with =, <, <=, > or >="
        case .malformedExponent(let text):
            return "malformed number '\(text)': an exponent needs digits, as in 2e-3"
        case .numberFollowedByLetter(let text):
            return
                "'\(text)' is neither a number nor a name: write a product with '*' (2*x), and start names with a letter"
        case .numberTooLarge(let text):
            return "the number \(text) is too large for a 64-bit float"
        }
    }

    private static func codePoints(of character: Character) -> String {
        character.unicodeScalars.map { scalar in
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }.joined(separator: " ")
    }

    /// Characters that look like an operator of the language, with what to write instead.
    static let lookalikes: [Character: String] = [
        "−": "-", "–": "-", "—": "-", "×": "*", "·": "*", "⋅": "*", "∗": "*", "÷": "/", "≤": "<=", "≥": ">=",
        "²": "^2", "³": "^3", "＝": "=", "（": "(", "）": ")", "［": "[", "］": "]", "，": ",", "：": ":",
    ]
}
