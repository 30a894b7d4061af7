/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable {
    case error
    case warning
    case note
}

/// A message about a graph block for the lesson author: what happened, where, what to write instead.
///
/// Modelled on swift-syntax's `Diagnostic`: a value with a severity, a message, a block-relative
/// source range and optional notes. Each stage (lexing, parsing, evaluation) builds these from its
/// own message enum.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    public var notes: [Note]

    /// A secondary message attached to a diagnostic, optionally pointing somewhere else.
    public struct Note: Sendable, Hashable {
        public var message: String
        public var range: SourceRange?

        public init(message: String, range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    public init(severity: Severity = .error, message: String, range: SourceRange, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
    }

    public var description: String { "\(range.start): \(severity.rawValue): \(message)" }
}
