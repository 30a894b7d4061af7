/// What the report needs to know about the block whose outcome it renders.
public struct RenderContext: Sendable, Hashable {
    /// The lesson's file name (`intro.md`); its plots are linked under `intro.assets/`.
    public var lessonFileName: String
    /// The block's `name=`, or `block-N` (N counts graph blocks from 1); already checked to be
    /// `[A-Za-z0-9_-]+` by the lesson layer.
    public var blockName: String
    /// Significant digits of every shown number (front matter or block option); `nil` for the
    /// shortest decimal that round-trips at the value's dtype.
    public var precision: Int?
    /// The block has `expect=error`: an error is its expected outcome, and success is a failure.
    public var expectError: Bool

    public init(lessonFileName: String, blockName: String, precision: Int? = nil, expectError: Bool = false) {
        self.lessonFileName = lessonFileName
        self.blockName = blockName
        self.precision = precision
        self.expectError = expectError
    }
}
