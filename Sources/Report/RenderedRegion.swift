/// The generated content of one output region, and the plot files it links to.
public struct RenderedRegion: Sendable, Hashable {
    /// The region's body between `<!-- gradbook:begin -->` and `<!-- gradbook:end -->` (markers not
    /// included): `"\n"` line endings, every line ending with `"\n"`, or `""` when the block produced
    /// nothing to show.
    public var markdown: String
    /// The SVG files linked from `markdown`, in the order of their links; names are unique.
    public var plots: [PlotFile]

    public init(markdown: String, plots: [PlotFile]) {
        self.markdown = markdown
        self.plots = plots
    }
}
