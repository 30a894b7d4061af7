import GraphLanguage

/// `show` and `log` tables, and the summarising of long tables.
enum TableReport {
    /// `show` and `log` tables longer than this show their first and last 10 rows (SPEC §3).
    static let maximumRows = 20

    /// `| expression | value |`, one row per shown expression per execution.
    static func show(_ table: ShowTable, precision: Int?) -> [String] {
        lines(header: ["expression", "value"], rightAligned: [false, true], rowCount: table.rows.count) { index in
            let row = table.rows[index]
            return [
                MarkdownText.cell(MarkdownText.code(row.expression)),
                MarkdownText.cell(formatValue(row.value, precision: precision)),
            ]
        }
    }

    /// One column per logged expression, one row per execution.
    static func log(_ table: LogTable, precision: Int?) -> [String] {
        let header = table.columns.map { MarkdownText.cell(MarkdownText.code($0)) }
        return lines(header: header, rightAligned: header.map { _ in true }, rowCount: table.rows.count) { index in
            let values = table.rows[index]
            return table.columns.indices.map { column in
                column < values.count ? MarkdownText.cell(formatValue(values[column], precision: precision)) : ""
            }
        }
    }

    /// A table of `rowCount` rows built by `row` (cells already escaped). Past `maximumRows` rows,
    /// only the first and last half of `maximumRows` are built and shown, around a row saying how
    /// many were left out. Columns of numbers are right-aligned.
    static func lines(
        header: [String], rightAligned: [Bool], rowCount: Int, maximumRows: Int = maximumRows,
        row: (Int) -> [String]
    ) -> [String] {
        var lines = [MarkdownText.row(header), MarkdownText.delimiterRow(rightAligned: rightAligned)]
        guard rowCount > maximumRows else {
            lines += (0..<rowCount).map { MarkdownText.row(row($0)) }
            return lines
        }
        let kept = maximumRows / 2
        let omitted = rowCount - 2 * kept
        lines += (0..<kept).map { MarkdownText.row(row($0)) }
        let noun = omitted == 1 ? "row" : "rows"
        let ellipsis = ["… \(omitted) more \(noun) …"] + Array(repeating: "…", count: max(0, header.count - 1))
        lines.append(MarkdownText.row(ellipsis))
        lines += (rowCount - kept..<rowCount).map { MarkdownText.row(row($0)) }
        return lines
    }
}
