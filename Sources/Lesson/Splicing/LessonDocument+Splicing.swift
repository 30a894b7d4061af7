extension LessonDocument {
    /// The file's text with new output regions spliced into the original bytes.
    ///
    /// `outputs` maps a block's ``GraphBlock/index`` to its new region body (Markdown with `\n`
    /// line endings; a missing final `\n` is added). Each such block gets its region replaced,
    /// or a new one inserted after its closing fence, separated from it by one empty line.
    /// Blocks without an entry keep their region as it is, and so do `skip` blocks (their
    /// entry is ignored). With `removingOrphans` (as `run` does), orphan regions are removed
    /// the way ``stripped()`` removes regions.
    ///
    /// Everything outside regions is kept byte for byte; regions are written with the file's
    /// ``lineEnding``; a file without a final newline still has none. Compare results with
    /// `==` on `.utf8` when bytes matter (String `==` ignores Unicode normalization).
    ///
    /// The result is read back before it is returned: every block must get exactly its body.
    ///
    /// - Throws: ``SpliceError`` when the document has errors (it must not be written), a key
    ///   is not a block index, a body contains a region marker line, or a body would change how
    ///   the file reads (an unclosed code fence).
    public func spliced(outputs: [Int: String], removingOrphans: Bool = true) throws(SpliceError) -> String {
        try refuseIfInvalid()
        var replacements: [Int: (region: OutputRegion, body: [String])] = [:]
        var insertions: [Int: [String]] = [:]
        var written: [Int: String] = [:]
        for (index, body) in outputs.sorted(by: { $0.key < $1.key }) {
            guard index >= 1, index <= blocks.count else { throw .unknownBlock(index) }
            let block = blocks[index - 1]
            if block.options.skip { continue }
            let lines = Self.bodyLines(body)
            if lines.contains(where: Self.isMarker) { throw .bodyContainsMarker(blockIndex: index) }
            let normalized = lines.map { $0 + "\n" }.joined()
            if !Self.readsBackAsRegion(normalized) { throw .bodyBreaksDocument(blockIndex: index) }
            written[index] = normalized
            if let region = block.region {
                replacements[region.lines.lowerBound] = (region, lines)
            } else {
                insertions[block.fenceLines.upperBound] = lines
            }
        }
        var removed = Set<Int>()
        if removingOrphans {
            for region in orphanRegions { removed.formUnion(removalLines(of: region)) }
        }
        let result = assemble(replacing: replacements, inserting: insertions, removing: removed)
        try verify(result, written: written)
        return result
    }

    /// Reads the new text back: whatever would make the file read differently from what was
    /// meant must never be written (each body was checked alone; this checks them in place).
    private func verify(_ result: String, written: [Int: String]) throws(SpliceError) {
        let reread = LessonDocument(text: result)
        let firstWritten = written.keys.min() ?? 1
        guard !reread.hasErrors, reread.blocks.map(\.source) == blocks.map(\.source) else {
            throw .bodyBreaksDocument(blockIndex: firstWritten)
        }
        for (index, body) in written.sorted(by: { $0.key < $1.key })
        where reread.blocks[index - 1].region?.body != body {
            throw .bodyBreaksDocument(blockIndex: index)
        }
    }

    /// The file's text without any output region: what `gradbook strip` writes.
    ///
    /// Each region is removed with the empty line just before it, if there is one (the line
    /// `run` inserts between a fence and a new region), so that `stripped()` of the result of
    /// ``spliced(outputs:removingOrphans:)`` on a file without regions gives back its bytes.
    ///
    /// - Throws: ``SpliceError/documentHasErrors(_:)`` when the document has errors, or when the
    ///   text without its regions would read differently (other blocks, errors, or regions).
    public func stripped() throws(SpliceError) -> String {
        try refuseIfInvalid()
        var removed = Set<Int>()
        for region in regions { removed.formUnion(removalLines(of: region)) }
        let result = assemble(replacing: [:], inserting: [:], removing: removed)
        // Regions are found line by line, but a marker line can also be what closes an HTML
        // comment opened above it (`<!-- note` never closed): without the region, that comment
        // would swallow the blocks below it, or reveal marker lines it hid. Never write that.
        let reread = LessonDocument(text: result)
        if let first = regions.first,
            reread.hasErrors || !reread.regions.isEmpty || reread.blocks.map(\.source) != blocks.map(\.source)
        {
            throw .documentHasErrors([
                LessonDiagnostic(
                    message: "removing the output regions would change how the lesson reads (is an HTML "
                        + "comment `<!--` above a region left open?); the file is left as it is",
                    line: first.lines.lowerBound, column: 1)
            ])
        }
        return result
    }

    private func refuseIfInvalid() throws(SpliceError) {
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw .documentHasErrors(errors) }
    }

    /// The region's lines and the empty line (no characters at all) just before it, if any.
    private func removalLines(of region: OutputRegion) -> ClosedRange<Int> {
        Self.removalLines(of: region, in: source, frontMatter: frontMatter)
    }

    /// The lines `strip` removes for `region`: its own, and the empty line just before it, if any.
    static func removalLines(of region: OutputRegion, in source: SourceText, frontMatter: FrontMatter)
        -> ClosedRange<Int>
    {
        let before = region.lines.lowerBound - 1
        let firstBodyLine = (frontMatter.lines?.upperBound ?? 0) + 1
        if before >= firstBodyLine, let line = source.line(before), line.isEmpty {
            return before...region.lines.upperBound
        }
        return region.lines
    }

    /// Copies the file line by line, applying replacements, insertions and removals.
    ///
    /// Every line is written with its own terminator (the file's line ending for new lines and
    /// for an unterminated last line that is no longer last); at the end, a file that had no
    /// final newline loses the last line's terminator again.
    private func assemble(
        replacing replacements: [Int: (region: OutputRegion, body: [String])], inserting insertions: [Int: [String]],
        removing removed: Set<Int>
    ) -> String {
        let newline = Array(lineEnding.text.utf8)
        var bytes = Array(source.bytes[..<source.byteOrderMarkLength])
        bytes.reserveCapacity(source.bytes.count + 1024)
        var lastTerminatorLength = 0
        // A `\n` right after a lone `\r` joins them into one `\r\n` line break. Where generated
        // lines meet the author's (files that mix `\r` and `\n` endings), no line may vanish so.
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        var endsWithGeneratedLine = false

        func append(region body: [String]) {
            for line in [OutputRegion.beginMarker] + body + [OutputRegion.endMarker] {
                bytes += line.utf8
                bytes += newline
            }
            lastTerminatorLength = newline.count
            endsWithGeneratedLine = true
        }

        var number = 1
        while number <= source.lineCount {
            defer { number += 1 }
            if removed.contains(number) { continue }
            if let replacement = replacements[number] {
                append(region: replacement.body)
                number = replacement.region.lines.upperBound
                continue
            }
            let line = source.lines[number - 1]
            if endsWithGeneratedLine, bytes.last == cr, line.start < line.end, source.bytes[line.start] == lf {
                bytes.append(lf)  // end the generated line with `\r\n`: still one line break
            }
            endsWithGeneratedLine = false
            bytes += source.bytes[line.start..<line.end]
            lastTerminatorLength = line.end - line.contentEnd
            if !line.hasTerminator {
                bytes += newline
                lastTerminatorLength = newline.count
            }
            if let body = insertions[number] {
                // The empty line between fence and region (`\r` after a line ended by a lone `\r`).
                bytes += bytes.last == cr && newline == [lf] ? [cr] : newline
                append(region: body)
            }
        }
        if !endsWithNewline, bytes.count > source.byteOrderMarkLength {
            bytes.removeLast(lastTerminatorLength)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The lines of a region body: `\r\n` and `\r` read as `\n`, a missing final `\n` added.
    private static func bodyLines(_ body: String) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var previousWasCR = false
        for byte in body.utf8 {
            if byte == UInt8(ascii: "\n"), previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == UInt8(ascii: "\r")
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(String(decoding: current, as: UTF8.self))
                current = []
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
        return lines
    }

    /// True when `body` between the markers reads back as exactly that region's body
    /// (an unclosed fence in it would turn the end marker into code).
    private static func readsBackAsRegion(_ body: String) -> Bool {
        let alone = LessonDocument(text: OutputRegion.beginMarker + "\n" + body + OutputRegion.endMarker + "\n")
        return !alone.hasErrors && alone.regions.map(\.body) == [body]
    }

    private static func isMarker(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace()
        return trimmed == OutputRegion.beginMarker || trimmed == OutputRegion.endMarker
    }
}

/// Why new text could not be produced for a lesson.
public enum SpliceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The document has errors (bad options, an unclosed region or fence...): it is not written.
    case documentHasErrors([LessonDiagnostic])
    /// `outputs` named a block index that the document does not have.
    case unknownBlock(Int)
    /// A region body contained a `<!-- gradbook:begin -->` or `<!-- gradbook:end -->` line,
    /// which would break the region apart when the file is read again.
    case bodyContainsMarker(blockIndex: Int)
    /// The new text would not read back as written (for instance a body with an unclosed code
    /// fence); nothing is produced, so nothing can be written.
    case bodyBreaksDocument(blockIndex: Int)

    /// What went wrong, for the person running gradbook.
    public var description: String {
        switch self {
        case .documentHasErrors(let errors):
            "the lesson has \(errors.count) error\(errors.count == 1 ? "" : "s"); it is not written until "
                + "\(errors.count == 1 ? "it is" : "they are") fixed"
        case .unknownBlock(let index):
            "the lesson has no graph block number \(index)"
        case .bodyContainsMarker(let index):
            "the output of graph block \(index) contains a gradbook region marker line"
        case .bodyBreaksDocument(let index):
            "the output of graph block \(index) would not read back as written (an unclosed code fence?); "
                + "the file is left as it is"
        }
    }
}
