/// One line of a lesson file, as byte offsets into the file.
///
/// `start..<contentEnd` is the line's text; `contentEnd..<end` is its line terminator
/// (`\n`, `\r\n` or `\r`; empty for a last line without one).
struct SourceLine: Sendable, Hashable {
    var start: Int
    var contentEnd: Int
    var end: Int

    var hasTerminator: Bool { end > contentEnd }
    var isEmpty: Bool { contentEnd == start }
}

/// The bytes of a lesson file split into lines the way cmark splits them.
///
/// Line numbers are 1-based, as in cmark and in diagnostics. A UTF-8 byte order mark at the
/// very start is kept aside (`byteOrderMark`) so that line 1 starts after it, as cmark sees it.
struct SourceText: Sendable, Hashable {
    let bytes: [UInt8]
    let lines: [SourceLine]
    /// The byte order mark before line 1 (3 bytes), or 0.
    let byteOrderMarkLength: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        byteOrderMarkLength = hasBOM ? 3 : 0
        var lines: [SourceLine] = []
        var start = byteOrderMarkLength
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                lines.append(SourceLine(start: start, contentEnd: index, end: index + 1))
                index += 1
                start = index
            } else if byte == UInt8(ascii: "\r") {
                let crlf = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
                let end = index + (crlf ? 2 : 1)
                lines.append(SourceLine(start: start, contentEnd: index, end: end))
                index = end
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count {
            lines.append(SourceLine(start: start, contentEnd: bytes.count, end: bytes.count))
        }
        self.lines = lines
    }

    var lineCount: Int { lines.count }

    /// The line numbered `number` (1-based), or nil past either end.
    func line(_ number: Int) -> SourceLine? {
        guard number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }

    /// The text of line `number` without its terminator (empty past either end).
    func content(ofLine number: Int) -> ArraySlice<UInt8> {
        guard let line = line(number) else { return [] }
        return bytes[line.start..<line.contentEnd]
    }

    /// The text of line `number` without its terminator, as a String.
    func string(ofLine number: Int) -> String {
        String(decoding: content(ofLine: number), as: UTF8.self)
    }

    /// True when line `number` holds only spaces and tabs (a CommonMark blank line).
    func isBlank(line number: Int) -> Bool {
        content(ofLine: number).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// The 1-based character column of the byte `byteOffset` bytes into line `number`.
    ///
    /// Columns count Characters (extended grapheme clusters), not bytes.
    func characterColumn(line number: Int, byteOffset: Int) -> Int {
        let content = content(ofLine: number)
        let prefixEnd = min(content.startIndex + max(byteOffset, 0), content.endIndex)
        return String(decoding: content[content.startIndex..<prefixEnd], as: UTF8.self).count + 1
    }

    /// The line ending used by most lines, except the `ignored` line numbers (ties and files
    /// without any: LF).
    func dominantLineEnding(ignoring ignored: Set<Int> = []) -> LineEnding {
        var crlf = 0
        var lf = 0
        var cr = 0
        for (offset, line) in lines.enumerated() where line.hasTerminator && !ignored.contains(offset + 1) {
            switch line.end - line.contentEnd {
            case 2: crlf += 1
            default: if bytes[line.contentEnd] == UInt8(ascii: "\n") { lf += 1 } else { cr += 1 }
            }
        }
        if crlf > lf && crlf >= cr { return .crlf }
        if cr > lf && cr > crlf { return .cr }
        return .lf
    }

    /// True when the file is empty or its last line ends with a line terminator.
    var endsWithNewline: Bool {
        lines.last?.hasTerminator ?? true
    }
}
