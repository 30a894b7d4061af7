/// A lesson file read into Swift values: front matter, `graph` blocks, output regions, and the
/// problems found while reading it.
///
/// Reading never fails on Markdown content: problems are ``diagnostics`` (errors and warnings,
/// in file order). Only bytes that are not UTF-8 are refused (``init(bytes:)``). A document with
/// errors is not written back: ``spliced(outputs:removingOrphans:)`` and ``stripped()`` throw.
public struct LessonDocument: Sendable {
    /// The file's text.
    public let text: String
    /// The line ending gradbook writes into this file: the one most lines outside output regions
    /// use (LF on a tie).
    public let lineEnding: LineEnding
    /// False when the file's last line has no line terminator (kept so when writing).
    public let endsWithNewline: Bool
    /// The settings of the front matter (all nil when there is none).
    public let frontMatter: FrontMatter
    /// The top-level `graph` blocks, in document order (`blocks[i].index == i + 1`).
    public let blocks: [GraphBlock]
    /// Every complete output region, in document order, owned or orphan.
    public let regions: [OutputRegion]
    /// Errors and warnings about the file, ordered by line and column.
    public let diagnostics: [LessonDiagnostic]
    /// The bytes and their lines.
    let source: SourceText

    /// Reads a lesson from its text.
    public init(text: String) {
        self.init(source: SourceText(bytes: Array(text.utf8)), text: text)
    }

    /// Reads a lesson from the bytes of its file, refusing bytes that are not UTF-8.
    public init(bytes: [UInt8]) throws(LessonReadError) {
        if let offset = Self.firstInvalidUTF8Offset(in: bytes) {
            let prefix = SourceText(bytes: Array(bytes[..<offset]))
            var position = FilePosition(line: prefix.lineCount + 1, column: 1)
            if let last = prefix.lines.last, !last.hasTerminator {
                let column = prefix.characterColumn(line: prefix.lineCount, byteOffset: last.contentEnd - last.start)
                position = FilePosition(line: prefix.lineCount, column: column)
            }
            throw .notUTF8(position, byteOffset: offset)
        }
        self.init(source: SourceText(bytes: bytes), text: String(decoding: bytes, as: UTF8.self))
    }

    private init(source: SourceText, text: String) {
        self.source = source
        self.text = text
        endsWithNewline = source.endsWithNewline
        var parser = LessonParser(source: source)
        let parsed = parser.parse()
        frontMatter = parsed.frontMatter
        blocks = parsed.blocks
        regions = parsed.regions
        // The author's lines decide, not gradbook's: lines that `strip` would remove do not
        // vote, so that writing regions can never change the line ending of the next run.
        var generated = Set<Int>()
        for region in parsed.regions {
            generated.formUnion(Self.removalLines(of: region, in: source, frontMatter: parsed.frontMatter))
        }
        lineEnding = source.dominantLineEnding(ignoring: generated)
        diagnostics = parser.diagnostics.enumerated()
            .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element)
    }

    /// True when a diagnostic is an error: the lesson must not be run or written as it is.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The regions that follow no top-level `graph` block.
    public var orphanRegions: [OutputRegion] { regions.filter(\.isOrphan) }

    /// The number of lines in the file.
    public var lineCount: Int { source.lineCount }

    /// The text of line `number` (1-based) without its line terminator, or nil past either end.
    public func line(_ number: Int) -> String? {
        source.line(number) == nil ? nil : source.string(ofLine: number)
    }

    /// The byte offset of the first byte that is not part of valid UTF-8, if any.
    private static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

/// Why a lesson file could not be read at all.
public enum LessonReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is not UTF-8: the first bad byte, its position and its offset in the file.
    case notUTF8(FilePosition, byteOffset: Int)

    /// The error as a diagnostic at the first bad byte.
    public var diagnostic: LessonDiagnostic {
        switch self {
        case .notUTF8(let position, let offset):
            LessonDiagnostic(
                message: "the file is not UTF-8 (invalid byte at offset \(offset)); save it as UTF-8", at: position)
        }
    }

    public var description: String { diagnostic.description }
}
