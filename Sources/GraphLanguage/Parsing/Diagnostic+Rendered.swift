extension Diagnostic {
    /// The diagnostic as a compiler prints it: `line:column: error: message`, the source line,
    /// a caret line under the range, then one line per note.
    ///
    ///     1:11: error: expected ')' to close '('
    ///     x = (1 + 2
    ///               ^
    ///     1:5: note: '(' opened here
    ///
    /// A source line longer than 160 characters is shown as a window around the range, cut
    /// with `…`. Tabs are copied into the caret line so that the caret stays aligned, and East
    /// Asian wide characters count two columns.
    ///
    /// - Parameters:
    ///   - source: the block's source the diagnostic's positions refer to.
    ///   - describe: how a position is printed; the default prints the block-relative `line:column`.
    ///     A caller that knows where the block stands in a file can print file positions instead.
    public func rendered(
        source: String, describingPosition describe: (SourcePosition) -> String = { $0.description }
    ) -> String {
        let line = SourceText(source).line(range.start.line)
        // 0-based character offsets of the underlined part of the line.
        let start = max(0, range.start.column - 1)
        let end =
            range.end.line == range.start.line ? max(start + 1, range.end.column - 1) : max(start + 1, line.count)

        var window = 0..<line.count
        if line.count > Self.longestShownLine {
            let lower = max(0, min(start - Self.contextShownBeforeRange, line.count - Self.longestShownLine))
            window = lower..<min(line.count, lower + Self.longestShownLine)
        }
        let cutBefore = window.lowerBound > 0 ? "…" : ""
        let cutAfter = window.upperBound < line.count ? "…" : ""

        var caret = cutBefore.isEmpty ? "" : " "
        for character in line[window.lowerBound..<min(max(start, window.lowerBound), window.upperBound)] {
            caret += character == "\t" ? "\t" : String(repeating: " ", count: Self.displayWidth(of: character))
        }
        caret += String(repeating: " ", count: max(0, start - line.count))
        let underlined = line[min(start, window.upperBound)..<min(end, window.upperBound)]
        let pastLineEnd = max(0, end - max(start, line.count))
        let width = underlined.reduce(0) { $0 + Self.displayWidth(of: $1) } + pastLineEnd
        caret += String(repeating: "^", count: max(1, width))

        var lines = [
            "\(describe(range.start)): \(severity.rawValue): \(message)",
            cutBefore + String(line[window]) + cutAfter,
            caret,
        ]
        for note in notes {
            let location = note.range.map { "\(describe($0.start)): " } ?? ""
            lines.append("\(location)note: \(note.message)")
        }
        return lines.joined(separator: "\n")
    }

    private static let longestShownLine = 160
    private static let contextShownBeforeRange = 60

    /// Columns a character takes in a monospaced terminal: 2 for East Asian wide characters and
    /// most emoji, 1 otherwise.
    static func displayWidth(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 1 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(scalar.value) } ? 2 : 1
    }
}
