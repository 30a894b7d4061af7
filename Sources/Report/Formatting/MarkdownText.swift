/// Small builders of Markdown text that keep a lesson's source and values from being read as
/// Markdown syntax.
enum MarkdownText {
    /// `text` as an inline code span, with a fence longer than any run of backticks inside it.
    ///
    /// Line breaks become spaces: a code span cannot hold them, and table cells must stay on one
    /// line.
    static func code(_ text: String) -> String {
        let flat = singleLine(text)
        var longestRun = 0
        var run = 0
        for c in flat {
            if c == "`" {
                run += 1
                longestRun = max(longestRun, run)
            } else {
                run = 0
            }
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let needsPadding = flat.first == "`" || flat.last == "`" || (flat.first == " " && flat.last == " ")
        let padding = needsPadding ? " " : ""
        return fence + padding + flat + padding + fence
    }

    /// `text` made safe inside a table cell: `|` escaped (GitHub unescapes it even inside code
    /// spans), line breaks turned into spaces.
    static func cell(_ text: String) -> String {
        var result = ""
        for c in singleLine(text) {
            if c == "|" { result += "\\|" } else { result.append(c) }
        }
        return result
    }

    /// Plain text (a message, a name) with the characters that could start Markdown or HTML syntax
    /// in the middle of a line escaped: `\\`, `*`, `[`, `<`, and `_` unless it stands inside a word
    /// (`log_2` stays as written). Code spans written by the message's author are kept.
    static func prose(_ text: String) -> String {
        let characters = Array(singleLine(text))
        let backticks = characters.filter { $0 == "`" }.count
        var result = ""
        var insideCode = false
        for (i, c) in characters.enumerated() {
            if c == "`" && backticks % 2 == 0 {
                insideCode.toggle()
                result.append(c)
                continue
            }
            if insideCode {
                result.append(c)
                continue
            }
            switch c {
            case "\\", "*", "[", "<", "`":
                result += "\\" + String(c)
            case "_":
                let inWord =
                    i > 0 && i + 1 < characters.count && isWordCharacter(characters[i - 1])
                    && isWordCharacter(characters[i + 1])
                result += inWord ? "_" : "\\_"
            default:
                result.append(c)
            }
        }
        return result
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber
    }

    /// Text for the alternative text of an image: brackets and backslashes escaped.
    static func altText(_ text: String) -> String {
        var result = ""
        for c in singleLine(text) {
            switch c {
            case "\\", "[", "]": result += "\\" + String(c)
            default: result.append(c)
            }
        }
        return result
    }

    /// A relative link destination: spaces, parentheses, angle brackets and `%` percent-encoded,
    /// everything else (including non-ASCII letters) kept as written.
    static func linkDestination(_ path: String) -> String {
        var result = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case " ", "(", ")", "<", ">", "%", "\"", "\\", "`":
                result += "%" + hex(UInt8(scalar.value))
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "%" + hex(UInt8(scalar.value))
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// A table row: cells already escaped.
    static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// The delimiter row under a header: `---` for a left-aligned column, `--:` for a column of
    /// numbers, right-aligned so that their digits line up.
    static func delimiterRow(rightAligned: [Bool]) -> String {
        "|" + rightAligned.map { $0 ? "--:" : "---" }.joined(separator: "|") + "|"
    }

    private static func singleLine(_ text: String) -> String {
        var result = ""
        for c in text {
            if c == "\n" || c == "\r" || c == "\r\n" { result.append(" ") } else { result.append(c) }
        }
        return result
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }
}
