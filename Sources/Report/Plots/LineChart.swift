import GraphLanguage

/// A line chart of a `plot` statement as a plain SVG document.
///
/// Deterministic by construction: no ids, no timestamps; every coordinate is written with at most
/// two decimals by integer arithmetic. White background and `sans-serif` text, so it reads the
/// same on GitHub's light and dark themes.
struct LineChart {
    var plot: Plot

    static let width = 640.0
    static let height = 400.0
    /// Matplotlib's "tab10" colours, one per series in order.
    static let palette = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
        "#17becf",
    ]
    /// A y axis is logarithmic when every finite y value is positive and the largest is more than
    /// this many times the smallest (more than three decades).
    static let logarithmicRatio = 1000.0
    /// Series up to this many points get a dot on each point.
    static let maximumMarkedPoints = 30
    static let characterWidth = 7.0

    /// The chart's title: the series names, `, `-separated, with ` vs X` for a versus plot.
    var title: String {
        let names = plot.series.map(\.name).joined(separator: ", ")
        if let versus = plot.versus { return names + " vs " + versus.name }
        return names
    }

    /// The title as SVG text content, series names set in a monospace font like the code they
    /// come from (so that `l` does not read as `I`).
    private var titleMarkup: String {
        let names = plot.series.map { Self.nameMarkup($0.name) }.joined(separator: ", ")
        if let versus = plot.versus { return names + " vs " + Self.nameMarkup(versus.name) }
        return names
    }

    /// A logged column's name as SVG text content in a monospace font.
    static func nameMarkup(_ name: String) -> String {
        "<tspan font-family=\"monospace\">\(escapeXML(name))</tspan>"
    }

    /// Whether the y axis is logarithmic (see `logarithmicRatio`).
    var usesLogarithmicScale: Bool {
        let values = plot.series.flatMap(\.values).filter(\.isFinite)
        guard let low = values.min(), let high = values.max(), low > 0 else { return false }
        return high / low > Self.logarithmicRatio
    }

    /// The x value of row `index`: the versus column, or the row number.
    private func xValues(count: Int) -> [Double] {
        if let versus = plot.versus {
            return (0..<count).map { $0 < versus.values.count ? versus.values[$0] : .nan }
        }
        return (0..<count).map(Double.init)
    }

    /// Whether the versus column runs in one direction, so that joining points in row order draws a
    /// curve rather than a scribble; otherwise points are drawn as dots only.
    private var xIsMonotonic: Bool {
        guard let versus = plot.versus else { return true }
        let finite = versus.values.filter(\.isFinite)
        let increasing = zip(finite, finite.dropFirst()).allSatisfy { $0 <= $1 }
        let decreasing = zip(finite, finite.dropFirst()).allSatisfy { $0 >= $1 }
        return increasing || decreasing
    }

    /// The SVG document.
    func svg() -> String {
        let width = Self.width
        let height = Self.height
        let rowCount = plot.series.map(\.values.count).max() ?? 0
        let xs = xValues(count: rowCount)
        let logarithmic = usesLogarithmicScale

        // Axes.
        let finiteX = xs.filter(\.isFinite)
        let xAxis = ChartAxis.linear(
            low: finiteX.min() ?? 0, high: finiteX.max() ?? 1, integerSteps: plot.versus == nil)
        let finiteY = plot.series.flatMap(\.values).filter(\.isFinite)
        let yAxis: ChartAxis
        if logarithmic, let low = finiteY.min(), let high = finiteY.max() {
            yAxis = ChartAxis.logarithmic(low: low, high: high)
        } else {
            yAxis = ChartAxis.linear(low: finiteY.min() ?? 0, high: finiteY.max() ?? 1)
        }

        // Layout: title, legend rows, plot area sized to the widest y label.
        let legendRows = plot.series.count > 1 ? legendLayout(maxWidth: width - 40) : []
        let top = 40.0 + Double(legendRows.count) * 20.0
        let widestYLabel = yAxis.ticks.map { Double($0.label.count + ($0.superscript?.count ?? 0)) }.max() ?? 1
        let left = max(64.0, 36.0 + widestYLabel * Self.characterWidth + 10.0)
        let right = width - 24.0
        let bottom = height - 56.0
        let area = PlotArea(left: left, top: top, right: right, bottom: bottom, x: xAxis, y: yAxis)

        var out = SVGWriter()
        out.line(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(svgNumber(width))\" height=\"\(svgNumber(height))\" "
                + "viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\" font-family=\"sans-serif\" font-size=\"12\">"
        )
        out.line("<title>\(escapeXML(title))</title>")
        out.line(
            "<rect x=\"0\" y=\"0\" width=\"\(svgNumber(width))\" height=\"\(svgNumber(height))\" fill=\"#ffffff\"/>")
        out.line(
            "<text x=\"\(svgNumber(width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" "
                + "fill=\"#222222\">\(titleMarkup)</text>")

        // Legend.
        for (rowIndex, row) in legendRows.enumerated() {
            let y = 44.0 + Double(rowIndex) * 20.0
            for item in row {
                let color = Self.palette[item.series % Self.palette.count]
                out.line(
                    "<line x1=\"\(svgNumber(item.x))\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(item.x + 22))\" y2=\"\(svgNumber(y))\" "
                        + "stroke=\"\(color)\" stroke-width=\"2.5\"/>")
                out.line(
                    "<text x=\"\(svgNumber(item.x + 28))\" y=\"\(svgNumber(y))\" dy=\"0.35em\" fill=\"#222222\">"
                        + "\(Self.nameMarkup(plot.series[item.series].name))</text>")
            }
        }

        // Grid and frame.
        for minor in yAxis.minorTicks {
            let y = area.y(minor)
            out.line(
                "<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(right))\" y2=\"\(svgNumber(y))\" stroke=\"#f0f0f0\"/>"
            )
        }
        for tick in yAxis.ticks {
            let y = area.y(tick.position)
            out.line(
                "<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(right))\" y2=\"\(svgNumber(y))\" stroke=\"#dddddd\"/>"
            )
        }
        for tick in xAxis.ticks {
            let x = area.x(tick.position)
            out.line(
                "<line x1=\"\(svgNumber(x))\" y1=\"\(svgNumber(top))\" x2=\"\(svgNumber(x))\" y2=\"\(svgNumber(bottom))\" stroke=\"#dddddd\"/>"
            )
        }
        out.line(
            "<rect x=\"\(svgNumber(left))\" y=\"\(svgNumber(top))\" width=\"\(svgNumber(right - left))\" height=\"\(svgNumber(bottom - top))\" "
                + "fill=\"none\" stroke=\"#444444\"/>")

        // Ticks and their labels.
        for tick in yAxis.ticks {
            let y = area.y(tick.position)
            out.line(
                "<line x1=\"\(svgNumber(left - 5))\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(left))\" y2=\"\(svgNumber(y))\" stroke=\"#444444\"/>"
            )
            var label = escapeXML(tick.label)
            if let superscript = tick.superscript {
                label += "<tspan dy=\"-0.5em\" font-size=\"9\">\(escapeXML(superscript))</tspan>"
            }
            out.line(
                "<text x=\"\(svgNumber(left - 8))\" y=\"\(svgNumber(y))\" dy=\"0.35em\" text-anchor=\"end\" fill=\"#222222\">"
                    + "\(label)</text>")
        }
        for tick in xAxis.ticks {
            let x = area.x(tick.position)
            out.line(
                "<line x1=\"\(svgNumber(x))\" y1=\"\(svgNumber(bottom))\" x2=\"\(svgNumber(x))\" y2=\"\(svgNumber(bottom + 5))\" stroke=\"#444444\"/>"
            )
            out.line(
                "<text x=\"\(svgNumber(x))\" y=\"\(svgNumber(bottom + 18))\" text-anchor=\"middle\" fill=\"#222222\">"
                    + "\(escapeXML(tick.label))</text>")
        }

        // Axis labels.
        let xLabel = plot.versus.map { Self.nameMarkup($0.name) } ?? "step"
        out.line(
            "<text x=\"\(svgNumber((left + right) / 2))\" y=\"\(svgNumber(height - 14))\" text-anchor=\"middle\" fill=\"#222222\">"
                + "\(xLabel)</text>")
        var yLabel = plot.series.count == 1 ? Self.nameMarkup(plot.series[0].name) : "value"
        if logarithmic { yLabel += " (log scale)" }
        let yLabelX = 18.0
        let yLabelY = (top + bottom) / 2
        out.line(
            "<text x=\"\(svgNumber(yLabelX))\" y=\"\(svgNumber(yLabelY))\" text-anchor=\"middle\" fill=\"#222222\" "
                + "transform=\"rotate(-90 \(svgNumber(yLabelX)) \(svgNumber(yLabelY)))\">\(yLabel)</text>")

        // Series.
        let joinPoints = xIsMonotonic
        var anyPoint = false
        for (index, series) in plot.series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            var points: [(x: Double, y: Double)?] = []
            for (row, value) in series.values.enumerated() {
                guard row < xs.count, let px = xAxis.position(of: xs[row]), let py = yAxis.position(of: value) else {
                    points.append(nil)
                    continue
                }
                points.append((area.x(px), area.y(py)))
            }
            let drawn = points.compactMap { $0 }
            if !drawn.isEmpty { anyPoint = true }
            if joinPoints {
                let path = pathData(thinned(points, plotWidth: right - left))
                if !path.isEmpty {
                    out.line(
                        "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" "
                            + "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
                }
            }
            if !joinPoints || drawn.count <= Self.maximumMarkedPoints {
                for point in drawn {
                    out.line(
                        "<circle cx=\"\(svgNumber(point.x))\" cy=\"\(svgNumber(point.y))\" r=\"3\" fill=\"\(color)\"/>")
                }
            }
        }
        if !anyPoint {
            out.line(
                "<text x=\"\(svgNumber((left + right) / 2))\" y=\"\(svgNumber((top + bottom) / 2))\" text-anchor=\"middle\" "
                    + "fill=\"#888888\">no finite values to plot</text>")
        }
        out.line("</svg>")
        return out.text
    }

    /// Legend entries placed left to right, wrapping onto new rows, each row centred.
    private func legendLayout(maxWidth: Double) -> [[(series: Int, x: Double)]] {
        var rows: [[(series: Int, width: Double)]] = [[]]
        var rowWidth = 0.0
        for (index, series) in plot.series.enumerated() {
            let itemWidth = 28.0 + Double(series.name.count) * Self.characterWidth
            let gap = rows[rows.count - 1].isEmpty ? 0.0 : 24.0
            if rowWidth + gap + itemWidth > maxWidth && !rows[rows.count - 1].isEmpty {
                rows.append([])
                rowWidth = 0
            }
            rowWidth += (rows[rows.count - 1].isEmpty ? 0.0 : 24.0) + itemWidth
            rows[rows.count - 1].append((index, itemWidth))
        }
        return rows.map { row in
            let total = row.map(\.width).reduce(0, +) + Double(max(0, row.count - 1)) * 24.0
            var x = (Self.width - total) / 2
            var placed: [(series: Int, x: Double)] = []
            for item in row {
                placed.append((item.series, x))
                x += item.width + 24.0
            }
            return placed
        }
    }

    /// Long series keep, per pixel column, their first, lowest, highest and last point: the drawn
    /// line looks the same and the file stays small.
    private func thinned(_ points: [(x: Double, y: Double)?], plotWidth: Double) -> [(x: Double, y: Double)?] {
        let columns = Int(plotWidth)
        guard points.count > 4 * columns else { return points }
        var result: [(x: Double, y: Double)?] = []
        var bucket: [(x: Double, y: Double)] = []
        var bucketColumn = Int.min
        func flush() {
            guard !bucket.isEmpty else { return }
            var keep: [Int] = [0, bucket.count - 1]
            if let low = bucket.indices.min(by: { bucket[$0].y < bucket[$1].y }) { keep.append(low) }
            if let high = bucket.indices.max(by: { bucket[$0].y < bucket[$1].y }) { keep.append(high) }
            for i in Set(keep).sorted() { result.append(bucket[i]) }
            bucket = []
        }
        for point in points {
            guard let point else {
                flush()
                result.append(nil)
                continue
            }
            let column = Int(min(max(point.x, -1e9), 1e9).rounded(.down))
            if column != bucketColumn {
                flush()
                bucketColumn = column
            }
            bucket.append(point)
        }
        flush()
        return result
    }

    /// `M x y L x y ...`, starting a new piece after each gap (a nan or a value the axis cannot show).
    /// A point alone between gaps gets a zero-length segment, which the round line cap draws as a dot.
    private func pathData(_ points: [(x: Double, y: Double)?]) -> String {
        var parts: [String] = []
        var pieceLength = 0
        for point in points + [nil] {
            guard let point else {
                if pieceLength == 1 { parts.append("h0") }
                pieceLength = 0
                continue
            }
            parts.append((pieceLength > 0 ? "L" : "M") + svgNumber(point.x) + " " + svgNumber(point.y))
            pieceLength += 1
        }
        return parts.joined(separator: " ")
    }
}

/// The rectangle data is drawn in, and how axis units map to it.
private struct PlotArea {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var x: ChartAxis
    var y: ChartAxis

    func x(_ position: Double) -> Double {
        left + fraction(position, x) * (right - left)
    }

    func y(_ position: Double) -> Double {
        bottom - fraction(position, y) * (bottom - top)
    }

    /// Halved before subtracting, so that spans near `Double.greatestFiniteMagnitude` do not overflow.
    private func fraction(_ position: Double, _ axis: ChartAxis) -> Double {
        let span = axis.upper * 0.5 - axis.lower * 0.5
        guard span > 0 else { return 0.5 }
        return (position * 0.5 - axis.lower * 0.5) / span
    }
}

/// Lines of an SVG document.
private struct SVGWriter {
    var text = ""

    mutating func line(_ line: String) {
        text += line + "\n"
    }
}

/// A coordinate with at most two decimals, trailing zeros dropped, by integer arithmetic
/// (`12.5`, `300`, `-0.25`), so it is the same on every machine and in every locale.
func svgNumber(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let clamped = min(max(value, -1e9), 1e9)
    let hundredths = Int((clamped * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = abs(hundredths)
    let whole = magnitude / 100
    let fraction = magnitude % 100
    if fraction == 0 { return sign + String(whole) }
    if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
    return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
}

/// Text made safe inside an SVG element or attribute.
func escapeXML(_ text: String) -> String {
    var result = ""
    for c in text {
        switch c {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.append(c)
        }
    }
    return result
}
