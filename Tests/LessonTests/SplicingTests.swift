import Testing

@testable import Lesson

/// The bytes of a string: splicing promises bytes, and String `==` ignores normalization.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite struct SplicingTests {
    @Test func insertsARegionAfterTheFenceWithOneBlankLine() throws {
        let document = LessonDocument(text: "# T\n\n```graph\nx = 1\n```\nProse\n")
        let result = try document.spliced(outputs: [1: "| x | 1 |\n"])
        #expect(
            bytes(result)
                == bytes(
                    "# T\n\n```graph\nx = 1\n```\n\n<!-- gradbook:begin -->\n| x | 1 |\n<!-- gradbook:end -->\nProse\n")
        )
    }

    @Test func replacesAnExistingRegionAndKeepsTheSpacingAroundIt() throws {
        let text = "```graph\nx = 1\n```\n\n\n<!-- gradbook:begin -->\nold\nlines\n<!-- gradbook:end -->\n\nAfter\n"
        let result = try LessonDocument(text: text).spliced(outputs: [1: "new"])
        #expect(
            bytes(result)
                == bytes("```graph\nx = 1\n```\n\n\n<!-- gradbook:begin -->\nnew\n<!-- gradbook:end -->\n\nAfter\n"))
    }

    @Test func emptyBody() throws {
        let result = try LessonDocument(text: "```graph\n```\n").spliced(outputs: [1: ""])
        #expect(bytes(result) == bytes("```graph\n```\n\n<!-- gradbook:begin -->\n<!-- gradbook:end -->\n"))
    }

    @Test func blocksWithoutOutputAndSkippedBlocksKeepTheirRegions() throws {
        let text = """
            ```graph skip
            x = 1
            ```
            <!-- gradbook:begin -->
            kept\u{20}\u{20}
            <!-- gradbook:end -->

            ```graph
            y = 2
            ```

            <!-- gradbook:begin -->
            also kept
            <!-- gradbook:end -->

            ```graph
            z = 3
            ```

            """
        let result = try LessonDocument(text: text).spliced(outputs: [1: "ignored\n", 3: "z\n"])
        let expected = """
            ```graph skip
            x = 1
            ```
            <!-- gradbook:begin -->
            kept\u{20}\u{20}
            <!-- gradbook:end -->

            ```graph
            y = 2
            ```

            <!-- gradbook:begin -->
            also kept
            <!-- gradbook:end -->

            ```graph
            z = 3
            ```

            <!-- gradbook:begin -->
            z
            <!-- gradbook:end -->

            """
        #expect(bytes(result) == bytes(expected))
    }

    @Test func removesOrphansWithTheBlankLineBeforeThem() throws {
        let text = """
            Intro

            <!-- gradbook:begin -->
            orphan
            <!-- gradbook:end -->

            ```graph
            ```

            """
        let document = LessonDocument(text: text)
        let run = try document.spliced(outputs: [1: "out\n"])
        #expect(
            bytes(run)
                == bytes("Intro\n\n```graph\n```\n\n<!-- gradbook:begin -->\nout\n<!-- gradbook:end -->\n"))
        let keep = try document.spliced(outputs: [:], removingOrphans: false)
        #expect(bytes(keep) == bytes(text))
    }

    @Test func strippedRemovesEveryRegion() throws {
        let text = """
            ```graph
            ```

            <!-- gradbook:begin -->
            a
            <!-- gradbook:end -->
            Next
            \u{20}\u{20}
            <!-- gradbook:begin -->
            orphan after a whitespace line
            <!-- gradbook:end -->

            """
        // The whitespace-only line is the author's: only an empty line goes with a region.
        #expect(bytes(try LessonDocument(text: text).stripped()) == bytes("```graph\n```\nNext\n  \n"))
    }

    @Test func crlfFileGetsCRLFRegions() throws {
        let text = "Intro  \r\n\r\n```graph\r\nx = 1\r\n```\r\nEnd\r\n"
        let document = LessonDocument(text: text)
        #expect(document.lineEnding == .crlf)
        let result = try document.spliced(outputs: [1: "a\nb\n"])
        #expect(
            bytes(result)
                == bytes(
                    "Intro  \r\n\r\n```graph\r\nx = 1\r\n```\r\n\r\n<!-- gradbook:begin -->\r\na\r\nb\r\n"
                        + "<!-- gradbook:end -->\r\nEnd\r\n"))
        #expect(bytes(try LessonDocument(text: result).stripped()) == bytes(text))
    }

    @Test func bodyLineEndingsAreNormalized() throws {
        let result = try LessonDocument(text: "```graph\n```\n").spliced(outputs: [1: "a\r\nb\rc"])
        #expect(bytes(result) == bytes("```graph\n```\n\n<!-- gradbook:begin -->\na\nb\nc\n<!-- gradbook:end -->\n"))
    }

    @Test func noFinalNewlineAfterTheFence() throws {
        let text = "Intro\n\n```graph\nx = 1\n```"
        let document = LessonDocument(text: text)
        #expect(!document.endsWithNewline)
        let result = try document.spliced(outputs: [1: "out\n"])
        #expect(
            bytes(result)
                == bytes("Intro\n\n```graph\nx = 1\n```\n\n<!-- gradbook:begin -->\nout\n<!-- gradbook:end -->"))
        let again = LessonDocument(text: result)
        #expect(bytes(try again.stripped()) == bytes(text))
        #expect(bytes(try again.spliced(outputs: [1: "out\n"])) == bytes(result))
        #expect(bytes(try again.spliced(outputs: [1: "new\n"])) == bytes(result.replacingOut(with: "new")))
    }

    @Test func noFinalNewlineAfterProse() throws {
        let text = "```graph\n```\nLast line, no newline  "
        let result = try LessonDocument(text: text).spliced(outputs: [1: "o"])
        #expect(
            bytes(result)
                == bytes("```graph\n```\n\n<!-- gradbook:begin -->\no\n<!-- gradbook:end -->\nLast line, no newline  "))
        #expect(bytes(try LessonDocument(text: result).stripped()) == bytes(text))
    }

    @Test func orphanAtTheEndOfAFileWithoutFinalNewline() throws {
        let text = "Text\n\n<!-- gradbook:begin -->\nx\n<!-- gradbook:end -->"
        #expect(bytes(try LessonDocument(text: text).stripped()) == bytes("Text"))
        #expect(bytes(try LessonDocument(text: text).spliced(outputs: [:])) == bytes("Text"))
    }

    @Test func chineseTextAndTrailingSpacesAreKept() throws {
        let text = """
            # 反向传播\u{20}\u{20}

            我们定义$Q=3a^3 - b^2$，则可以计算出梯度。\t

            ```graph name=链式
            x = 1
            ```
            后面的文字。
            """
        let document = LessonDocument(text: text)
        #expect(
            summary(document) == ["5:15: error: `链` cannot appear in a block name; use letters, digits, `_` and `-`"])
        #expect(throws: SpliceError.self) { try document.spliced(outputs: [:]) }

        let valid = LessonDocument(text: text.replacingName())
        let result = try valid.spliced(outputs: [1: "| 损失 | 1 |\n"])
        #expect(
            bytes(result)
                == bytes(
                    "# 反向传播  \n\n我们定义$Q=3a^3 - b^2$，则可以计算出梯度。\t\n\n```graph name=chain\nx = 1\n```\n\n"
                        + "<!-- gradbook:begin -->\n| 损失 | 1 |\n<!-- gradbook:end -->\n后面的文字。"))
        #expect(bytes(try LessonDocument(text: result).stripped()) == bytes(text.replacingName()))
    }

    @Test func byteOrderMarkIsKept() throws {
        let text = "\u{FEFF}```graph\n```\n"
        let document = LessonDocument(text: text)
        #expect(document.blocks.count == 1)
        let result = try document.spliced(outputs: [1: "o\n"])
        #expect(bytes(result) == bytes("\u{FEFF}```graph\n```\n\n<!-- gradbook:begin -->\no\n<!-- gradbook:end -->\n"))
        #expect(bytes(try LessonDocument(text: result).stripped()) == bytes(text))
    }

    @Test func frontMatterIsNeverTouched() throws {
        let text = "---\ntitle: t\n\n---\n<!-- gradbook:begin -->\nx\n<!-- gradbook:end -->\n"
        #expect(bytes(try LessonDocument(text: text).stripped()) == bytes("---\ntitle: t\n\n---\n"))
    }

    @Test func documentsWithErrorsAreNotSpliced() {
        let document = LessonDocument(text: "```graph\n```\n\n<!-- gradbook:begin -->\nno end\n")
        #expect(throws: SpliceError.documentHasErrors(document.diagnostics)) {
            try document.spliced(outputs: [1: "x"])
        }
        #expect(throws: SpliceError.documentHasErrors(document.diagnostics)) { try document.stripped() }
    }

    @Test func warningsDoNotPreventSplicing() throws {
        let document = LessonDocument(text: "> ```graph\n> x\n\n```graph\n```\n")
        #expect(document.diagnostics.map(\.severity) == [.warning])
        #expect(
            try document.spliced(outputs: [1: "o\n"]).hasSuffix(
                "```\n\n<!-- gradbook:begin -->\no\n<!-- gradbook:end -->\n"))
    }

    @Test func badOutputsAreRefused() {
        let document = LessonDocument(text: "```graph\n```\n")
        #expect(throws: SpliceError.unknownBlock(2)) { try document.spliced(outputs: [2: "x"]) }
        #expect(throws: SpliceError.bodyContainsMarker(blockIndex: 1)) {
            try document.spliced(outputs: [1: "a\n <!-- gradbook:end -->\n"])
        }
        // An unclosed fence would turn the end marker and the rest of the file into code.
        let two = LessonDocument(text: "```graph\n```\n\n```graph\n```\n")
        #expect(throws: SpliceError.bodyBreaksDocument(blockIndex: 2)) {
            try two.spliced(outputs: [1: "ok\n", 2: "```mermaid\nflowchart TD\n"])
        }
        #expect(throws: Never.self) { try two.spliced(outputs: [1: "ok\n", 2: "```mermaid\nflowchart TD\n```\n"]) }
        #expect(
            SpliceError.bodyBreaksDocument(blockIndex: 2).description
                == "the output of graph block 2 would not read back as written (an unclosed code fence?); "
                + "the file is left as it is")
        #expect(
            SpliceError.documentHasErrors([LessonDiagnostic(message: "m", line: 1, column: 1)]).description
                == "the lesson has 1 error; it is not written until it is fixed")
    }
}

extension String {
    fileprivate func replacingOut(with replacement: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { $0 == "out" ? replacement : String($0) }
            .joined(separator: "\n")
    }

    fileprivate func replacingName() -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0 == "```graph name=链式" ? "```graph name=chain" : String($0) }.joined(separator: "\n")
    }
}
