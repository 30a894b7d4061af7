/// Generated output in a lesson: the lines between `<!-- gradbook:begin -->` and
/// `<!-- gradbook:end -->` (SPEC §1.3).
///
/// A region belongs to the top-level `graph` block it follows with only blank lines between
/// the closing fence and its begin line; any other region is an orphan.
public struct OutputRegion: Sendable, Hashable {
    /// The line that opens every region.
    public static let beginMarker = "<!-- gradbook:begin -->"
    /// The line that closes every region.
    public static let endMarker = "<!-- gradbook:end -->"

    /// The file lines of the region, from its begin marker to its end marker.
    public var lines: ClosedRange<Int>
    /// The generated Markdown between the markers, every line ending in `\n` (empty when none).
    public var body: String
    /// The ``GraphBlock/index`` of the block this region belongs to; nil for an orphan.
    public var blockIndex: Int?

    /// A region on `lines` of the file.
    public init(lines: ClosedRange<Int>, body: String, blockIndex: Int?) {
        self.lines = lines
        self.body = body
        self.blockIndex = blockIndex
    }

    /// True when the region follows no top-level `graph` block: `run` removes it, `check` reports it.
    public var isOrphan: Bool { blockIndex == nil }
}
