/// A block's source split into lines, to recover the text of any range (outputs name expressions
/// by their source text, and messages quote it).
struct SourceLines: Sendable {
    private let lines: [[Character]]

    /// Splits at `\n`, `\r\n` (one `Character`) and `\r`, as the lexer does, so that columns
    /// count the same characters.
    init(_ source: String) {
        var lines: [[Character]] = []
        var current: [Character] = []
        for character in source {
            if character == "\n" || character == "\r\n" || character == "\r" {
                lines.append(current)
                current = []
            } else {
                current.append(character)
            }
        }
        lines.append(current)
        self.lines = lines
    }

    /// The text between `range.start` and `range.end`, lines joined by single spaces (a check
    /// chain continued on several lines reads as one line), each line trimmed of spaces and of
    /// its `#` comment (the language has no strings, so `#` always starts a comment).
    func text(_ range: SourceRange) -> String {
        let first = range.start.line - 1
        let last = range.end.line - 1
        guard first >= 0, last < lines.count, first <= last else { return "" }
        var parts: [String] = []
        for index in first...last {
            let line = lines[index]
            let from = index == first ? max(0, range.start.column - 1) : 0
            let to = index == last ? min(line.count, max(0, range.end.column - 1)) : line.count
            guard from < to else { continue }
            var slice = line[from..<to]
            if let hash = slice.firstIndex(of: "#") { slice = slice[slice.startIndex..<hash] }
            let part = String(slice).trimmingSpaces()
            if !part.isEmpty { parts.append(part) }
        }
        return parts.joined(separator: " ")
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        var characters = Substring(self)
        while let c = characters.first, c == " " || c == "\t" { characters.removeFirst() }
        while let c = characters.last, c == " " || c == "\t" { characters.removeLast() }
        return String(characters)
    }
}
