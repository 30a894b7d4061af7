extension FrontMatter {
    /// The keys gradbook reads; every other key is ignored.
    static let knownKeys = ["title", "dtype", "precision", "seed", "tolerance"]

    /// The highest `precision`: 17 significant digits round-trip every f64.
    static let maximumPrecision = 17

    /// Finds and reads the front matter at the top of `source`.
    ///
    /// Only top-level `key: value` lines are read, as YAML scalars (plain, `"double"` or
    /// `'single'` quoted, with an optional `# comment`). Lines nested under other keys,
    /// sequences and comments are skipped without being interpreted.
    static func parse(_ source: SourceText) -> (FrontMatter, [LessonDiagnostic]) {
        guard source.lineCount >= 1, isDelimiter(source.string(ofLine: 1), closing: false) else {
            return (FrontMatter(), [])
        }
        guard
            let closing = (2...max(2, source.lineCount)).first(where: { number in
                number <= source.lineCount && isDelimiter(source.string(ofLine: number), closing: true)
            })
        else {
            let warning = LessonDiagnostic(
                severity: .warning,
                message: "front matter opened by `---` is never closed by a `---` line; "
                    + "the file is read as Markdown without front matter",
                line: 1, column: 1, length: 3)
            return (FrontMatter(), [warning])
        }
        var reader = FrontMatterReader()
        for number in 2..<closing {
            reader.read(line: source.string(ofLine: number), number: number)
        }
        reader.finish()
        reader.frontMatter.lines = 1...closing
        return (reader.frontMatter, reader.diagnostics)
    }

    /// `---` opens the front matter; `---` or `...` closes it (trailing spaces allowed).
    private static func isDelimiter(_ line: String, closing: Bool) -> Bool {
        let trimmed = line.trimmingTrailingWhitespace()
        return trimmed == "---" || (closing && trimmed == "...")
    }
}

/// Reads the lines of a front matter block one at a time.
private struct FrontMatterReader {
    var frontMatter = FrontMatter()
    var diagnostics: [LessonDiagnostic] = []
    /// Known keys already given, with their line.
    private var seen: [String: Int] = [:]
    /// A known key whose value was empty on its line: it is either empty or a nested block.
    private var keyAwaitingValue: (key: String, line: Int, column: Int)?
    /// The known key of the previous top-level line when it had its value on its line.
    private var keyWithValue: String?

    mutating func read(line text: String, number: Int) {
        let characters = Array(text)
        guard let first = characters.first(where: { !$0.isYAMLSpace }) else { return }
        if first == "#" { return }
        if characters[0].isYAMLSpace || text.hasPrefix("- ") || text.trimmingTrailingWhitespace() == "-" {
            // Nested under the previous key (or a sequence item of it).
            if let pending = keyAwaitingValue {
                error(
                    "`\(pending.key)` must be a single value on its line, such as `\(example(pending.key))`",
                    line: pending.line, column: pending.column, length: pending.key.count)
                keyAwaitingValue = nil
            } else if let key = keyWithValue, characters[0].isYAMLSpace {
                error(
                    "the value of `\(key)` continues on this line; gradbook reads one-line values: "
                        + "join them on the line of `\(key):`", line: number, column: 1, length: characters.count)
                keyWithValue = nil
            }
            return
        }
        resolveKeyAwaitingValue()
        keyWithValue = nil
        guard let colon = keySeparator(in: characters) else {
            diagnostics.append(
                LessonDiagnostic(
                    severity: .warning,
                    message: "front matter line is not `key: value`; it is ignored",
                    line: number, column: 1, length: characters.count))
            return
        }
        let key = String(characters[..<colon]).trimmingTrailingWhitespace()
        guard FrontMatter.knownKeys.contains(key) else {
            if let suggestion = Suggestion.nearest(to: key, among: FrontMatter.knownKeys) {
                diagnostics.append(
                    LessonDiagnostic(
                        severity: .warning,
                        message: "front matter key `\(key)` is not one of gradbook's and is ignored; "
                            + "did you mean `\(suggestion)`?",
                        line: number, column: 1, length: key.count))
            }
            return
        }
        if let firstLine = seen[key] {
            error(
                "`\(key)` is given twice in the front matter (first on line \(firstLine))", line: number,
                column: 1, length: key.count)
            return
        }
        seen[key] = number
        var valueStart = colon + 1
        while valueStart < characters.count, characters[valueStart].isYAMLSpace { valueStart += 1 }
        let rest = Array(characters[valueStart...])
        let column = valueStart + 1
        if rest.isEmpty || rest[0] == "#" {
            keyAwaitingValue = (key, number, 1)
            return
        }
        switch scalar(rest) {
        case .failure(let message):
            error(message, line: number, column: column, length: rest.count)
        case .success(let value):
            assign(key: key, value: value, line: number, column: column)
            keyWithValue = key
        }
    }

    mutating func finish() {
        resolveKeyAwaitingValue()
    }

    /// A known key followed by nothing: `title:` means no title; the others need a value.
    private mutating func resolveKeyAwaitingValue() {
        guard let pending = keyAwaitingValue else { return }
        keyAwaitingValue = nil
        if pending.key != "title" {
            error(
                "`\(pending.key)` has no value; write for example `\(example(pending.key))`",
                line: pending.line, column: pending.column, length: pending.key.count)
        }
    }

    private mutating func assign(key: String, value: Scalar, line: Int, column: Int) {
        let text = value.text
        let length = value.sourceLength
        switch key {
        case "title":
            frontMatter.title = value.quoted || !["", "~", "null", "Null", "NULL"].contains(text) ? text : nil
        case "dtype":
            if let dtype = LessonDType(rawValue: text) {
                frontMatter.dtype = dtype
            } else {
                let names = LessonDType.allCases.map(\.rawValue)
                let hint = Suggestion.nearest(to: text, among: names).map { "; did you mean `\($0)`?" } ?? ""
                error(
                    "`dtype` must be `f32` or `f64`, not `\(text)`\(hint)", line: line, column: column,
                    length: length)
            }
        case "precision":
            if text.isDecimalDigits, let digits = Int(text), (1...FrontMatter.maximumPrecision).contains(digits) {
                frontMatter.precision = digits
            } else {
                error(
                    "`precision` must be a whole number of significant digits from 1 to "
                        + "\(FrontMatter.maximumPrecision), not `\(text)`", line: line, column: column, length: length)
            }
        case "seed":
            if text.isDecimalDigits, let seed = UInt64(text) {
                frontMatter.seed = seed
            } else if text.isDecimalDigits {
                error(
                    "`seed` \(text) is too large; the largest seed is \(UInt64.max)", line: line, column: column,
                    length: length)
            } else {
                error(
                    "`seed` must be a whole number, 0 or more, not `\(text)`", line: line, column: column,
                    length: length)
            }
        default:  // tolerance
            let allowed = Set("0123456789.eE+-")
            if !text.isEmpty, text.allSatisfy(allowed.contains), text.first != "e", text.first != "E",
                let tolerance = Double(text), tolerance.isFinite, tolerance >= 0
            {
                frontMatter.tolerance = tolerance
            } else {
                error(
                    "`tolerance` must be a number, 0 or more (such as `1e-6`), not `\(text)`", line: line,
                    column: column, length: length)
            }
        }
    }

    private func example(_ key: String) -> String {
        switch key {
        case "title": "title: Backpropagation by hand"
        case "dtype": "dtype: f64"
        case "precision": "precision: 6"
        case "seed": "seed: 42"
        default: "tolerance: 1e-6"
        }
    }

    private mutating func error(_ message: String, line: Int, column: Int, length: Int) {
        diagnostics.append(LessonDiagnostic(message: message, line: line, column: column, length: length))
    }

    /// The index of the `:` ending a top-level key: followed by a space, a tab or the line's end.
    private func keySeparator(in characters: [Character]) -> Int? {
        var index = 0
        if let quote = characters.first, quote == "\"" || quote == "'" {
            // A quoted key: skip to its closing quote.
            guard let close = characters.dropFirst().firstIndex(of: quote) else { return nil }
            index = close + 1
        }
        while index < characters.count {
            if characters[index] == ":", index + 1 == characters.count || characters[index + 1].isYAMLSpace {
                return index
            }
            index += 1
        }
        return nil
    }

    /// A scalar value and how many characters of the line it took.
    private struct Scalar {
        var text: String
        var quoted: Bool
        var sourceLength: Int
    }

    private enum ScalarResult {
        case success(Scalar)
        case failure(String)
    }

    /// Reads a YAML scalar from the start of `value` (not empty, not starting with a space).
    private func scalar(_ value: [Character]) -> ScalarResult {
        switch value[0] {
        case "\"", "'":
            let quote = value[0]
            var text = ""
            var index = 1
            var closed = false
            while index < value.count {
                let character = value[index]
                if quote == "\"", character == "\\", index + 1 < value.count {
                    let escaped = value[index + 1]
                    switch escaped {
                    case "n": text.append("\n")
                    case "t": text.append("\t")
                    default: text.append(escaped)
                    }
                    index += 2
                    continue
                }
                if character == quote {
                    if quote == "'", index + 1 < value.count, value[index + 1] == "'" {
                        text.append("'")
                        index += 2
                        continue
                    }
                    closed = true
                    break
                }
                text.append(character)
                index += 1
            }
            guard closed else { return .failure("the quoted value has no closing \(quote)") }
            let rest = value[(index + 1)...].drop(while: \.isYAMLSpace)
            guard rest.isEmpty || rest.first == "#" else {
                return .failure("unexpected text after the quoted value; put the whole value inside the quotes")
            }
            return .success(Scalar(text: text, quoted: true, sourceLength: index + 1))
        case "|", ">":
            return .failure("block scalars (`|`, `>`) are not read by gradbook; write the value on this line")
        case "[", "{":
            return .failure("a list or mapping is not a valid value here; write a single value")
        default:
            // A plain scalar ends at ` #` (a comment) or the line's end.
            var end = value.count
            for index in 1..<max(value.count, 1) where value[index] == "#" && value[index - 1].isYAMLSpace {
                end = index
                break
            }
            let text = String(value[..<end]).trimmingTrailingWhitespace()
            return .success(Scalar(text: text, quoted: false, sourceLength: text.count))
        }
    }
}

extension Character {
    /// A space or a tab (YAML's and CommonMark's whitespace within a line).
    var isYAMLSpace: Bool { self == " " || self == "\t" }
}

extension String {
    /// The string without its trailing spaces and tabs.
    func trimmingTrailingWhitespace() -> String {
        var characters = Substring(self)
        while let last = characters.last, last.isYAMLSpace { characters.removeLast() }
        return String(characters)
    }

    /// The string without its leading and trailing spaces and tabs.
    func trimmingWhitespace() -> String {
        String(drop(while: \.isYAMLSpace)).trimmingTrailingWhitespace()
    }

    /// True for a non-empty run of ASCII digits.
    var isDecimalDigits: Bool {
        !isEmpty && utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
