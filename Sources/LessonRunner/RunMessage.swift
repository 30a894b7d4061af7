/// One message about a lesson for the person running gradbook: an error, warning or note at a file
/// position, already rendered the compiler way, plus its parts for the CI formats.
public struct RunMessage: Sendable, Equatable {
    public enum Severity: String, Sendable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    public var path: String
    /// 1-based line and column in the Markdown file (columns count characters); nil for whole-file messages.
    public var line: Int?
    public var column: Int?
    public var message: String
    /// The full text for stderr: `PATH:LINE:COL: error: MESSAGE`, the source line and a caret.
    public var rendered: String

    public init(severity: Severity, path: String, line: Int?, column: Int?, message: String, rendered: String) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.rendered = rendered
    }
}
