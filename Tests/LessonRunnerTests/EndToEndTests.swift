import Foundation
import Testing

/// A lesson with three blocks: the first two hand-checkable, the third with an error at a known place.
private let threeBlocks = """
    ---
    title: Fixture
    ---

    # One weight, one sample

    ```graph
    x = 1
    y = 2
    param w = 1
    loss = (w*x - y)^2
    backward loss
    show loss, w.grad
    ```

    The scope carries over.

    ```graph name=second
    check w.grad = 2*(w*x - y)*x = -2
    ```

    Text between.

    ```graph
    z = w * 3
    show zz
    ```

    """

/// The same lesson without the failing block: every check holds.
private let passing = threeBlocks.replacingOccurrences(of: "show zz\n", with: "show z\n")

@Suite struct EndToEndTests {
    @Test func runWritesOutputsAndCheckPassesRightAfter() throws {
        let folder = try ScratchFolder()
        try folder.write(passing, to: "lesson.md")
        let run = try GradbookProcess.run(["run", "lesson.md"], in: folder.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let written = try folder.read("lesson.md")
        #expect(written.contains("<!-- gradbook:begin -->"))
        // Hand derivation: loss = (1*1 - 2)^2 = 1, d(loss)/dw = 2*(w*x - y)*x = -2, z = 3.
        #expect(written.contains("| `loss` | 1 |") || written.contains("| loss | 1 |"))
        #expect(run.stdout.contains("1 lesson, 3 blocks, 1 check: all passed"), "stdout: \(run.stdout)")

        let check = try GradbookProcess.run(["check", "lesson.md"], in: folder.url)
        #expect(check.status == 0, "stderr: \(check.stderr)")
        #expect(check.stdout.contains("all passed"))
    }

    @Test func runTwiceChangesNothing() throws {
        let folder = try ScratchFolder()
        try folder.write(passing, to: "lesson.md")
        _ = try GradbookProcess.run(["run", "lesson.md"], in: folder.url)
        let first = try folder.bytes("lesson.md")
        let second = try GradbookProcess.run(["run", "lesson.md"], in: folder.url)
        #expect(second.status == 0)
        #expect(try folder.bytes("lesson.md") == first)
        #expect(!second.stdout.contains("updated"), "a second run rewrote the file: \(second.stdout)")
    }

    @Test func checkFailsWithADiffAfterAHandEditInsideARegion() throws {
        let folder = try ScratchFolder()
        try folder.write(passing, to: "lesson.md")
        _ = try GradbookProcess.run(["run", "lesson.md"], in: folder.url)
        let text = try folder.read("lesson.md")
        let edited = text.replacingOccurrences(of: "| 1 |", with: "| 7 |")
        #expect(edited != text)
        try folder.write(edited, to: "lesson.md")
        let check = try GradbookProcess.run(["check", "--diff", "lesson.md"], in: folder.url)
        #expect(check.status == 1)
        #expect(check.stderr.contains("run gradbook run lesson.md to update"), "stderr: \(check.stderr)")
        #expect(check.stdout.contains("-| ") && check.stdout.contains("| 7 |"), "diff: \(check.stdout)")
        #expect(check.stdout.contains("+| ") && check.stdout.contains("| 1 |"))
        // check writes nothing.
        #expect(try folder.read("lesson.md") == edited)
    }

    @Test(arguments: [
        ("LF", "\n", true), ("CRLF", "\r\n", true), ("no final newline", "\n", false),
        ("CRLF without final newline", "\r\n", false),
    ])
    func stripAfterRunRestoresTheOriginalBytes(label: String, ending: String, finalNewline: Bool) throws {
        let folder = try ScratchFolder()
        var text = passing.replacingOccurrences(of: "\n", with: ending) + "Trailing spaces   " + ending + "末尾"
        if finalNewline { text += ending }
        try folder.write(text, to: "lesson.md")
        let original = try folder.bytes("lesson.md")
        let run = try GradbookProcess.run(["run", "lesson.md"], in: folder.url)
        #expect(run.status == 0, "\(label): \(run.stderr)")
        let ran = try folder.bytes("lesson.md")
        #expect(ran != original)
        if ending == "\r\n" {
            // Every line of the new file, regions included, ends with CRLF.
            let lone = zip(ran.indices, ran).filter { $0.1 == 10 && ($0.0 == 0 || ran[$0.0 - 1] != 13) }
            #expect(lone.isEmpty, "\(label): bare LF in a CRLF file")
        }
        #expect((ran.last == 10) == finalNewline, "\(label): final newline changed")
        let strip = try GradbookProcess.run(["strip", "lesson.md"], in: folder.url)
        #expect(strip.status == 0)
        #expect(try folder.bytes("lesson.md") == original, "\(label): strip(run(x)) != x")
    }

    @Test func parallelJobsGiveTheSameBytesAsOne() throws {
        let one = try ScratchFolder()
        let two = try ScratchFolder()
        for folder in [one, two] {
            for i in 1...4 {
                try folder.write(passing.replacingOccurrences(of: "y = 2", with: "y = \(i)"), to: "lessons/l\(i).md")
            }
        }
        let sequential = try GradbookProcess.run(["run", "--jobs", "1", "lessons"], in: one.url)
        let parallel = try GradbookProcess.run(["run", "--jobs", "2", "lessons"], in: two.url)
        #expect(sequential.status == parallel.status)
        #expect(sequential.stdout == parallel.stdout)
        #expect(sequential.stderr == parallel.stderr)
        for i in 1...4 {
            #expect(try one.bytes("lessons/l\(i).md") == two.bytes("lessons/l\(i).md"))
        }
    }

    @Test func anErrorInTheThirdBlockIsReportedAtItsFileLineAndColumn() throws {
        let folder = try ScratchFolder()
        try folder.write(threeBlocks, to: "lesson.md")
        let run = try GradbookProcess.run(["run", "lesson.md"], in: folder.url)
        #expect(run.status == 1)
        // `show zz` is line 26 of the file; `zz` starts at column 6.
        let lines = threeBlocks.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[25] == "show zz")
        #expect(run.stderr.contains("lesson.md:26:6: error: unknown name `zz`"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("show zz\n     ^~"), "stderr: \(run.stderr)")
        #expect(run.stdout.contains("1 block with errors"), "stdout: \(run.stdout)")
        // The error is also in the lesson, under its block, and the other blocks' outputs stay.
        let written = try folder.read("lesson.md")
        #expect(written.components(separatedBy: "<!-- gradbook:begin -->").count == 4)
    }

    @Test func exitCodes() throws {
        let folder = try ScratchFolder()
        try folder.write(passing, to: "good.md")
        try folder.write("```graph\ncheck 1 + 1 = 3\n```\n", to: "bad/failing.md")
        try folder.writeBytes([0x23, 0x20, 0xFF, 0xFE, 0x0A], to: "latin1.md")
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("empty"), withIntermediateDirectories: true)

        #expect(try GradbookProcess.run(["run", "good.md"], in: folder.url).status == 0)
        #expect(try GradbookProcess.run(["run", "bad"], in: folder.url).status == 1)
        #expect(try GradbookProcess.run(["run", "missing.md"], in: folder.url).status == 2)
        #expect(try GradbookProcess.run(["run", "empty"], in: folder.url).status == 2)
        #expect(try GradbookProcess.run(["run", "--bogus"], in: folder.url).status == 2)
        #expect(try GradbookProcess.run(["check", "--format", "xml", "good.md"], in: folder.url).status == 2)
        let latin1 = try GradbookProcess.run(["run", "latin1.md"], in: folder.url)
        #expect(latin1.status == 2)
        #expect(latin1.stderr.contains("not UTF-8"), "stderr: \(latin1.stderr)")
        #expect(try folder.bytes("latin1.md") == [0x23, 0x20, 0xFF, 0xFE, 0x0A])
    }

    @Test func newRefusesToOverwriteAndItsLessonRuns() throws {
        let folder = try ScratchFolder()
        let created = try GradbookProcess.run(["new", "intro.md"], in: folder.url)
        #expect(created.status == 0)
        let template = try folder.read("intro.md")
        let again = try GradbookProcess.run(["new", "intro.md"], in: folder.url)
        #expect(again.status == 2)
        #expect(try folder.read("intro.md") == template)
        let run = try GradbookProcess.run(["run", "intro.md"], in: folder.url)
        #expect(run.status == 0, "the template must run cleanly: \(run.stderr)")
    }

    @Test func githubAndJUnitFormats() throws {
        let folder = try ScratchFolder()
        try folder.write("```graph\ncheck 1 + 1 = 3\n```\n", to: "failing.md")
        let github = try GradbookProcess.run(["check", "--format", "github", "failing.md"], in: folder.url)
        #expect(github.status == 1)
        #expect(github.stdout.contains("::error file=failing.md,line=2,col=1::check failed"), "\(github.stdout)")
        let junit = try GradbookProcess.run(["check", "--format", "junit", "failing.md"], in: folder.url)
        #expect(junit.status == 1)
        #expect(junit.stdout.hasPrefix("<?xml"))
        #expect(junit.stdout.contains("<failure message=\"check failed"))
    }

    @Test func plotFilesGoToTheAssetsFolderAndStaleOnesAreRemoved() throws {
        let folder = try ScratchFolder()
        let lesson = """
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
        try folder.write(lesson, to: "intro.md")
        try folder.write("<svg/>", to: "intro.assets/fit-old.svg")
        try folder.write("keep me", to: "intro.assets/notes.txt")
        let run = try GradbookProcess.run(["run", "intro.md"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(folder.exists("intro.assets/fit-l.svg"))
        #expect(!folder.exists("intro.assets/fit-old.svg"))
        #expect(folder.exists("intro.assets/notes.txt"))
        #expect(try folder.read("intro.md").contains("](intro.assets/fit-l.svg)"))
        #expect(try GradbookProcess.run(["check", "intro.md"], in: folder.url).status == 0)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("intro.assets/fit-l.svg"))
        #expect(try GradbookProcess.run(["check", "intro.md"], in: folder.url).status == 1)
    }
}

@Suite struct LargeOutputTests {
    /// More than a pipe's 64 KB on stderr (a hundred errors with long lines) must not hang the run.
    @Test func manyLongDiagnosticsDoNotBlock() throws {
        let folder = try ScratchFolder()
        let block = "```graph\nx = " + String(repeating: "y + ", count: 100) + "zz\n```\n\n"
        try folder.write(String(repeating: block, count: 600), to: "lesson.md")
        let run = try GradbookProcess.run(["check", "lesson.md"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.utf8.count > 65_536)
        #expect(run.stdout.contains("600 blocks"))
    }
}
