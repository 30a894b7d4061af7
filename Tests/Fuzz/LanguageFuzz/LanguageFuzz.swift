// libFuzzer target for the graph language: lex, parse, run (small limits), render, splice.
//
// Built by Tests/Fuzz/run.sh against the GraphLanguage, Autodiff, Report and Lesson modules of a
// fuzzer-instrumented SwiftPM build; not part of the package.
//
// An input is one or more graph blocks of one lesson, separated by lines `%%`. A separator line
// may carry block options: `%% fresh f64 trace diagram expect`. Every block runs in the same
// `Session` (a notebook kernel) with `BlockOptions(statementLimit: 10_000, timeout: 1)`.
//
// Beyond "no crash", the target checks what must hold for every input:
// - a parse (or lexing) error is the outcome's error, and nothing ran;
// - every diagnostic (parse, run, warning) points into its block, and renders;
// - the rendered region splices into a one-block lesson (splicing reads it back).

import Lesson
import Report

@testable import GraphLanguage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stops the fuzzer on a broken property, with the input's block and the reason on stderr.
func violated(_ what: String, in source: String) -> Never {
    fputs("PROPERTY VIOLATED: \(what)\n--- block ---\n\(source)\n--- end ---\n", stderr)
    abort()
}

/// The lines of a block as the language counts them (`\n`, `\r\n`, `\r` end a line).
func characterLines(_ source: String) -> [[Character]] {
    SourceText(source).lines
}

/// A diagnostic of `source` must start on one of its lines, at most one column past its end.
func checkPointsIntoSource(_ diagnostic: Diagnostic, _ source: String, _ what: String) {
    let lines = characterLines(source)
    let start = diagnostic.range.start
    guard start.line >= 1, start.line <= lines.count else {
        violated("\(what) diagnostic on line \(start.line) of \(lines.count): \(diagnostic)", in: source)
    }
    guard start.column >= 1, start.column <= lines[start.line - 1].count + 1 else {
        violated(
            "\(what) diagnostic at column \(start.column) of a \(lines[start.line - 1].count)-character line: \(diagnostic)",
            in: source)
    }
    guard diagnostic.range.start <= diagnostic.range.end else {
        violated("\(what) diagnostic range ends before it starts: \(diagnostic.range)", in: source)
    }
    if diagnostic.rendered(source: source).isEmpty {
        violated("\(what) diagnostic renders as nothing: \(diagnostic)", in: source)
    }
}

/// One block of the input and the options its separator line gave it.
struct FuzzBlock {
    var source: String
    var options = BlockOptions(timeout: 1, statementLimit: 10_000)
    var expectError = false
}

/// Splits the input at lines `%%...`; the words after `%%` are the next block's options.
func blocks(of text: String) -> [FuzzBlock] {
    var result: [FuzzBlock] = []
    var current = FuzzBlock(source: "")
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        guard line.hasPrefix("%%") else {
            current.source += line + "\n"
            continue
        }
        result.append(current)
        current = FuzzBlock(source: "")
        for word in line.dropFirst(2).split(separator: " ") {
            switch word {
            case "fresh": current.options.fresh = true
            case "f64": current.options.dtype = .f64
            case "f32": current.options.dtype = .f32
            case "trace": current.options.trace = true
            case "diagram": current.options.diagram = true
            case "expect": current.expectError = true
            default: break
            }
        }
    }
    result.append(current)
    return result
}

/// A backtick fence that no line of `source` can close.
func fence(for source: String) -> String {
    var longest = 0
    var run = 0
    for character in source {
        run = character == "`" ? run + 1 : 0
        longest = max(longest, run)
    }
    return String(repeating: "`", count: max(3, longest + 1))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let session = Session(options: SessionOptions(defaultDType: size % 2 == 0 ? .f32 : .f64, seed: UInt64(size)))
    for (number, block) in blocks(of: text).enumerated() {
        let source = block.source

        // parseProgram lexes first: a lexing error is its error, unchanged.
        var parseError: Diagnostic?
        if case .failure(let diagnostic) = parseProgram(source) {
            parseError = diagnostic
            checkPointsIntoSource(diagnostic, source, "parse")
        }

        let outcome = session.run(source, options: block.options)
        if let parseError {
            guard outcome.error == parseError, outcome.outputs.isEmpty else {
                violated("a block that does not parse ran: \(String(describing: outcome.error))", in: source)
            }
        }
        if let error = outcome.error { checkPointsIntoSource(error, source, "run") }
        for warning in outcome.warnings { checkPointsIntoSource(warning, source, "warning") }

        let context = RenderContext(
            lessonFileName: "fuzz.md", blockName: "block-\(number + 1)", precision: size % 3 == 0 ? 4 : nil,
            expectError: block.expectError)
        let region = renderRegion(outcome, context: context)

        // Whatever a block produces can be written under it and reads back as written.
        let ticks = fence(for: source)
        let lesson = LessonDocument(text: "\(ticks)graph\n\(source)\(ticks)\n")
        if !lesson.hasErrors, lesson.blocks.count == 1 {
            do {
                // spliced(outputs:) reads its result back: the region's body must be `markdown`.
                _ = try lesson.spliced(outputs: [1: region.markdown])
            } catch {
                violated(
                    "the rendered region cannot be spliced: \(error)\n--- region ---\n\(region.markdown)", in: source)
            }
        }
    }
    return 0
}
