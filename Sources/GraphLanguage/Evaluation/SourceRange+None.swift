extension SourceRange {
    /// A placeholder range for values made without a source position (never shown: the callers
    /// that can fail pass their own range).
    static let none = SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
}
