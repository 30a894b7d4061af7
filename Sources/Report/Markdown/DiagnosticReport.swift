import GraphLanguage

/// Errors and warnings as paragraphs: `❌ 3:5: error: MESSAGE`, one hard-broken line per note.
///
/// Positions are block-relative (line 1 is the first line inside the fence), so that the output
/// stays the same when prose above the block changes; the command line reports file positions.
enum DiagnosticReport {
    static func lines(for diagnostic: Diagnostic, marker: String, severityText: String? = nil) -> [String] {
        let severity = severityText ?? diagnostic.severity.rawValue
        var lines = ["\(marker) \(diagnostic.range.start): \(severity): \(MarkdownText.prose(diagnostic.message))"]
        for note in diagnostic.notes {
            let place = note.range.map { "\($0.start): " } ?? ""
            lines.append("↳ \(place)note: \(MarkdownText.prose(note.message))")
        }
        // A backslash at the end of a line is a CommonMark hard line break.
        return lines.enumerated().map { $0.offset < lines.count - 1 ? $0.element + "\\" : $0.element }
    }
}
