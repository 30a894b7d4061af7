import Foundation
import Testing

@testable import LessonRunner

/// SplitMix64, so that every run generates the same lessons.
struct SeededGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// A generated lesson: its bytes, and what `strip` must make of them, known from how it was built.
struct GeneratedLesson {
    var text: String
    /// The text without its output regions (each with the empty line just before it).
    var withoutRegions: String
    var hasRegions: Bool
    var usesCRLF: Bool
    var endsWithNewline: Bool
}

/// Random Markdown lessons: prose (non-ASCII, math, HTML, nested graph blocks), other code blocks,
/// graph blocks with small valid and invalid programs and every option, stale output regions
/// after blocks, orphan regions, LF or CRLF, with or without a final newline.
struct LessonDocumentGenerator {
    var random: SeededGenerator

    static let prose = [
        "Plain prose about gradients.", "Trailing spaces   ", "反向传播：链式法则的应用。", "Ünïcödé, emoji 🎓, combining é",
        "Math $\\frac{\\partial L}{\\partial w} = 2(wx - y)x$ inline.", "# A heading", "## 第二节", "- a list item",
        "1. numbered", "> a quotation", "<div>html block</div>", "<!-- an author's comment -->", "***",
        "A line with `code` and **bold**.", "    indented code, not a graph block",
        "- nested\n\n  ```graph\n  x = 99\n  ```", "> ```graph\n> y = 98\n> ```", "```python\nprint('not run')\n```",
        "~~~text\n```graph\nnot a block either\n```\n~~~",
    ]

    /// Small programs; `A`, `B`, `C` become small integers. Some fail (parse or runtime errors).
    static let programs = [
        "x = A\ny = B\nparam w = C\nloss = (w*x - y)^2\nbackward loss\nshow loss, w.grad",
        "v = [A, B, C]\nshow sum(v), mean(v)\ncheck max(v) >= min(v)",
        "param p = A\nfor i in range(3):\n    l = (p - B)^2\n    backward l\n    step sgd(lr=0.1)\n    log i, l\nplot l",
        "m = [[A, B], [C, 1]]\nshow m @ m, m.T, m.shape",
        "损失 = A\nŷ = 损失 * B\nshow ŷ\ncheck ŷ = 损失 * B",
        "param t = A\nf = t^2 - B*t\ncheck d(f)/d(t) = 2*t - B",
        "param a = [A, B]\nQ = 3*a^3\nbackward Q, [1, 1]\ncheck a.grad = 9*a^2",
        "s = 0\nfor xi, yi in zip([A, B], [C, 1]):\n    s = s + xi*yi\nshow s",
        "x = (A +",
        "show not_defined_anywhere",
        "param q = A\nq = B",
        "backward [A, B]",
        "x = A\n\tshow x",
        "show x",
    ]

    static let options = [
        "", " fresh", " dtype=f64", " skip", " trace", " diagram", " expect=error", " fresh dtype=f64",
    ]

    static let staleBodies = [
        "stale output", "| expression | value |\n|---|--:|\n| `x` | 旧 |", "", "❌ 1:1: error: old",
    ]

    mutating func lesson() -> GeneratedLesson {
        // Each piece: its lines, and whether it is an output region (removed by strip).
        var pieces: [(lines: [String], isRegion: Bool)] = []
        if random.chance(30) {
            pieces.append(
                (
                    [
                        "---", "title: \(random.pick(["Intro", "反向传播", "Gradients"]))",
                        "dtype: \(random.pick(["f32", "f64"]))", "seed: \(random.below(5))", "---",
                    ], false
                ))
        }
        var blockNumber = 0
        var hasRegions = false
        for _ in 0..<(1 + random.below(6)) {
            if !pieces.isEmpty {
                pieces.append(([""], false))
                if random.chance(20) { pieces.append(([random.pick(["", "   "])], false)) }
            }
            switch random.below(5) {
            case 0, 1:
                pieces.append((random.pick(Self.prose).components(separatedBy: "\n"), false))
            default:
                blockNumber += 1
                let fence = random.chance(25) ? "~~~" : random.pick(["```", "````"])
                var info = "graph" + random.pick(Self.options)
                if random.chance(30) { info += " name=b\(blockNumber)" }
                if random.chance(3) { info += " expect=eror" }  // a lesson error: nothing is written
                let program = random.pick(Self.programs)
                    .replacingOccurrences(of: "A", with: "\(1 + random.below(4))")
                    .replacingOccurrences(of: "B", with: "\(random.below(5))")
                    .replacingOccurrences(of: "C", with: "\(1 + random.below(3))")
                pieces.append(([fence + info] + program.components(separatedBy: "\n") + [fence], false))
                if random.chance(35) {
                    // An existing region: right after the fence, or after an empty line.
                    if random.chance(70) { pieces.append(([""], false)) }
                    pieces.append((regionLines(), true))
                    hasRegions = true
                }
            }
            if random.chance(8) {
                pieces.append(([""], false))
                pieces.append((regionLines(), true))  // an orphan, after prose or a region
                hasRegions = true
            }
        }

        var lines: [String] = []
        var kept: [String] = []
        for piece in pieces {
            lines += piece.lines
            if piece.isRegion {
                if kept.last == "" { kept.removeLast() }
            } else {
                kept += piece.lines
            }
        }
        let crlf = random.chance(30)
        let ending = crlf ? "\r\n" : "\n"
        let finalNewline = !random.chance(25)
        func join(_ lines: [String]) -> String {
            lines.joined(separator: ending) + (finalNewline ? ending : "")
        }
        return GeneratedLesson(
            text: join(lines), withoutRegions: join(kept), hasRegions: hasRegions, usesCRLF: crlf,
            endsWithNewline: finalNewline)
    }

    private mutating func regionLines() -> [String] {
        let body = random.pick(Self.staleBodies)
        return ["<!-- gradbook:begin -->"] + (body.isEmpty ? [] : body.components(separatedBy: "\n"))
            + ["<!-- gradbook:end -->"]
    }
}

/// Properties of `run` and `strip` over random lessons (SPEC §1.3, §5.1, §5.2), through the
/// runner's own code path (the same one the executable calls), and for a few through the executable.
@Suite struct RunPropertyTests {
    static let lessonCount = 500

    static func lessons() -> [GeneratedLesson] {
        var generator = LessonDocumentGenerator(random: SeededGenerator(state: 0x6772_6164))
        return (0..<lessonCount).map { _ in generator.lesson() }
    }

    private static func run(_ path: String) -> LessonResult {
        LessonExecution.process(path: path, options: RunOptions(mode: .run, timeout: 10))
    }

    @Test func stripOfRunIsTheOriginalAndRunIsIdempotent() throws {
        let folder = try ScratchFolder()
        let path = folder.url.appendingPathComponent("lesson.md").path
        var withRegions = 0
        var written = 0
        var refused = 0
        for (number, lesson) in Self.lessons().enumerated() {
            let label = "lesson \(number): \(lesson.text.debugDescription)"
            try folder.write(lesson.text, to: "lesson.md")
            let first = Self.run(path)
            let once = try folder.bytes("lesson.md")
            if first.wrote { written += 1 }

            // The line ending style and the missing final newline are kept, regions included.
            if lesson.usesCRLF {
                let bareLF = zip(once.indices, once).contains { $0.1 == 10 && ($0.0 == 0 || once[$0.0 - 1] != 13) }
                #expect(!bareLF, "bare LF written into a CRLF lesson: \(label)")
            }
            #expect((once.last == 10) == lesson.endsWithNewline, "final newline changed: \(label)")

            // run(run(x)) == run(x), and check right after run finds nothing stale.
            let second = Self.run(path)
            #expect(!second.wrote, "a second run wrote: \(label)")
            #expect(try folder.bytes("lesson.md") == once, "run(run(x)) != run(x): \(label)")
            let check = LessonExecution.process(path: path, options: RunOptions(mode: .check, timeout: 10))
            #expect(!check.stale, "check after run reports stale outputs: \(label)\n\(check.diff)")

            // strip(run(x)) is x without its regions: text outside regions is unchanged, byte for
            // byte (for x without regions, x itself).
            _ = LessonExecution.strip(path: path)
            let stripped = try folder.bytes("lesson.md")
            if first.fileError == nil {
                #expect(stripped == Array(lesson.withoutRegions.utf8), "strip(run(x)) changed the text: \(label)")
                if !lesson.hasRegions {
                    #expect(stripped == Array(lesson.text.utf8), "strip(run(x)) != x: \(label)")
                }
                let assets = folder.url.appendingPathComponent("lesson.assets").path
                let plots = (try? FileManager.default.contentsOfDirectory(atPath: assets)) ?? []
                #expect(!plots.contains { $0.hasSuffix(".svg") }, "strip left plot files: \(label)")
            } else {
                refused += 1
                // A lesson with errors is never written, by run or by strip.
                #expect(
                    once == Array(lesson.text.utf8) && stripped == once, "a lesson with errors was written: \(label)")
            }
            if lesson.hasRegions { withRegions += 1 }
        }
        // The generator really made lessons with regions, and run really wrote most of them.
        #expect(withRegions > Self.lessonCount / 5)
        #expect(written > Self.lessonCount / 2)
        #expect(refused > 0 && refused < Self.lessonCount / 5)
    }

    /// The executable gives the same bytes as the runner's code path the properties above use.
    @Test func theExecutableWritesWhatTheRunnerComputes() throws {
        let lessons = Self.lessons().prefix(6)
        let folder = try ScratchFolder()
        for (number, lesson) in lessons.enumerated() {
            try folder.write(lesson.text, to: "exe/l\(number).md")
            try folder.write(lesson.text, to: "lib/l\(number).md")
        }
        _ = try GradbookProcess.run(["run", "exe"], in: folder.url)
        for number in lessons.indices {
            _ = Self.run(folder.url.appendingPathComponent("lib/l\(number).md").path)
            #expect(try folder.bytes("exe/l\(number).md") == folder.bytes("lib/l\(number).md"))
        }
        _ = try GradbookProcess.run(["strip", "exe"], in: folder.url)
        for (number, lesson) in lessons.enumerated() {
            #expect(try folder.bytes("exe/l\(number).md") == Array(lesson.withoutRegions.utf8))
        }
    }
}

/// Regression tests for what the lesson fuzzer (Tests/Fuzz) found, each from its minimized input,
/// through the executable.
@Suite struct FuzzFindingTests {
    /// Runs `gradbook ARGS lesson.md` on `text`; returns the run and the file's bytes after it.
    private func gradbook(_ arguments: [String], on text: String, in folder: ScratchFolder) throws -> (
        run: GradbookProcess.Output, bytes: [UInt8]
    ) {
        try folder.write(text, to: "lesson.md")
        let run = try GradbookProcess.run(arguments + ["lesson.md"], in: folder.url)
        return (run, try folder.bytes("lesson.md"))
    }

    /// Runs, runs again, strips: the second run writes nothing, and strip gives back `text`.
    private func expectRoundTrip(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try ScratchFolder()
        let (first, once) = try gradbook(["run"], on: text, in: folder)
        #expect(first.status == 0, "stderr: \(first.stderr)", sourceLocation: sourceLocation)
        #expect(once != Array(text.utf8), "run wrote no region", sourceLocation: sourceLocation)
        let second = try GradbookProcess.run(["run", "lesson.md"], in: folder.url)
        #expect(second.status == 0, sourceLocation: sourceLocation)
        let twice = try folder.bytes("lesson.md")
        #expect(
            twice == once, "run(run(x)) != run(x): \(String(decoding: twice, as: UTF8.self).debugDescription)",
            sourceLocation: sourceLocation)
        _ = try GradbookProcess.run(["strip", "lesson.md"], in: folder.url)
        let stripped = try folder.bytes("lesson.md")
        #expect(
            stripped == Array(text.utf8),
            "strip(run(x)) != x: \(String(decoding: stripped, as: UTF8.self).debugDescription)",
            sourceLocation: sourceLocation)
    }

    /// `<!-- note` never closed: cmark ends that comment at the first line holding `-->`, here a
    /// region's begin marker. Removing the region would let the comment swallow the graph block
    /// below it; strip used to write exactly that.
    @Test func stripRefusesWhenAnOpenCommentWouldSwallowTheBlocksBelow() throws {
        let text = "<!-- note\n\n<!-- gradbook:begin -->\n<!-- gradbook:end -->\n\n```graph\nx = 1\nshow x\n```\n"
        let folder = try ScratchFolder()
        let (strip, bytes) = try gradbook(["strip"], on: text, in: folder)
        #expect(strip.status == 1, "stderr: \(strip.stderr)")
        #expect(bytes == Array(text.utf8), "strip changed how the lesson reads")
    }

    /// The same mechanism the other way round: without the region, an open comment hides a fence
    /// and reveals marker lines that were code. Strip must not write a lesson that has regions.
    @Test func stripRefusesWhenRemovingARegionWouldRevealAnother() throws {
        let text =
            "\n<!--\n<!-- gradbook:begin -->\n<!-- gradbook:end -->\n~~~\n<!-- gradbook:begin -->\n<!-- gradbook:end -->"
        let folder = try ScratchFolder()
        let (strip, bytes) = try gradbook(["strip"], on: text, in: folder)
        #expect(strip.status == 1, "stderr: \(strip.stderr)")
        #expect(bytes == Array(text.utf8))
    }

    /// A closing fence ended by a lone `\r`: the empty line run inserts before the region was a
    /// `\n`, which joined that `\r` into one `\r\n`, so strip could not find the empty line.
    @Test func aFenceEndedByALoneCarriageReturn() throws {
        try expectRoundTrip("# T\n\n```graph\nx = 1\nshow x\n```\r")
        try expectRoundTrip("# T\n\n```graph\nx = 1\nshow x\n```\rText after.\n")
    }

    /// A file mostly ended by `\r` (so regions are written with `\r`), where the line after the
    /// block is an empty line ended by `\n`: the region's last `\r` and that `\n` joined into one
    /// line break, and the empty line vanished.
    @Test func aCarriageReturnRegionBeforeALineFeedLine() throws {
        try expectRoundTrip("```graph\rx = 1\rshow x\r```\n\nText\rMore\rAnd more\r")
    }

    /// Front matter lines ended by a lone `\r` then `\n`: hidden from cmark as empty lines, the
    /// two endings read as one `\r\n`, every later line number was one off, the unclosed block
    /// below was not reported and its region could not be placed.
    @Test func frontMatterWithMixedLineEndsKeepsLineNumbers() throws {
        try expectRoundTrip("---\r---\n\n```graph\nx = 1\nshow x\n```\n")
        let folder = try ScratchFolder()
        let (run, _) = try gradbook(["run"], on: "---\r---\n\n```graph\nx = 1\n", in: folder)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("lesson.md:4:1: error: graph block has no closing fence"), "stderr: \(run.stderr)")
    }

    /// The line ending written into regions was voted by every line, regions included: a stale
    /// region of `\r` lines made run write `\r`; its shorter new region then lost the vote, and
    /// the next run rewrote it with `\n`. Only the author's lines vote now.
    @Test func regionsDoNotVoteOnTheLineEnding() throws {
        let folder = try ScratchFolder()
        let text =
            "```graph\nshow nope\n```\n\n<!-- gradbook:begin -->\rold\rold\rold\r<!-- gradbook:end -->\r"
        let (first, once) = try gradbook(["run"], on: text, in: folder)
        #expect(first.status == 1)  // `nope` is an unknown name: the region holds that error
        _ = try GradbookProcess.run(["run", "lesson.md"], in: folder.url)
        #expect(try folder.bytes("lesson.md") == once, "run(run(x)) != run(x)")
        #expect(!once.contains(13), "the region was not written with the lesson's own line ending")
    }
}
