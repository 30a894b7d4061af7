/// Prints diagnostics (stderr), progress and the summary line in the chosen format.
struct RunPrinter {
    var options: RunOptions

    private func standardError(_ text: String) {
        FileSystem.print(text, toStandardError: true)
    }

    private func standardOutput(_ text: String) {
        FileSystem.print(text, toStandardError: false)
    }

    private func paint(_ text: String, _ code: String) -> String {
        options.colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func fileError(_ message: String) {
        standardError(paint(message, "1;31"))
    }

    /// Everything about one lesson: its diagnostics, then (text format) what was done to it.
    func lesson(_ result: LessonResult) {
        switch options.format {
        case .github:
            for message in result.messages where !(options.quiet && message.severity != .error) {
                standardOutput(CIFormats.githubAnnotation(message))
            }
            if result.stale {
                standardOutput(
                    "::error file=\(result.path)::outputs are not current: run gradbook run \(result.path) to update")
            }
        case .junit, .text:
            for message in result.messages where !(options.quiet && message.severity != .error) {
                standardError(message.rendered)
            }
        }
        if options.format == .junit { return }
        if let fileError = result.fileError, result.messages.isEmpty {
            standardError(paint(fileError, "1;31"))
        }
        if result.stale {
            let line = "\(result.path): outputs are not current: run gradbook run \(result.path) to update"
            if options.format == .text { standardError(paint(line, "1;33")) }
            if options.showDiff, !result.diff.isEmpty { standardOutput(result.diff) }
        }
        if result.wrote, !options.quiet {
            standardOutput("updated \(result.path)")
        }
    }

    /// The summary line that ends every run, and the JUnit report.
    func finish(_ results: [LessonResult]) {
        if options.format == .junit {
            standardOutput(CIFormats.junit(results))
        }
        let blocks = results.reduce(0) { $0 + $1.blocks.count }
        let checks = results.reduce(0) { $0 + $1.checks }
        var problems: [String] = []
        let failedChecks = results.reduce(0) { $0 + $1.failedChecks }
        let failedBlocks = results.reduce(0) { $0 + $1.failedBlocks }
        let brokenLessons = results.filter { $0.fileError != nil }.count
        let staleLessons = results.filter(\.stale).count
        if failedChecks > 0 { problems.append("\(failedChecks) failed") }
        if failedBlocks > 0 { problems.append("\(plural(failedBlocks, "block")) with errors") }
        if brokenLessons > 0 { problems.append("\(plural(brokenLessons, "lesson")) not run") }
        if staleLessons > 0 {
            problems.append("\(plural(staleLessons, "lesson")) with stale outputs (run gradbook run to update)")
        }
        let head = "\(plural(results.count, "lesson")), \(plural(blocks, "block")), \(plural(checks, "check"))"
        summary(head + ": " + (problems.isEmpty ? "all passed" : problems.joined(separator: ", ")))
    }

    func summary(_ line: String) {
        if options.format == .junit {
            standardError(line)
        } else {
            standardOutput(line)
        }
    }
}
