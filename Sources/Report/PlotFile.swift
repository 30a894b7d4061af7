/// One SVG plot to write into the lesson's `LESSON.assets/` folder.
public struct PlotFile: Sendable, Hashable {
    /// The file name inside the assets folder (`block-1-l.svg`), without the folder.
    public var fileName: String
    /// The SVG document, `"\n"` line endings, ending with `"\n"`.
    public var contents: String

    public init(fileName: String, contents: String) {
        self.fileName = fileName
        self.contents = contents
    }
}
