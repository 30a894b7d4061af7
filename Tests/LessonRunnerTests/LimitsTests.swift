import Foundation
import Testing

/// A lesson whose first block (file lines 4 on) is `body`, and whose second block shows `after = 42`.
private func lesson(_ body: String) -> String {
    "# Limits\n\n```graph\n" + body + "\n```\n\nThe next block still runs.\n\n```graph\nafter = 42\nshow after\n```\n"
}

/// Runs `gradbook ARGS` in `folder` like `GradbookProcess.run`, but with stdout and stderr going
/// to files: some of these runs print more than a pipe holds (a 100,000-character source line),
/// and `GradbookProcess.run` reads its two pipes one after the other.
func runCapturingLargeOutput(_ arguments: [String], in folder: URL) throws -> GradbookProcess.Output {
    let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-output-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: outputs) }
    let outURL = outputs.appendingPathComponent("stdout")
    let errURL = outputs.appendingPathComponent("stderr")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = GradbookProcess.executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return GradbookProcess.Output(
        status: process.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
        stderr: try String(contentsOf: errURL, encoding: .utf8))
}

/// The file line of `body`'s line `n` (1-based) in `lesson(body)`.
private func fileLine(_ n: Int) -> Int { 3 + n }

/// Runs `lesson(body)` through the executable and checks what every limit of SPEC §2.8 promises:
/// exit 1, no crash, a clear error at the right file line and column, the error in the block's
/// region, and the next block's output present. Returns the run for further checks.
@discardableResult
private func expectLimitError(
    _ body: String, arguments: [String] = [], line: Int, column: Int, message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> (run: GradbookProcess.Output, written: String, seconds: Double) {
    let folder = try ScratchFolder()
    try folder.write(lesson(body), to: "lesson.md")
    let start = Date()
    let run = try runCapturingLargeOutput(["run"] + arguments + ["lesson.md"], in: folder.url)
    let seconds = Date().timeIntervalSince(start)
    let written = try folder.read("lesson.md")
    #expect(
        run.status == 1, "exit status \(run.status); stderr: \(run.stderr.prefix(2_000))",
        sourceLocation: sourceLocation)
    #expect(
        run.stderr.contains("lesson.md:\(fileLine(line)):\(column): error: \(message)"),
        "stderr: \(run.stderr.prefix(2_000))", sourceLocation: sourceLocation)
    #expect(
        run.stdout.contains("1 lesson, 2 blocks, 0 checks: 1 block with errors"), "stdout: \(run.stdout)",
        sourceLocation: sourceLocation)
    // The region of the failing block holds the error at its block-relative position.
    #expect(written.contains("❌ \(line):\(column): error: \(message)"), sourceLocation: sourceLocation)
    // The next block ran: its output is there.
    #expect(
        written.contains("| `after` | 42 |"), "the next block did not run:\n\(written.suffix(500))",
        sourceLocation: sourceLocation)
    return (run, written, seconds)
}

/// Every limit of SPEC §2.8, from a lesson file through the `gradbook` executable.
@Suite struct LimitsTests {
    @Test func aTensorOfMoreThanTenMillionElements() throws {
        // Exactly 10,000,000 elements is allowed; one more is not.
        let (_, written, _) = try expectLimitError(
            "ok = zeros(10000000)\nshow len(ok)\nbig = zeros(10000001)", line: 3, column: 7,
            message: "a tensor of shape 10000001 exceeds the limit of 10,000,000 elements")
        #expect(written.contains("| `len(ok)` | 10000000 |"), "output before the error is kept")
    }

    @Test func anOperationWhoseResultHasMoreThanTenMillionElements() throws {
        // Broadcasting 4000×1 against 1×2501 makes 10,004,000 elements; so does their outer product.
        try expectLimitError(
            "a = zeros(4000, 1)\nb = zeros(1, 2501)\nc = a + b", line: 3, column: 5,
            message: "a tensor of shape 4000×2501 exceeds the limit of 10,000,000 elements")
        try expectLimitError(
            "a = zeros(4000, 1)\nb = zeros(1, 2501)\nc = a @ b", line: 3, column: 5,
            message: "a tensor of shape 4000×2501 exceeds the limit of 10,000,000 elements")
    }

    @Test func shapesWhoseElementCountOverflowsAnInteger() throws {
        // 2^32 × 2^32 overflows Int64: still the clear limit error, never an arithmetic trap.
        try expectLimitError(
            "a = zeros(4294967296, 4294967296)", line: 1, column: 5,
            message: "a tensor of shape 4294967296×4294967296 exceeds the limit of 10,000,000 elements")
        try expectLimitError(
            "a = reshape(zeros(4), 2097152, 2097152, 2097152)", line: 1, column: 5,
            message: "a tensor of shape 2097152×2097152×2097152 exceeds the limit of 10,000,000 elements")
    }

    /// Found while testing the limits: 2^63 - 1 is a whole number, yet the message says it is not.
    @Test func aSizeTooLargeForAnIntegerIsReportedAsTooLarge() throws {
        let folder = try ScratchFolder()
        try folder.write(lesson("a = zeros(9223372036854775807, 2)"), to: "lesson.md")
        let run = try GradbookProcess.run(["run", "lesson.md"], in: folder.url)
        #expect(run.status == 1)
        withKnownIssue("the message says `must be a whole number, not 9.223372036854776e+18`") {
            #expect(run.stderr.contains("exceeds the limit of 10,000,000 elements"), "stderr: \(run.stderr)")
        }
    }

    /// 10,000,001 executed statements: the cheapest statement there is, in a loop (about 12 s in
    /// a debug build; nothing shorter is honest, since the limit counts executed statements).
    @Test func moreThanTenMillionExecutedStatementsInOneBlock() throws {
        let (_, _, seconds) = try expectLimitError(
            "s = 0\nfor i in range(10000001):\n    s = 1", arguments: ["--timeout", "600"], line: 3, column: 5,
            message: "this block ran more than 10,000,000 statements, the limit for one block")
        print("10,000,001 statements: \(String(format: "%.1f", seconds)) s")
    }

    @Test func expressionNestingDeeperThan256() throws {
        // A line of 100,000 `(`: the 257th is where the nesting goes too deep (column 4 + 257).
        let (run, _, _) = try expectLimitError(
            "x = " + String(repeating: "(", count: 100_000), line: 1, column: 261,
            message: "the expression nests deeper than 256 levels (brackets, operators, calls)")
        // The file diagnostic shows a window of the 100,000-character line, not all of it.
        #expect(run.stderr.utf8.count < 5_000, "stderr holds \(run.stderr.utf8.count) bytes")
    }

    @Test func otherDeepNestingsAreTheSameClearError() throws {
        let message = "the expression nests deeper than 256 levels (brackets, operators, calls)"
        try expectLimitError("x = " + String(repeating: "[", count: 100_000), line: 1, column: 261, message: message)
        try expectLimitError(
            "x = " + String(repeating: "exp(", count: 100_000), line: 1, column: 1032, message: message)
        // A unary minus and a right-associative power chain, 100,000 deep.
        try expectLimitError(
            "x = " + String(repeating: "- ", count: 100_000) + "1", line: 1, column: 517, message: message)
        try expectLimitError(
            "x = " + String(repeating: "1^", count: 100_000) + "1", line: 1, column: 518, message: message)
        // Loops nest too: 300 loops, one inside the other.
        let loops = (0..<300).map { String(repeating: " ", count: $0) + "for i\($0) in range(1):" }
        try expectLimitError(
            loops.joined(separator: "\n") + "\n" + String(repeating: " ", count: 300) + "x = 1", line: 257,
            column: 257, message: "loops nest deeper than 256 levels")
    }

    @Test func aBlockRunningLongerThanTheTimeout() throws {
        let (_, _, seconds) = try expectLimitError(
            "s = 0\nfor i in range(100000000):\n    s = s + 1", arguments: ["--timeout", "1"], line: 3, column: 5,
            message: "this block ran longer than the timeout of 1 s")
        // It stopped near the timeout, not at the end of the loop (minutes away).
        #expect(seconds < 10, "the run took \(seconds) s")
    }

    /// Found while testing the limits: the clock is read between statements only (and then only
    /// every 1,024 statements), so one long statement runs to its end, however long: here a
    /// 400×400 matrix product, about 1 s in a debug build, finishes without an error under
    /// `--timeout 0.1`. At the element limit (3162×3162) one such statement takes minutes.
    @Test func oneLongStatementIsNotStoppedByTheTimeout() throws {
        let folder = try ScratchFolder()
        try folder.write(lesson("a = ones(400, 400)\nb = a @ a\nshow b[0, 0]"), to: "lesson.md")
        let run = try GradbookProcess.run(["run", "--timeout", "0.1", "lesson.md"], in: folder.url)
        let written = try folder.read("lesson.md")
        #expect(written.contains("| `after` | 42 |"))
        withKnownIssue("a statement is never interrupted by the timeout") {
            #expect(run.status == 1)
            #expect(run.stderr.contains("this block ran longer than the timeout of 0.1 s"), "stderr: \(run.stderr)")
        }
    }
}
