/// One token of a graph block, with the exact text and source range it was read from.
struct Token: Sendable, Hashable {
    var kind: TokenKind
    /// The characters of the token as written (empty for layout tokens).
    var text: String
    var range: SourceRange
    /// True for the first token of a line that continues a `check` chain (a line starting with `=`).
    var beginsContinuationLine: Bool = false

    /// The identifier's name, if this token is one.
    var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    /// Whether this token is the given operator or punctuation.
    func `is`(_ symbol: Symbol) -> Bool {
        kind == .symbol(symbol)
    }

    /// Whether this token is the identifier `word` (contextual keywords such as `in`, `vs`, `within`).
    func isWord(_ word: String) -> Bool {
        kind == .identifier(word)
    }

    /// How the token reads in a diagnostic: `'x'`, `'('`, `the end of the line`.
    var quoted: String {
        switch kind {
        case .number, .identifier, .symbol: return "'\(text)'"
        case .newline: return "the end of the line"
        case .indent: return "an indented line"
        case .dedent: return "the end of the indented block"
        case .endOfInput: return "the end of the block"
        }
    }
}

/// What a token is.
enum TokenKind: Sendable, Hashable {
    case number(Double)
    /// A name; statement keywords (`param`, `show`, ...) and `in`, `vs`, `wrt`, `within`, `as` are
    /// identifiers too, special only where the grammar expects them.
    case identifier(String)
    case symbol(Symbol)
    /// The end of a logical line (a statement).
    case newline
    /// The start of a more indented block.
    case indent
    /// The end of an indented block.
    case dedent
    case endOfInput
}

/// Operators and punctuation.
enum Symbol: String, Sendable, Hashable, CaseIterable {
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case at = "@"
    case caret = "^"
    case starStar = "**"
    case leftParenthesis = "("
    case rightParenthesis = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case comma = ","
    case colon = ":"
    case dot = "."
    case equal = "="
    case equalEqual = "=="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case plusEqual = "+="
    case minusEqual = "-="
    case starEqual = "*="
    case slashEqual = "/="
    case partial = "∂"

    /// The closing bracket that matches an opening one.
    var closing: Symbol? {
        switch self {
        case .leftParenthesis: return .rightParenthesis
        case .leftBracket: return .rightBracket
        default: return nil
        }
    }
}
