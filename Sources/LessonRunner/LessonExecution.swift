import Autodiff
import FoundationEssentials
import GraphLanguage
import Lesson
import Report

/// Runs one lesson: read, execute every graph block in one session, render, splice, then write
/// (run) or compare (check). Also strips one lesson.
enum LessonExecution {
    static func process(path: String, options: RunOptions) -> LessonResult {
        var result = LessonResult(path: path)
        guard let document = read(path, into: &result, colored: options.colored) else { return result }
        let existingText = document.text

        let session = Session(options: sessionOptions(document.frontMatter))
        let lessonFileName = URL(fileURLWithPath: path).lastPathComponent
        var outputs: [Int: String] = [:]
        var plots: [String: String] = [:]
        var keptPlotPrefixes: [String] = []
        for block in document.blocks {
            var blockResult = BlockResult(name: block.name)
            if block.options.skip {
                blockResult.skipped = true
                keptPlotPrefixes.append(block.name + "-")
                result.blocks.append(blockResult)
                continue
            }
            let outcome = session.run(block.source, options: blockOptions(block.options, timeout: options.timeout))
            let context = RenderContext(
                lessonFileName: lessonFileName, blockName: block.name, precision: document.frontMatter.precision,
                expectError: block.options.expectError)
            let rendered = renderRegion(outcome, context: context)
            outputs[block.index] = rendered.markdown
            for plot in rendered.plots { plots[plot.fileName] = plot.contents }
            record(outcome, of: block, in: document, into: &blockResult, result: &result, colored: options.colored)
            result.blocks.append(blockResult)
        }
        for orphan in document.orphanRegions {
            let verb = options.mode == .run ? "removed" : "run gradbook run to remove it"
            let diagnostic = LessonDiagnostic(
                severity: .warning,
                message: "output region follows no graph block (\(verb))",
                line: orphan.lines.lowerBound, column: 1)
            result.messages.append(message(diagnostic, document: document, path: path, colored: options.colored))
        }

        let newText: String
        do {
            newText = try document.spliced(outputs: outputs)
        } catch {
            result.fileError = "\(path): error: could not place the outputs: \(error)"
            return result
        }
        var existingPlots = LessonFiles.existingPlots(of: path)
        for name in existingPlots.keys where keptPlotPrefixes.contains(where: { name.hasPrefix($0) }) {
            plots[name] = existingPlots[name]
        }
        let textChanged = Array(newText.utf8) != Array(existingText.utf8)
        let plotsChanged = plots != existingPlots
        switch options.mode {
        case .check:
            if textChanged || plotsChanged {
                result.stale = true
                var diff = UnifiedDiff.diff(old: existingText, new: newText, path: path)
                let assets = LessonFiles.assetsFolder(of: path)
                for name in Set(plots.keys).union(existingPlots.keys).sorted() where plots[name] != existingPlots[name]
                {
                    let state =
                        existingPlots[name] == nil ? "missing" : plots[name] == nil ? "no longer produced" : "stale"
                    diff += "plot \(assets)/\(name): \(state)\n"
                }
                result.diff = diff
            }
        case .run:
            do {
                if textChanged {
                    try LessonFiles.writeAtomically(newText, to: path)
                    result.wrote = true
                }
                if plotsChanged {
                    try LessonFiles.synchronizePlots(plots, of: path)
                    result.wrote = true
                }
            } catch {
                result.fileError = error.description
            }
            existingPlots = [:]
        }
        return result
    }

    /// `gradbook strip` on one lesson: remove every region and the managed plot files.
    static func strip(path: String) -> LessonResult {
        var result = LessonResult(path: path)
        guard let document = read(path, into: &result, colored: false) else { return result }
        do {
            let stripped = try document.stripped()
            if Array(stripped.utf8) != Array(document.text.utf8) {
                try LessonFiles.writeAtomically(stripped, to: path)
                result.wrote = true
            }
            if !LessonFiles.existingPlots(of: path).isEmpty {
                try LessonFiles.synchronizePlots([:], of: path)
                result.wrote = true
            }
        } catch let error as LessonFileError {
            result.fileError = error.description
        } catch {
            result.fileError = "\(path): error: \(error)"
        }
        return result
    }

    /// Reads and parses a lesson; on failure records why and returns nil (the file is not written).
    private static func read(_ path: String, into result: inout LessonResult, colored: Bool) -> LessonDocument? {
        guard FileSystem.kind(of: path) == .file else {
            result.fileError = LessonFileError.missing(path).description
            result.unreadable = true
            return nil
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readBytes(path)
        } catch {
            result.fileError = LessonFileError.unreadable(path, reason: error.description).description
            result.unreadable = true
            return nil
        }
        let document: LessonDocument
        do {
            document = try LessonDocument(bytes: bytes)
        } catch {
            let diagnostic = error.diagnostic
            result.fileError = "\(path):\(diagnostic.line):\(diagnostic.column): error: \(diagnostic.message)"
            result.unreadable = true
            return nil
        }
        for diagnostic in document.diagnostics {
            result.messages.append(message(diagnostic, document: document, path: path, colored: colored))
        }
        if document.hasErrors {
            result.fileError = "\(path): error: the lesson has errors; it was not run and not written"
            return nil
        }
        return document
    }

    private static func sessionOptions(_ frontMatter: FrontMatter) -> SessionOptions {
        SessionOptions(
            defaultDType: frontMatter.dtype.map(dtype) ?? .f32, seed: frontMatter.seed ?? 0,
            tolerance: frontMatter.tolerance)
    }

    private static func blockOptions(_ options: GraphBlockOptions, timeout: Double) -> BlockOptions {
        BlockOptions(
            dtype: options.dtype.map(dtype), fresh: options.fresh, trace: options.trace, diagram: options.diagram,
            timeout: timeout)
    }

    private static func dtype(_ lessonDType: LessonDType) -> DType {
        switch lessonDType {
        case .f32: return .f32
        case .f64: return .f64
        }
    }

    /// Counts checks, and turns the block's error, failed checks and warnings into file diagnostics.
    private static func record(
        _ outcome: BlockOutcome, of block: GraphBlock, in document: LessonDocument, into blockResult: inout BlockResult,
        result: inout LessonResult, colored: Bool
    ) {
        let path = result.path
        let counts = outcome.checkCounts
        blockResult.checks = counts.total
        blockResult.failedChecks = counts.failed
        for output in outcome.outputs {
            switch output {
            case .check(let check) where !check.passed:
                let summary = "check failed: \(check.text)" + brokenLinkDetail(check)
                blockResult.failedCheckSummaries.append(summary)
                result.messages.append(
                    message(
                        mapped(summary, range: check.range, block: block), document: document, path: path,
                        colored: colored))
            case .gradcheck(let gradcheck) where !gradcheck.passed:
                let summary =
                    "gradcheck failed: \(gradcheck.text): largest relative error \(gradcheck.maxRelativeError) > \(gradcheck.tolerance)"
                blockResult.failedCheckSummaries.append(summary)
                result.messages.append(
                    message(
                        mapped(summary, range: gradcheck.range, block: block), document: document, path: path,
                        colored: colored))
            default:
                break
            }
        }
        for warning in outcome.warnings {
            result.messages.append(
                message(
                    mapped(warning.message, range: warning.range, block: block, severity: .warning),
                    document: document, path: path, colored: colored))
        }
        if block.options.expectError {
            if outcome.error == nil {
                let text = "block \(block.name) has expect=error but ran without an error"
                blockResult.failure = text
                let diagnostic = LessonDiagnostic(message: text, line: block.fenceLines.lowerBound, column: 1)
                result.messages.append(message(diagnostic, document: document, path: path, colored: colored))
            }
        } else if let error = outcome.error {
            blockResult.failure = error.message
            result.messages.append(
                message(
                    mapped(error.message, range: error.range, block: block), document: document, path: path,
                    colored: colored))
            for note in error.notes {
                let range = note.range ?? error.range
                result.messages.append(
                    message(
                        mapped(note.message, range: range, block: block, severity: .note),
                        document: document, path: path, colored: colored))
            }
        }
    }

    private static func brokenLinkDetail(_ check: CheckResult) -> String {
        guard let index = check.firstBrokenLink, index > 0, index < check.links.count else { return "" }
        let left = check.links[index - 1]
        let right = check.links[index]
        return
            "; `\(left.text)` = \(formatValue(left.value, precision: nil)) but `\(right.text)` = \(formatValue(right.value, precision: nil))"
    }

    /// The one place where a block-relative range becomes a file diagnostic.
    private static func mapped(
        _ text: String, range: SourceRange, block: GraphBlock, severity: LessonDiagnostic.Severity = .error
    ) -> LessonDiagnostic {
        let start = block.filePosition(line: range.start.line, column: range.start.column)
        let length = range.end.line == range.start.line ? max(range.end.column - range.start.column, 1) : 1
        return LessonDiagnostic(severity: severity, message: text, at: start, length: length)
    }

    private static func message(
        _ diagnostic: LessonDiagnostic, document: LessonDocument, path: String, colored: Bool
    ) -> RunMessage {
        let severity: RunMessage.Severity
        switch diagnostic.severity {
        case .error: severity = .error
        case .warning: severity = .warning
        case .note: severity = .note
        }
        return RunMessage(
            severity: severity, path: path, line: diagnostic.line, column: diagnostic.column,
            message: diagnostic.message, rendered: document.render(diagnostic, path: path, colors: colored))
    }
}
