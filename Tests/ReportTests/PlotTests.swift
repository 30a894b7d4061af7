import GraphLanguage
import Testing

@testable import Report

/// Plot file names (SPEC §1.3), links, and the SVG charts.
@Suite struct PlotTests {
    @Test(arguments: [
        ("mean(l)", "mean-l"),
        ("l", "l"),
        ("a.grad", "a-grad"),
        ("(x)", "x"),
        ("d(loss)/d(w)", "d-loss-d-w"),
        ("∂l/∂w", "l-w"),
        ("train_loss", "train_loss"),
        ("()", "series"),
    ])
    func seriesNames(name: String, expected: String) {
        #expect(sanitizedSeriesName(name) == expected)
    }

    @Test func fileNames() {
        #expect(plotFileName(blockName: "block-1", series: ["l"], versus: nil) == "block-1-l.svg")
        #expect(plotFileName(blockName: "block-1", series: ["mean(l)"], versus: nil) == "block-1-mean-l.svg")
        #expect(plotFileName(blockName: "fit", series: ["l", "mean(l)"], versus: nil) == "fit-l-mean-l.svg")
        #expect(plotFileName(blockName: "fit", series: ["a"], versus: "b") == "fit-a-vs-b.svg")
        let long = plotFileName(blockName: "b", series: Array(repeating: "abcdefghij", count: 30), versus: nil)
        #expect(long.count == 124 && long.hasSuffix(".svg"))
        #expect(assetsFolderName(lessonFileName: "intro.md") == "intro.assets")
        #expect(assetsFolderName(lessonFileName: "notebooks/intro.md") == "intro.assets")
        #expect(assetsFolderName(lessonFileName: "README") == "README.assets")
    }

    func plot(_ series: [(String, [Double])], versus: (String, [Double])? = nil) -> Plot {
        Plot(
            series: series.map { Plot.Series(name: $0.0, values: $0.1) },
            versus: versus.map { Plot.Series(name: $0.0, values: $0.1) }, range: SampleOutcomes.range(1))
    }

    @Test func regionLinksThePlotUnderTheAssetsFolder() {
        let outcome = BlockOutcome(outputs: [
            .plot(plot([("mean(l)", [3, 2, 1])])),
            .plot(plot([("mean(l)", [1, 2])])),
            .plot(plot([("a", [1, 2])], versus: ("b", [0, 1]))),
        ])
        let region = renderRegion(outcome, context: RenderContext(lessonFileName: "my lesson.md", blockName: "block-3"))
        #expect(
            region.markdown == """
                ![mean(l)](my%20lesson.assets/block-3-mean-l.svg)

                ![mean(l)](my%20lesson.assets/block-3-mean-l-2.svg)

                ![a vs b](my%20lesson.assets/block-3-a-vs-b.svg)

                """)
        #expect(region.plots.map(\.fileName) == ["block-3-mean-l.svg", "block-3-mean-l-2.svg", "block-3-a-vs-b.svg"])
    }

    @Test func svgIsDeterministic() {
        let first = LineChart(plot: SampleOutcomes.twoSeries).svg()
        let second = LineChart(plot: SampleOutcomes.twoSeries).svg()
        #expect(first == second)
        let region = renderRegion(
            SampleOutcomes.adam, context: RenderContext(lessonFileName: "t.md", blockName: "adam"))
        #expect(
            region
                == renderRegion(SampleOutcomes.adam, context: RenderContext(lessonFileName: "t.md", blockName: "adam")))
        for text in [first, region.plots[0].contents] {
            #expect(!text.contains("id="))
            #expect(text.hasSuffix("</svg>\n"))
        }
    }

    @Test func linearChartHasAxesTicksAndLabels() {
        // y = 0, 1, 2, 3, 4 over steps 0...4: round steps of 1 on both axes.
        let svg = LineChart(plot: plot([("l", [0, 1, 2, 3, 4])])).svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"400\""))
        #expect(svg.contains("font-family=\"sans-serif\""))
        #expect(svg.contains("fill=\"#ffffff\""))
        for label in ["0", "1", "2", "3", "4"] {
            #expect(svg.contains("text-anchor=\"end\" fill=\"#222222\">\(label)</text>"))  // y tick label
            #expect(svg.contains("text-anchor=\"middle\" fill=\"#222222\">\(label)</text>"))  // x tick label
        }
        #expect(svg.contains(">step</text>"))
        #expect(svg.contains(">l</tspan></text>"))  // the y axis label
        #expect(!svg.contains("log scale"))
        #expect(!svg.contains("stroke-width=\"2.5\""))  // no legend for one series
        #expect(svg.components(separatedBy: "<circle").count == 6)  // a dot on each of 5 points
    }

    @Test func twoSeriesShareOneChartWithALegend() {
        let svg = LineChart(plot: plot([("l", [4, 3, 2]), ("mean(l)", [4, 3.5, 3])])).svg()
        #expect(svg.components(separatedBy: "stroke-width=\"2.5\"").count == 3)
        #expect(svg.contains("stroke=\"#1f77b4\""))
        #expect(svg.contains("stroke=\"#ff7f0e\""))
        #expect(svg.contains("<tspan font-family=\"monospace\">mean(l)</tspan></text>"))
        #expect(svg.contains(">value</text>"))
    }

    @Test func dataSpanningEightDecadesGetsALogScale() {
        let values = [1e2, 1e0, 1e-2, 1e-4, 1e-6]
        let chart = LineChart(plot: plot([("l", values)]))
        #expect(chart.usesLogarithmicScale)
        let svg = chart.svg()
        #expect(svg.contains("(log scale)</text>"))
        for exponent in ["−6", "−5", "−1", "0", "1", "2"] {
            #expect(svg.contains("10<tspan dy=\"-0.5em\" font-size=\"9\">\(exponent)</tspan>"))
        }
        #expect(!svg.contains("−7</tspan>") && !svg.contains(">3</tspan>"))
    }

    @Test func logScaleRule() {
        // More than three decades of positive data: log; three or fewer, or any value <= 0: linear.
        #expect(LineChart(plot: plot([("l", [1000.5, 1])])).usesLogarithmicScale)
        #expect(!LineChart(plot: plot([("l", [1000, 1])])).usesLogarithmicScale)
        #expect(!LineChart(plot: plot([("l", [1e6, 0])])).usesLogarithmicScale)
        #expect(!LineChart(plot: plot([("l", [1e6, -1e-6])])).usesLogarithmicScale)
        // nan and inf are left out of the decision (and of the drawing).
        #expect(LineChart(plot: plot([("l", [1e6, .nan, 1, .infinity])])).usesLogarithmicScale)
    }

    @Test func roundTicksInsideAMargin() {
        // 0.13...0.87 plus 4% of 0.74 on each side is 0.1004...0.8996; a step of 0.2 fits 4 ticks.
        let fractions = ChartAxis.linear(low: 0.13, high: 0.87)
        #expect(fractions.ticks.map(\.label) == ["0.2", "0.4", "0.6", "0.8"])
        #expect(abs(fractions.lower - 0.1004) < 1e-12 && abs(fractions.upper - 0.8996) < 1e-12)
        // -3.4...7.4: steps of 2.
        let signed = ChartAxis.linear(low: -3, high: 7)
        #expect(signed.ticks.map(\.label) == ["-2", "0", "2", "4", "6"])
        // Step numbers stay whole even when a step of 0.5 would fit.
        let steps = ChartAxis.linear(low: 0, high: 2, integerSteps: true)
        #expect(steps.ticks.map(\.label) == ["0", "1", "2"])
        let tiny = ChartAxis.linear(low: 0, high: 3e-7)
        #expect(tiny.ticks.map(\.label) == ["0", "5e-8", "1e-7", "1.5e-7", "2e-7", "2.5e-7", "3e-7"])
        let constant = ChartAxis.linear(low: 5, high: 5)
        #expect(constant.lower < 5 && constant.upper > 5 && !constant.ticks.isEmpty)
    }

    @Test func logarithmicTicksEveryFewDecadesIncludingOne() {
        // The adam loss: log10 spans -15.2...1.76; 17 decades get a tick every third power,
        // on multiples of 3 so that 10^0 is one of them.
        let axis = ChartAxis.logarithmic(low: 6.149155192733295e-16, high: 57)
        #expect(axis.ticks.map { $0.superscript ?? "" } == ["−15", "−12", "−9", "−6", "−3", "0"])
        #expect(axis.minorTicks.isEmpty)
        // Four decades: every power, with minor ticks at 2...9 times each, all inside the axis.
        let short = ChartAxis.logarithmic(low: 0.01, high: 100)
        #expect(short.ticks.map { $0.superscript ?? "" } == ["−2", "−1", "0", "1", "2"])
        // The axis runs over log10 -2.16...2.16: 7, 8, 9 × 10⁻³ lie inside it, 2 × 10² does not.
        #expect(short.minorTicks.count == 8 * 4 + 3)
        #expect(short.minorTicks.allSatisfy { $0 >= short.lower && $0 <= short.upper })
    }

    @Test func gapsAndNonFiniteValuesDoNotBreakTheChart() {
        let svg = LineChart(plot: plot([("l", [1, .nan, 3, 4, .infinity, 2])])).svg()
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        // Three pieces: [1], [3, 4], [2]; the lone points are zero-length segments.
        #expect(svg.components(separatedBy: "h0").count == 3)
        let empty = LineChart(plot: plot([("l", [.nan])])).svg()
        #expect(empty.contains("no finite values to plot"))
    }

    @Test func longSeriesAreThinnedPerPixelColumn() {
        let values = (0..<100_000).map { Double($0 % 100) }
        let svg = LineChart(plot: plot([("l", values)])).svg()
        #expect(svg.utf8.count < 100_000)
        #expect(!svg.contains("<circle"))
    }

    @Test func scatterWhenVersusIsNotMonotonic() {
        let svg = LineChart(
            plot: plot([("l", Array(repeating: 1, count: 40))], versus: ("lr", (0..<40).map { Double(($0 * 7) % 40) }))
        )
        .svg()
        #expect(!svg.contains("<path"))
        #expect(svg.components(separatedBy: "<circle").count == 41)
        #expect(svg.contains("<tspan font-family=\"monospace\">lr</tspan></text>"))
    }
}
