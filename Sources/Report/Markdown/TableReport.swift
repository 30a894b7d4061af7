import GraphLanguage

/// `show` and `log` tables.
enum TableReport {
    /// Tables longer than this many rows show their first and last `keptRowsAtEachEnd` rows.
    static let maximumRows = 20
    static let keptRowsAtEachEnd = 10

    /// `| expression | value |`, one row per shown expression per execution.
    static func show(_ table: ShowTable, precision: Int?) -> [String] {
        let rows = table.rows.map { row in
            [
                MarkdownText.cell(MarkdownText.code(row.expression)),
                MarkdownText.cell(formatValue(row.value, precision: precision)),
            ]
        }
        return lines(header: ["expression", "value"], rightAligned: [false, true], rows: rows)
    }

    /// One column per logged expression, one row per execution.
    static func log(_ table: LogTable, precision: Int?) -> [String] {
        let header = table.columns.map { MarkdownText.cell(MarkdownText.code($0)) }
        let rows = table.rows.map { values in
            table.columns.indices.map { column in
                column < values.count ? MarkdownText.cell(formatValue(values[column], precision: precision)) : ""
            }
        }
        return lines(header: header, rightAligned: header.map { _ in true }, rows: rows)
    }

    /// A table whose rows past `maximumRows` are summarised: the first 10, a row saying how many
    /// were left out, the last 10.
    /// Columns of numbers are right-aligned.
    static func lines(header: [String], rightAligned: [Bool], rows: [[String]]) -> [String] {
        var lines = [MarkdownText.row(header), MarkdownText.delimiterRow(rightAligned: rightAligned)]
        if rows.count > maximumRows {
            let omitted = rows.count - 2 * keptRowsAtEachEnd
            lines += rows.prefix(keptRowsAtEachEnd).map(MarkdownText.row)
            let noun = omitted == 1 ? "row" : "rows"
            let ellipsis = ["… \(omitted) more \(noun) …"] + Array(repeating: "…", count: max(0, header.count - 1))
            lines.append(MarkdownText.row(ellipsis))
            lines += rows.suffix(keptRowsAtEachEnd).map(MarkdownText.row)
        } else {
            lines += rows.map(MarkdownText.row)
        }
        return lines
    }
}
