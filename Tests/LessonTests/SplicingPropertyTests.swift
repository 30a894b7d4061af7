import Testing

@testable import Lesson

/// SplitMix64: a small deterministic generator, so every run tests the same documents.
struct SplitMix64 {
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

/// Small lessons without output regions, built from pieces that exercise the byte-level cases.
struct LessonGenerator {
    var random: SplitMix64

    static let prose = [
        "Plain prose.", "Trailing spaces   ", "中文的文字，反向传播。", "Tab\tinside\t", "$y = f(g(x))$",
        "# Heading", "- list item", "> quoted", "Ünïcödé and emoji 🎓", "===", "---", "    indented code",
        "<div>html</div>",
    ]
    static let code = [
        "x = 1", "param w = 2.5   ", "# 注释 comment", "loss = (w*x - y)^2", "", "\tshow w", "  backward loss",
        "```", "check d(l)/d(w) = 2*w",
    ]
    static let options = ["", " fresh", " name=fit", " dtype=f64", " skip", " trace diagram", " expect=error"]
    static let bodies = [
        "| expression | value |", "| --- | --- |", "| w | 2.5 |", "", "- ✅ `check loss = 1`",
        "```mermaid\nflowchart TD\n```", "损失 trailing  ", "![l](intro.assets/block-1-l.svg)",
    ]

    /// A document of LF or CRLF lines (now and then mixed), with or without a final newline.
    mutating func document() -> String {
        var lines: [String] = []
        if random.chance(30) {
            lines += ["---", "title: \(random.pick(["Intro", "反向传播", "\"Quoted: yes\""]))", "dtype: f64", "---"]
        }
        var usedNames = false
        for _ in 0..<(1 + random.below(6)) {
            for _ in 0..<random.below(3) { lines.append(random.chance(80) ? "" : "  ") }
            switch random.below(6) {
            case 0, 1:
                lines += (0...random.below(2)).map { _ in random.pick(Self.prose) }
            case 2, 3:
                let tilde = random.chance(40)
                let fence = String(repeating: tilde ? "~" : "`", count: 3 + random.below(2))
                var option = random.pick(Self.options)
                if option == " name=fit" {
                    if usedNames { option = "" }
                    usedNames = true
                }
                lines.append(String(repeating: " ", count: random.below(4)) + fence + "graph" + option)
                for _ in 0..<random.below(4) {
                    let line = random.pick(Self.code)
                    lines.append(line == "```" && !tilde ? "x = 2" : line)
                }
                lines.append(String(repeating: " ", count: random.below(4)) + fence + (random.chance(20) ? "  " : ""))
            case 4:
                lines += ["```python", "print(\"graph\")", "```"]
            default:
                lines += ["- item", "", "  ```graph", "  nested = 1", "  ```"]
            }
        }
        let mixed = random.chance(10)
        let crlf = random.chance(40)
        var text = ""
        for line in lines {
            text += line + ((mixed ? random.chance(50) : crlf) ? "\r\n" : "\n")
        }
        if random.chance(30) {
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        }
        return text
    }

    /// New region bodies for some of the blocks.
    mutating func outputs(for document: LessonDocument) -> [Int: String] {
        var outputs: [Int: String] = [:]
        for block in document.blocks where random.chance(70) {
            outputs[block.index] = (0..<random.below(4)).map { _ in random.pick(Self.bodies) + "\n" }.joined()
        }
        return outputs
    }
}

@Suite struct SplicingPropertyTests {
    @Test func spliceThenStripGivesBackTheOriginalBytes() throws {
        var generator = LessonGenerator(random: SplitMix64(state: 2024))
        var blocksSeen = 0
        var regionsWritten = 0
        var orphansRemoved = 0
        for _ in 0..<400 {
            let original = generator.document()
            let document = LessonDocument(text: original)
            try #require(!document.hasErrors, "generated document has errors: \(original.debugDescription)")
            blocksSeen += document.blocks.count
            let outputs = generator.outputs(for: document)

            // Nothing to write: nothing changes.
            #expect(bytes(try document.spliced(outputs: [:])) == bytes(original))

            let spliced = try document.spliced(outputs: outputs)
            let reread = LessonDocument(text: spliced)
            #expect(!reread.hasErrors, "\(spliced.debugDescription)")
            #expect(bytes(try reread.stripped()) == bytes(original), "\(original.debugDescription)")

            // Every block got exactly its body, skipped blocks none; the blocks are the same.
            #expect(reread.blocks.map(\.source) == document.blocks.map(\.source))
            #expect(reread.blocks.map(\.options) == document.blocks.map(\.options))
            for block in reread.blocks {
                let expected = block.options.skip ? nil : outputs[block.index]
                #expect(block.region?.body == expected, "\(spliced.debugDescription)")
                if expected != nil { regionsWritten += 1 }
            }
            #expect(reread.orphanRegions.isEmpty)
            #expect(reread.endsWithNewline == document.endsWithNewline)

            // Idempotent: the same outputs change nothing; new outputs replace in place.
            #expect(bytes(try reread.spliced(outputs: outputs)) == bytes(spliced))
            let replaced = try reread.spliced(outputs: outputs.mapValues { _ in "replaced\n" })
            #expect(bytes(try LessonDocument(text: replaced).stripped()) == bytes(original))

            // An orphan appended after trailing prose is removed by `run` with the blank line before it.
            let newline = reread.lineEnding.text
            let prose = newline + "Trailing prose." + newline
            let separator = spliced.isEmpty || reread.endsWithNewline ? "" : newline
            let orphan = newline + "<!-- gradbook:begin -->" + newline + "old" + newline + "<!-- gradbook:end -->"
            let withOrphan = spliced + separator + prose + orphan + (reread.endsWithNewline ? newline : "")
            let expected = spliced + separator + (reread.endsWithNewline ? prose : String(prose.dropLast()))
            // (Unless an unclosed fence earlier in the file makes the appended lines code.)
            let orphaned = LessonDocument(text: withOrphan)
            if orphaned.orphanRegions.count == 1 {
                orphansRemoved += 1
                #expect(
                    bytes(try orphaned.spliced(outputs: outputs)) == bytes(expected), "\(withOrphan.debugDescription)")
            } else {
                #expect(orphaned.orphanRegions.isEmpty && orphaned.regions.count == reread.regions.count)
            }
        }
        // The generator really produced blocks and regions to splice.
        #expect(blocksSeen > 300)
        #expect(regionsWritten > 150)
        #expect(orphansRemoved > 300)
    }
}

@Suite struct ConcurrencyTests {
    /// `--jobs N` reads lessons in parallel: cmark keeps no shared state, so results must not change.
    @Test func readingInParallelGivesTheSameResults() async throws {
        var generator = LessonGenerator(random: SplitMix64(state: 7))
        let texts = (0..<64).map { _ in generator.document() }
        let serial = try texts.map { try LessonDocument(text: $0).stripped() }
        let parallel = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask { (index, try LessonDocument(text: text).stripped()) }
            }
            var results = [String](repeating: "", count: texts.count)
            for try await (index, result) in group { results[index] = result }
            return results
        }
        #expect(parallel.map(bytes) == serial.map(bytes))
    }
}
