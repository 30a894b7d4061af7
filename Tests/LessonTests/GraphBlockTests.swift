import Testing

@testable import Lesson

@Suite struct GraphBlockTests {
    @Test func findsTopLevelGraphBlocksOnly() throws {
        let document = LessonDocument(
            text: """
                # Lesson

                ```python
                import torch
                ```

                ```graph name=one
                x = 1
                y = x * 2
                ```

                    ```graph
                    indented code, not a fence

                ~~~graph fresh
                z = 3
                ~~~

                ```
                graph
                ```

                """)
        #expect(summary(document) == [])
        #expect(document.blocks.count == 2)
        let first = try #require(document.blocks.first)
        #expect(first.index == 1)
        #expect(first.info == "graph name=one")
        #expect(first.source == "x = 1\ny = x * 2\n")
        #expect(first.fenceLines == 7...10)
        #expect(first.firstSourceLine == 8)
        let second = try #require(document.blocks.last)
        #expect(second.index == 2)
        #expect(second.options == GraphBlockOptions(fresh: true))
        #expect(second.source == "z = 3\n")
        #expect(second.fenceLines == 15...17)
    }

    @Test func sourceIsExactlyTheFencedText() throws {
        // Blank lines, trailing spaces, comments, non-ASCII and a longer fence with ``` inside.
        let document = LessonDocument(
            text: "````graph\n# 损失 loss  \n\nshow \"```\"   \n\n````\n")
        let block = try #require(document.blocks.first)
        #expect(block.source == "# 损失 loss  \n\nshow \"```\"   \n\n")
        #expect(block.fenceLines == 1...6)
    }

    @Test func emptyBlock() throws {
        let document = LessonDocument(text: "```graph\n```")
        let block = try #require(document.blocks.first)
        #expect(block.source == "")
        #expect(block.fenceLines == 1...2)
        #expect(block.filePosition(line: 1, column: 1) == FilePosition(line: 2, column: 1))
    }

    @Test func crlfSourceUsesNewlines() throws {
        let document = LessonDocument(text: "```graph\r\nx = 1\r\ny = 2\r\n```\r\n")
        let block = try #require(document.blocks.first)
        #expect(block.source == "x = 1\ny = 2\n")
        #expect(block.fenceLines == 1...4)
    }

    @Test func nestedBlocksAreWarnedAndNotRun() {
        let document = LessonDocument(
            text: """
                - a list item

                  ```graph
                  x = 1
                  ```

                > quoted
                > ```graph name=q
                > y = 2
                > ```

                1. item
                   > ~~~graph
                   > z
                   > ~~~

                ```graph
                top = 1
                ```

                """)
        #expect(
            summary(document) == [
                "3:3: warning: graph block in a list item is not run; only top-level graph blocks run "
                    + "(move it out to column 1 to run it)",
                "8:3: warning: graph block in a block quote is not run; only top-level graph blocks run "
                    + "(move it out to column 1 to run it)",
                "13:6: warning: graph block in a block quote is not run; only top-level graph blocks run "
                    + "(move it out to column 1 to run it)",
            ])
        #expect(!document.hasErrors)
        #expect(document.blocks.map(\.index) == [1])
        #expect(document.blocks.map(\.fenceLines) == [17...19])
        #expect(document.blocks.map(\.name) == ["block-1"])
    }

    @Test func misspeltLanguageIsWarned() {
        let document = LessonDocument(text: "```grpah\nx\n```\n\n ~~~Graph fresh\ny\n ~~~\n\n```graphql\nq\n```\n")
        #expect(
            summary(document) == [
                "1:1: warning: code block language `grpah` is not `graph`, so the block is not run; "
                    + "did you mean `graph`?",
                "5:2: warning: code block language `Graph` is not `graph`, so the block is not run; "
                    + "did you mean `graph`?",
            ])
        #expect(document.blocks.isEmpty)
    }

    @Test func unclosedFenceIsAnError() {
        let document = LessonDocument(text: "Text\n\n  ````graph\nx = 1\n\n")
        #expect(
            summary(document) == [
                "3:3: error: graph block has no closing fence; it runs to the end of the file "
                    + "(add a line ```` after its last line)"
            ])
        #expect(document.blocks.first?.source == "x = 1\n\n")
        #expect(document.blocks.first?.fenceLines == 3...5)
    }

    @Test func shorterOrIndentedFenceDoesNotClose() {
        // ``` does not close ````, and a fence indented 4 spaces is content.
        let document = LessonDocument(text: "````graph\n```\n    ````\n````\n")
        #expect(summary(document) == [])
        #expect(document.blocks.first?.source == "```\n    ````\n")
        #expect(document.blocks.first?.fenceLines == 1...4)
    }

    @Test func positionMappingWithoutIndentation() throws {
        let document = LessonDocument(text: "---\ntitle: t\n---\n\nProse\n\n```graph\nx = 1\ny = é + z\n```\n")
        let block = try #require(document.blocks.first)
        #expect(block.filePosition(line: 1, column: 1) == FilePosition(line: 8, column: 1))
        #expect(block.filePosition(line: 2, column: 9) == FilePosition(line: 9, column: 9))
        // A position just past the last line (end of input) is the closing fence.
        #expect(block.filePosition(line: 3, column: 1) == FilePosition(line: 10, column: 1))
        #expect(block.filePosition(line: 9, column: 1) == FilePosition(line: 10, column: 1))
    }

    @Test func positionMappingOnIndentedFence() throws {
        // The fence is indented 3 spaces: cmark removes up to 3 spaces from each content line.
        let text = "Intro\n\n   ```graph\n   a = 1\n     b = 2\n c = 3\nd = 4\n   ```\n"
        let document = LessonDocument(text: text)
        let block = try #require(document.blocks.first)
        #expect(block.source == "a = 1\n  b = 2\nc = 3\nd = 4\n")
        #expect(block.fenceLines == 3...8)
        // `1` of `a = 1`: block 1:5, file line 4 column 8.
        #expect(block.filePosition(line: 1, column: 5) == FilePosition(line: 4, column: 8))
        // `b` of `  b = 2`: block 2:3, file 5:6.
        #expect(block.filePosition(line: 2, column: 3) == FilePosition(line: 5, column: 6))
        // `c` of `c = 3` (only one space was there to remove): block 3:1, file 6:2.
        #expect(block.filePosition(line: 3, column: 1) == FilePosition(line: 6, column: 2))
        #expect(block.filePosition(line: 4, column: 5) == FilePosition(line: 7, column: 5))
    }

    @Test func positionMappingCountsCharactersAndTabs() throws {
        // Fence indented 2 spaces; line 2 starts with a tab, which cmark turns into 2 spaces
        // (the rest of the tab after removing 2 columns); line 3 has Chinese text.
        let text = "  ```graph\n  x = 1\n\ty = 2\n  s = \"损失\" + w\n  ```\n"
        let document = LessonDocument(text: text)
        let block = try #require(document.blocks.first)
        #expect(block.source == "x = 1\n  y = 2\ns = \"损失\" + w\n")
        #expect(block.filePosition(line: 1, column: 1) == FilePosition(line: 2, column: 3))
        // `y` is block 2:3 and file 3:2 (after the tab).
        #expect(block.filePosition(line: 2, column: 3) == FilePosition(line: 3, column: 2))
        // `w` is block 3:12 (characters), file 4:14.
        #expect(block.filePosition(line: 3, column: 12) == FilePosition(line: 4, column: 14))
    }

    @Test func graphBlocksInsideRegionsAreNotTheAuthors() {
        let document = LessonDocument(
            text: """
                ```graph
                x = 1
                ```

                <!-- gradbook:begin -->
                ```graph
                generated = 1
                ```
                <!-- gradbook:end -->

                """)
        #expect(summary(document) == [])
        #expect(document.blocks.count == 1)
        #expect(document.blocks.first?.region?.lines == 5...9)
    }
}
