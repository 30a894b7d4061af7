/// A graph block's source split into lines of characters, so that positions count
/// `Character`s (grapheme clusters) and any range can be read back as text.
struct SourceText: Sendable {
    /// The lines without their line breaks; `lines[0]` is line 1.
    let lines: [[Character]]

    init(_ source: String) {
        var lines: [[Character]] = []
        var current: [Character] = []
        for character in source {
            if SourceText.isLineBreak(character) {
                lines.append(current)
                current = []
            } else {
                current.append(character)
            }
        }
        lines.append(current)
        self.lines = lines
    }

    /// `\n`, `\r\n` (one `Character`) and `\r` end a line.
    static func isLineBreak(_ character: Character) -> Bool {
        character == "\n" || character == "\r\n" || character == "\r"
    }

    /// The characters of one line (1-based), empty past the end.
    func line(_ number: Int) -> [Character] {
        guard number >= 1, number <= lines.count else { return [] }
        return lines[number - 1]
    }

    /// The text of a range that lies on one line; clamped to the line.
    func text(onLine line: Int, from startColumn: Int, to endColumn: Int) -> String {
        let characters = self.line(line)
        let start = max(0, min(characters.count, startColumn - 1))
        let end = max(start, min(characters.count, endColumn - 1))
        return String(characters[start..<end])
    }

    /// The text of a run of tokens as written: spacing between tokens on one line is kept,
    /// a line break (with any comment before it) becomes a single space.
    func text(of tokens: ArraySlice<Token>) -> String {
        var result = ""
        var previous: Token?
        for token in tokens {
            if let previous {
                if previous.range.end.line == token.range.start.line {
                    result += text(
                        onLine: token.range.start.line, from: previous.range.end.column,
                        to: token.range.start.column)
                } else {
                    result += " "
                }
            }
            result += token.text
            previous = token
        }
        return result
    }
}
