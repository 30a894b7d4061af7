extension Diagnostic {
    /// The diagnostic as a compiler prints it: `line:column: error: message`, the source line,
    /// a caret line under the range, then one line per note.
    ///
    ///     1:11: error: expected ')' to close '(' at 1:5
    ///     x = (1 + 2
    ///               ^
    ///     1:5: note: '(' opened here
    ///
    /// - Parameters:
    ///   - source: the block's source the diagnostic's positions refer to.
    ///   - describe: how a position is printed; the default prints the block-relative `line:column`.
    ///     A caller that knows where the block stands in a file can print file positions instead.
    public func rendered(
        source: String, describingPosition describe: (SourcePosition) -> String = { $0.description }
    ) -> String {
        let text = SourceText(source)
        let line = text.line(range.start.line)
        var lines = ["\(describe(range.start)): \(severity.rawValue): \(message)", String(line)]
        let start = max(1, range.start.column)
        let end = range.end.line == range.start.line ? max(start + 1, range.end.column) : max(start + 1, line.count + 1)
        var caret = ""
        for (offset, character) in line.prefix(start - 1).enumerated() where offset < line.count {
            caret += character == "\t" ? "\t" : String(repeating: " ", count: Self.displayWidth(of: character))
        }
        caret += String(repeating: " ", count: max(0, start - 1 - line.count))
        let underlined = line.dropFirst(start - 1).prefix(end - start)
        let width = underlined.reduce(0) { $0 + Self.displayWidth(of: $1) }
        caret += String(repeating: "^", count: max(1, width + (end - start - underlined.count)))
        lines.append(caret)
        for note in notes {
            let location = note.range.map { "\(describe($0.start)): " } ?? ""
            lines.append("\(location)note: \(note.message)")
        }
        return lines.joined(separator: "\n")
    }

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
