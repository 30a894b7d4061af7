/// A top-level fenced code block whose info string starts with `graph`: one cell of the lesson.
public struct GraphBlock: Sendable, Hashable {
    /// The block's number among the lesson's top-level `graph` blocks, from 1 (`block-N`).
    public var index: Int
    /// The options after `graph` in the info string (the valid ones when some are in error).
    public var options: GraphBlockOptions
    /// The info string as written after the fence, such as `graph name=adam fresh`.
    public var info: String
    /// The program: the lines inside the fences, fence indentation removed, each ending in `\n`.
    public var source: String
    /// The file lines from the opening fence to the closing fence.
    public var fenceLines: ClosedRange<Int>
    /// The output region that follows the block, if any.
    public var region: OutputRegion?
    /// For each line of `source`, file column minus source column (the characters cmark removed;
    /// negative where it turned part of a tab into spaces).
    var columnOffsets: [Int]

    /// A block as the lesson layer reads it; `columnOffsets[k]` maps columns of line `k + 1`.
    init(
        index: Int, options: GraphBlockOptions, info: String, source: String, fenceLines: ClosedRange<Int>,
        region: OutputRegion?, columnOffsets: [Int]
    ) {
        self.index = index
        self.options = options
        self.info = info
        self.source = source
        self.fenceLines = fenceLines
        self.region = region
        self.columnOffsets = columnOffsets
    }

    /// The block's name: its `name=` option, or `block-N`.
    public var name: String { options.name ?? "block-\(index)" }

    /// The file line of the block's first source line.
    public var firstSourceLine: Int { fenceLines.lowerBound + 1 }

    /// Maps a position in `source` (1-based line and column, counting characters) to the file.
    ///
    /// This is the one place where block-relative positions become file positions: the line is
    /// shifted past the opening fence and the column past the indentation cmark removed. A line
    /// past the last source line maps to the closing fence; positions before the start clamp to it.
    public func filePosition(line: Int, column: Int) -> FilePosition {
        let sourceLine = max(line, 1)
        let fileLine = min(fenceLines.lowerBound + sourceLine, fenceLines.upperBound)
        let offset = sourceLine <= columnOffsets.count ? columnOffsets[sourceLine - 1] : 0
        return FilePosition(line: fileLine, column: max(max(column, 1) + offset, 1))
    }
}
