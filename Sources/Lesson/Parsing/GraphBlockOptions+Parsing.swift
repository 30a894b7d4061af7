extension GraphBlockOptions {
    /// The options that take no value.
    static let flags = ["fresh", "skip", "trace", "diagram"]
    /// The options written `key=value`.
    static let keyed = ["name", "dtype", "expect"]

    /// One word of an info string and the column of its first character in the file.
    struct Word {
        var text: String
        var column: Int
    }

    /// Reads the option words of a `graph` block (the info string's words after `graph`).
    ///
    /// Every unknown, malformed or repeated option is an error at its own column on `line`,
    /// with a suggestion for near misses; the options that are valid are still returned.
    static func parse(_ words: [Word], line: Int) -> (GraphBlockOptions, [LessonDiagnostic]) {
        var options = GraphBlockOptions()
        var diagnostics: [LessonDiagnostic] = []
        var given: [String: Int] = [:]

        func error(_ message: String, column: Int, length: Int) {
            diagnostics.append(LessonDiagnostic(message: message, line: line, column: column, length: length))
        }

        for word in words {
            let key: String
            let value: String?
            if let equals = word.text.firstIndex(of: "=") {
                key = String(word.text[..<equals])
                value = String(word.text[word.text.index(after: equals)...])
            } else {
                key = word.text
                value = nil
            }
            let valueColumn = word.column + key.count + 1

            guard !key.isEmpty else {
                error(
                    "malformed option `\(word.text)`; the options are \(optionList)", column: word.column,
                    length: word.text.count)
                continue
            }
            guard flags.contains(key) || keyed.contains(key) else {
                let candidates = flags + keyed
                let hint = Suggestion.nearest(to: key, among: candidates).map { "; did you mean `\($0)`?" }
                error(
                    "unknown option `\(key)` for a graph block\(hint ?? "; the options are " + optionList)",
                    column: word.column, length: key.count)
                continue
            }
            if let firstColumn = given[key] {
                error(
                    "option `\(key)` is given twice (first at column \(firstColumn))", column: word.column,
                    length: word.text.count)
                continue
            }
            given[key] = word.column

            if flags.contains(key) {
                if value != nil {
                    error(
                        "option `\(key)` takes no value; write `\(key)` alone", column: valueColumn - 1,
                        length: word.text.count - key.count)
                    continue
                }
                switch key {
                case "fresh": options.fresh = true
                case "skip": options.skip = true
                case "trace": options.trace = true
                default: options.diagram = true
                }
                continue
            }

            guard let value, !value.isEmpty else {
                error(
                    "option `\(key)` needs a value: \(valueHelp(key))", column: word.column,
                    length: word.text.count)
                continue
            }
            switch key {
            case "name":
                if let offset = value.firstIndex(where: { !$0.isBlockNameCharacter }) {
                    let bad = value[offset]
                    error(
                        "`\(bad)` cannot appear in a block name; use letters, digits, `_` and `-`",
                        column: valueColumn + value.distance(from: value.startIndex, to: offset), length: 1)
                } else {
                    options.name = value
                }
            case "dtype":
                if let dtype = LessonDType(rawValue: value) {
                    options.dtype = dtype
                } else {
                    let hint = Suggestion.nearest(to: value, among: LessonDType.allCases.map(\.rawValue))
                    error(
                        "unknown dtype `\(value)`"
                            + (hint.map { "; did you mean `dtype=\($0)`?" } ?? "; write `dtype=f32` or `dtype=f64`"),
                        column: valueColumn, length: value.count)
                }
            default:  // expect
                if value == "error" {
                    options.expectError = true
                } else {
                    let message =
                        Suggestion.nearest(to: value, among: ["error"]) != nil
                        ? "`expect=\(value)` is not an option; did you mean `expect=error`?"
                        : "`expect` takes only `error`: write `expect=error`"
                    error(message, column: valueColumn, length: value.count)
                }
            }
        }
        return (options, diagnostics)
    }

    private static let optionList = "`name=ID`, `fresh`, `dtype=f32|f64`, `expect=error`, `skip`, `trace`, `diagram`"

    private static func valueHelp(_ key: String) -> String {
        switch key {
        case "name": "`name=ID` with letters, digits, `_` and `-`"
        case "dtype": "`dtype=f32` or `dtype=f64`"
        default: "`expect=error`"
        }
    }
}

extension Character {
    /// `[A-Za-z0-9_-]`: the characters of a block name (safe in a file name).
    var isBlockNameCharacter: Bool {
        guard let ascii = asciiValue else { return false }
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
