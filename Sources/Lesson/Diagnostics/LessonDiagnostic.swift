/// A message about a lesson file for its author, at a line and column of the Markdown file.
///
/// The Lesson layer reports front matter, info-string options, output regions and nested
/// blocks with these; the runner builds them too for the language's diagnostics, after mapping
/// block-relative positions with ``GraphBlock/filePosition(line:column:)``, so that every
/// message is rendered the same way (``LessonDocument/render(_:path:colors:)``).
public struct LessonDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The lesson cannot be run or written as it is.
        case error
        /// Something is probably not what the author meant; the lesson still runs.
        case warning
        /// Additional information attached to another diagnostic.
        case note
    }

    /// How serious it is.
    public var severity: Severity
    /// What happened and what to write instead.
    public var message: String
    /// The 1-based line in the Markdown file.
    public var line: Int
    /// The 1-based column, counting characters.
    public var column: Int
    /// How many characters the problem spans from `column` (drawn as `^~~~`), if known.
    public var length: Int?

    /// A diagnostic at `line`:`column` of the file.
    public init(severity: Severity = .error, message: String, line: Int, column: Int, length: Int? = nil) {
        self.severity = severity
        self.message = message
        self.line = line
        self.column = column
        self.length = length
    }

    /// A diagnostic at `position` of the file.
    public init(severity: Severity = .error, message: String, at position: FilePosition, length: Int? = nil) {
        self.init(severity: severity, message: message, line: position.line, column: position.column, length: length)
    }

    /// The position of the diagnostic in the file.
    public var position: FilePosition { FilePosition(line: line, column: column) }

    /// `LINE:COL: SEVERITY: MESSAGE`.
    public var description: String { "\(line):\(column): \(severity.rawValue): \(message)" }
}
