import Foundation
import Testing

/// A lesson whose first block's output depends on `--timeout` (a loop of about 0.3 s in a debug
/// build: with `--timeout 0.05` it fails, with the default it passes), followed by a large
/// amount of prose, so that writing the file takes more than one small write, and a block with
/// a plot.
private let raceLesson: String = {
    let prose = (1...4_000).map { "Paragraph \($0): 反向传播 — the chain rule, once more, with feeling.\n\n" }.joined()
    return """
        ---
        title: Two runs at once
        ---

        ```graph
        s = 0
        for i in range(150000):
            s = s + 1
        show s
        ```

        \(prose)
        ```graph name=fit
        param w = 5
        for i in range(5):
            l = (w - 2)^2
            backward l
            step sgd(lr=0.1)
            log l
        plot l
        ```

        """
}()

/// Runs two commands on `lesson.md` at the same time (each `gradbook` in its own process).
private func together(
    _ first: [String], _ second: [String], in folder: URL
) async throws -> (GradbookProcess.Output, GradbookProcess.Output) {
    async let a = GradbookProcess.run(first + ["lesson.md"], in: folder)
    async let b = GradbookProcess.run(second + ["lesson.md"], in: folder)
    return try await (a, b)
}

/// SPEC §5.1: a file is replaced by write-to-temp-then-rename, so processes racing on one lesson
/// leave one of the valid results, never a mix, and no temporary file behind.
@Suite struct ConcurrentRunTests {
    /// The bytes one `gradbook ARGS lesson.md` makes of the lesson, alone.
    private func result(of arguments: [String], from text: String) throws -> (text: [UInt8], plots: [String: [UInt8]]) {
        let folder = try ScratchFolder()
        try folder.write(text, to: "lesson.md")
        _ = try GradbookProcess.run(arguments + ["lesson.md"], in: folder.url)
        return (try folder.bytes("lesson.md"), try plots(in: folder))
    }

    private func plots(in folder: ScratchFolder) throws -> [String: [UInt8]] {
        let assets = folder.url.appendingPathComponent("lesson.assets")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: assets.path)) ?? []
        var plots: [String: [UInt8]] = [:]
        for name in names { plots[name] = try folder.bytes("lesson.assets/\(name)") }
        return plots
    }

    private func leftovers(in folder: ScratchFolder) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        return names.filter { $0 != "lesson.md" && $0 != "lesson.assets" }
    }

    @Test func twoRunsWithDifferentResultsLeaveOneOfThem() async throws {
        let quick = ["run", "--timeout", "0.05"]
        let patient = ["run"]
        let failed = try result(of: quick, from: raceLesson)
        let passed = try result(of: patient, from: raceLesson)
        // The two valid results differ (in the first block's region), and share their plot.
        #expect(failed.text != passed.text)
        #expect(String(decoding: failed.text, as: UTF8.self).contains("ran longer than the timeout of 0.05 s"))
        #expect(String(decoding: passed.text, as: UTF8.self).contains("| `s` | 150000 |"))
        #expect(failed.plots == passed.plots && failed.plots.count == 1)

        var outcomes: [String: Int] = [:]
        for round in 0..<12 {
            let folder = try ScratchFolder()
            try folder.chmod(0o640, "lesson.md", text: raceLesson)
            let (a, b) = try await together(
                round % 2 == 0 ? quick : patient, round % 2 == 0 ? patient : quick, in: folder.url)
            let bytes = try folder.bytes("lesson.md")
            let which = bytes == failed.text ? "quick" : bytes == passed.text ? "patient" : "a mix"
            outcomes[which, default: 0] += 1
            #expect(which != "a mix", "round \(round): the file is neither valid result (\(bytes.count) bytes)")
            #expect(![a.status, b.status].contains(2), "round \(round): \(a.stderr) \(b.stderr)")
            #expect(!(a.stderr + b.stderr).contains("cannot write"), "round \(round): \(a.stderr) \(b.stderr)")
            #expect(try plots(in: folder) == passed.plots, "round \(round): plot files")
            let left = try leftovers(in: folder)
            #expect(left.isEmpty, "round \(round): left behind: \(left)")
            #expect(try folder.mode("lesson.md") == 0o640, "round \(round): the file's mode changed")
        }
        print("two runs at once, final file: \(outcomes)")
    }

    @Test func runAndStripAtOnceLeaveTheRunOrTheStrippedLesson() async throws {
        let ran = try result(of: ["run"], from: raceLesson)
        for round in 0..<12 {
            let folder = try ScratchFolder()
            // Start from the run lesson, so that both commands have something to write.
            try folder.writeBytes(ran.text, to: "lesson.md")
            let (a, b) = try await together(["run"], ["strip"], in: folder.url)
            let bytes = try folder.bytes("lesson.md")
            #expect(
                bytes == ran.text || bytes == Array(raceLesson.utf8),
                "round \(round): the file is neither the run nor the stripped lesson (\(bytes.count) bytes)")
            #expect(![a.status, b.status].contains(2), "round \(round): \(a.stderr) \(b.stderr)")
            let left = try leftovers(in: folder)
            #expect(left.isEmpty, "round \(round): left behind: \(left)")
        }
    }
}

extension ScratchFolder {
    /// Writes `text` to `name` and gives it the permission bits `mode`.
    func chmod(_ mode: mode_t, _ name: String, text: String) throws {
        try write(text, to: name)
        try FileManager.default.setAttributes(
            [.posixPermissions: NSNumber(value: mode)], ofItemAtPath: url.appendingPathComponent(name).path)
    }

    /// The permission bits of `name`.
    func mode(_ name: String) throws -> mode_t {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.appendingPathComponent(name).path)
        return mode_t((attributes[.posixPermissions] as? NSNumber)?.uint16Value ?? 0)
    }
}
