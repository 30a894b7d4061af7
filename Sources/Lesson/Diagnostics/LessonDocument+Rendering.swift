extension LessonDocument {
    /// A diagnostic the way compilers print it, for stderr:
    ///
    /// ```
    /// intro.md:14:17: error: unknown option `fersh` for a graph block; did you mean `fresh`?
    /// ```graph name=a fersh
    ///                 ^~~~~
    /// ```
    ///
    /// The source line follows the message when the diagnostic's line is in the file, with a
    /// caret under the column (and `~` under the rest of `length`). The caret line copies the
    /// line's tabs and puts two spaces under wide (East Asian) characters so that it lines up
    /// in a terminal. With `colors`, ANSI colors as clang uses them. The text ends with `\n`.
    public func render(_ diagnostic: LessonDiagnostic, path: String, colors: Bool = false) -> String {
        let style = RenderStyle(enabled: colors)
        var text =
            style.bold("\(path):\(diagnostic.line):\(diagnostic.column): ")
            + style.severity(diagnostic.severity) + style.bold(diagnostic.message) + "\n"
        guard let line = line(diagnostic.line) else { return text }
        // A very long line is cut to a window of about 160 characters around the column, marked
        // with `…`, so a line of 100,000 `(` does not flood the terminal.
        var characters = Array(line)
        var column = diagnostic.column
        let window = 160
        if characters.count > window {
            let start = max(0, min(column - 1 - window / 2, characters.count - window))
            let end = min(characters.count, start + window)
            var shown = Array(characters[start..<end])
            if start > 0 {
                shown.insert("…", at: 0)
                column = column - start + 1
            }
            if end < characters.count { shown.append("…") }
            characters = shown
        }
        text += String(characters) + "\n"
        var padding = ""
        for character in characters.prefix(max(column - 1, 0)) {
            padding += character == "\t" ? "\t" : String(repeating: " ", count: character.terminalWidth)
        }
        // The caret takes one cell of the first character; `~` fills the rest of its cells and
        // every cell of the other underlined characters, so wide characters are underlined whole.
        let underlined = characters.dropFirst(max(column - 1, 0)).prefix(max(diagnostic.length ?? 1, 1))
        let cells = underlined.reduce(0) { $0 + ($1 == "\t" ? 1 : $1.terminalWidth) }
        let tildes = String(repeating: "~", count: max(cells - 1, 0))
        text += padding + style.caret("^" + tildes) + "\n"
        return text
    }
}

/// ANSI escapes for a rendered diagnostic, or none.
private struct RenderStyle {
    var enabled: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }
    func caret(_ text: String) -> String { wrap(text, "1;32") }

    func severity(_ severity: LessonDiagnostic.Severity) -> String {
        let code =
            switch severity {
            case .error: "1;31"
            case .warning: "1;35"
            case .note: "1;30"
            }
        return wrap("\(severity.rawValue): ", code)
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension Character {
    /// The number of terminal cells the character takes: 2 for East Asian wide and
    /// full-width characters and emoji, 1 otherwise.
    var terminalWidth: Int {
        guard let scalar = unicodeScalars.first else { return 1 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
