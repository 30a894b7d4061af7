import Foundation
import GraphLanguage
import Report

/// A Markdown lesson made of the tour's blocks with their rendered regions, for looking at the
/// output as a reader sees it (docs/report-screenshot.png is a screenshot of `screenshotBlocks`).
enum SampleLesson {
    typealias Block = (prose: String, source: String, name: String, outcome: BlockOutcome, expectError: Bool)

    /// The blocks of the screenshot: the by-hand block without its diagram (GitHub draws Mermaid;
    /// a local cmark page would show its source), a failed check, two series in a chart, an
    /// expected error.
    static var screenshotBlocks: [Block] {
        var byHand = blocks[0]
        byHand.source = byHand.source.replacingOccurrences(of: "\ndiagram loss", with: "")
        byHand.outcome.outputs.removeAll {
            if case .diagram = $0 { return true }
            return false
        }
        return [byHand, blocks[1], blocks[3], blocks[5]]
    }

    static let blocks: [Block] = [
        (
            "## One sample, by hand",
            """
            x = 1
            y = 2
            param w = 1
            y_hat = w * x
            s = y_hat - y
            loss = s^2
            backward loss
            show loss, w.grad
            check loss = 1
            check d(loss)/d(w) = d(loss)/d(s) * d(s)/d(y_hat) * d(y_hat)/d(w)
                               = 2*s * 1 * x
                               = -2
            check ∂loss/∂s = 2*s = -2
            trace loss
            diagram loss
            """, "by-hand", SampleOutcomes.byHand, false
        ),
        (
            "A wrong hand derivation:",
            """
            w -= 0.01 * w.grad
            zero_grad
            loss = (w*x - y)^2
            backward loss
            check w = 1.03
            check w.grad = 2*(w*x - y)*x
            """, "block-2", SampleOutcomes.wrongDerivation, false
        ),
        (
            "## Training loops and optimizers",
            """
            param w = 5
            for i in range(20):
                l = (w - 2)^2
                backward l
                step sgd(lr=0.1, momentum=0.9)
                log i, l
            plot l
            check w = 0.952242374420166
            check l = 0.881135880947113
            """, "momentum", SampleOutcomes.momentum, false
        ),
        (
            "Two series in one chart:",
            """
            param w = 5
            for i in range(30):
                l = (w - 2)^2
                backward l
                log w, w.grad
                step sgd(lr=0.1)
            plot w, w.grad
            """, "sgd", SampleOutcomes.sgd, false
        ),
        (
            "",
            """
            x = [0, 1, 2, 3]
            y = [1, 3, 7, 13]
            param a = 0
            param b = 0
            param c = 0
            for i in range(300):
                l = mean((a*x^2 + b*x + c - y)^2)
                backward l
                step adam(lr=0.1)
                log l
            check l < 1e-12
            gradcheck mean((a*x^2 + b*x + c - y)^2) wrt a, b, c
            """, "adam", SampleOutcomes.adam, false
        ),
        (
            "## A block that must fail",
            """
            param q = [[0, 0], [1, 2]]
            r = q^2
            backward r
            """, "block-6", SampleOutcomes.mustFail, true
        ),
    ]

    /// The lesson's Markdown and every plot file its regions link to.
    static func render(_ blocks: [Block] = blocks, lessonFileName: String) -> (markdown: String, plots: [PlotFile]) {
        var markdown = "# A tour of the graph language\n"
        var plots: [PlotFile] = []
        for block in blocks {
            let region = renderRegion(
                block.outcome,
                context: RenderContext(
                    lessonFileName: lessonFileName, blockName: block.name, expectError: block.expectError))
            plots += region.plots
            if !block.prose.isEmpty { markdown += "\n" + block.prose + "\n" }
            let options =
                (block.name.hasPrefix("block-") ? "" : " name=\(block.name)")
                + (block.expectError ? " expect=error" : "")
            markdown += "\n```graph\(options)\n" + block.source + "\n```\n\n"
            markdown += "<!-- gradbook:begin -->\n" + region.markdown + "<!-- gradbook:end -->\n"
        }
        return (markdown, plots)
    }
}
