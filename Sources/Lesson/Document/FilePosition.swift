/// A position in a lesson file: 1-based line and column, the column counting characters.
public struct FilePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 1-based line in the Markdown file.
    public var line: Int
    /// The 1-based column, counting Characters (not bytes).
    public var column: Int

    /// A position at `line`:`column` of the file.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: FilePosition, b: FilePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `LINE:COL`, as in diagnostics.
    public var description: String { "\(line):\(column)" }
}
