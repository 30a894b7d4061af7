/// The line ending style of a lesson file, used for every line gradbook writes into it.
public enum LineEnding: String, Sendable, Hashable, CaseIterable {
    /// `\n` (Unix, macOS).
    case lf
    /// `\r\n` (Windows).
    case crlf
    /// `\r` alone (classic Mac OS); read like cmark reads it, kept when writing.
    case cr

    /// The bytes of this line ending.
    public var text: String {
        switch self {
        case .lf: "\n"
        case .crlf: "\r\n"
        case .cr: "\r"
        }
    }
}
