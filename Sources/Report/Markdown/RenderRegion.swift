import GraphLanguage

/// Renders what one graph block produced as the body of its output region (SPEC §3), with the SVG
/// files of its plots.
///
/// Outputs appear in the order of the statements that produced them, separated by blank lines
/// (consecutive `check` and `gradcheck` items form one list); then the block's warnings; then its
/// error, or, for an `expect=error` block, the verdict on the expected error. Every position is
/// block-relative (`3:5` is line 3 of the block's code, column 5), so an output does not change
/// when prose above the block does.
public func renderRegion(_ outcome: BlockOutcome, context: RenderContext) -> RenderedRegion {
    var renderer = RegionRenderer(context: context)
    for output in outcome.outputs { renderer.add(output) }
    for warning in outcome.warnings { renderer.addParagraph(DiagnosticReport.lines(for: warning, marker: "⚠️")) }
    if let error = outcome.error {
        if context.expectError {
            renderer.addParagraph(DiagnosticReport.lines(for: error, marker: "✅", severityText: "expected error"))
        } else {
            renderer.addParagraph(DiagnosticReport.lines(for: error, marker: "❌"))
        }
    } else if context.expectError {
        renderer.addParagraph(["❌ expected an error, but the block ran without one"])
    }
    return RenderedRegion(markdown: renderer.markdown, plots: renderer.plots)
}

/// Accumulates the region's Markdown pieces and plot files.
struct RegionRenderer {
    var context: RenderContext
    /// Pieces of Markdown, each a list of lines; pieces are separated by one blank line.
    private var pieces: [[String]] = []
    /// Whether the last piece is a check list that the next check item joins.
    private var lastPieceIsCheckList = false
    private(set) var plots: [PlotFile] = []

    init(context: RenderContext) {
        self.context = context
    }

    var markdown: String {
        pieces.map { $0.map { $0 + "\n" }.joined() }.joined(separator: "\n")
    }

    mutating func add(_ output: Output) {
        let precision = context.precision
        switch output {
        case .show(let table):
            addPiece(TableReport.show(table, precision: precision))
        case .log(let table):
            addPiece(TableReport.log(table, precision: precision))
        case .plot(let plot):
            addPlot(plot)
        case .check(let check):
            addListItem(CheckReport.lines(for: check, precision: precision))
        case .gradcheck(let gradcheck):
            addListItem(CheckReport.lines(for: gradcheck))
        case .trace(let trace):
            addPiece(TraceReport.table(trace, precision: precision))
        case .diagram(let diagram):
            addPiece(MermaidDiagram.lines(for: diagram, precision: precision))
        }
    }

    mutating func addParagraph(_ lines: [String]) {
        addPiece(lines)
    }

    private mutating func addPiece(_ lines: [String]) {
        pieces.append(lines)
        lastPieceIsCheckList = false
    }

    private mutating func addListItem(_ lines: [String]) {
        if lastPieceIsCheckList, !pieces.isEmpty {
            pieces[pieces.count - 1] += lines
        } else {
            pieces.append(lines)
        }
        lastPieceIsCheckList = true
    }

    private mutating func addPlot(_ plot: Plot) {
        var fileName = plotFileName(
            blockName: context.blockName, series: plot.series.map(\.name), versus: plot.versus?.name)
        // Two plot statements of the same series in one block get distinct files: name-2.svg, ...
        let base = String(fileName.dropLast(4))
        var counter = 2
        while plots.contains(where: { $0.fileName == fileName }) {
            fileName = base + "-\(counter).svg"
            counter += 1
        }
        let chart = LineChart(plot: plot)
        plots.append(PlotFile(fileName: fileName, contents: chart.svg()))
        let path = assetsFolderName(lessonFileName: context.lessonFileName) + "/" + fileName
        addPiece(["![\(MarkdownText.altText(chart.title))](\(MarkdownText.linkDestination(path)))"])
    }
}
