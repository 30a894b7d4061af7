import Testing

@testable import Lesson

@Suite struct OutputRegionTests {
    @Test func regionDirectlyAfterTheFence() throws {
        let document = LessonDocument(
            text: """
                ```graph
                x = 1
                ```
                <!-- gradbook:begin -->
                | expression | value |
                <!-- gradbook:end -->
                Prose

                """)
        #expect(summary(document) == [])
        let region = try #require(document.blocks.first?.region)
        #expect(region == OutputRegion(lines: 4...6, body: "| expression | value |\n", blockIndex: 1))
        #expect(document.regions == [region])
        #expect(document.orphanRegions == [])
    }

    @Test func regionAfterBlankLines() throws {
        let document = LessonDocument(
            text: "```graph\nx = 1\n```\n\n  \t\n<!-- gradbook:begin -->\n\nline  \n<!-- gradbook:end -->\n")
        let region = try #require(document.blocks.first?.region)
        #expect(region.lines == 6...9)
        #expect(region.body == "\nline  \n")
    }

    @Test func emptyRegionAndTrimmedMarkers() throws {
        let document = LessonDocument(text: "```graph\n```\n\n <!-- gradbook:begin -->  \n<!-- gradbook:end -->\t\n")
        let region = try #require(document.blocks.first?.region)
        #expect(region == OutputRegion(lines: 4...5, body: "", blockIndex: 1))
    }

    @Test func orphans() {
        let document = LessonDocument(
            text: """
                <!-- gradbook:begin -->
                stale
                <!-- gradbook:end -->

                ```graph
                x = 1
                ```

                Prose between.

                <!-- gradbook:begin -->
                after prose
                <!-- gradbook:end -->

                ```python
                print(1)
                ```

                <!-- gradbook:begin -->
                after another language
                <!-- gradbook:end -->

                - item

                  ```graph
                  nested = 1
                  ```

                <!-- gradbook:begin -->
                after a nested block
                <!-- gradbook:end -->

                """)
        #expect(document.blocks.count == 1)
        #expect(document.blocks.first?.region == nil)
        #expect(document.orphanRegions.map(\.lines) == [1...3, 11...13, 19...21, 29...31])
        #expect(
            document.orphanRegions.map(\.body) == [
                "stale\n", "after prose\n", "after another language\n", "after a nested block\n",
            ])
        #expect(!document.hasErrors)
    }

    @Test func secondRegionAfterABlockIsAnOrphan() {
        let document = LessonDocument(
            text:
                "```graph\n```\n\n<!-- gradbook:begin -->\na\n<!-- gradbook:end -->\n\n<!-- gradbook:begin -->\nb\n<!-- gradbook:end -->\n"
        )
        #expect(document.regions.map(\.blockIndex) == [1, nil])
    }

    @Test func markersInsideCodeAreText() {
        let document = LessonDocument(
            text: """
                The format:

                ```
                <!-- gradbook:begin -->
                ```

                ~~~markdown
                <!-- gradbook:end -->
                ~~~

                    <!-- gradbook:begin -->

                > ```
                > x
                <!-- gradbook:begin -->
                quoted code ended above
                <!-- gradbook:end -->

                """)
        #expect(summary(document) == [])
        #expect(document.regions.map(\.lines) == [15...17])
    }

    @Test func beginWithoutEnd() {
        let document = LessonDocument(
            text: "```graph\nx = 1\n```\n\n  <!-- gradbook:begin -->\nvalue\n")
        #expect(
            summary(document) == [
                "5:3: error: output region has no `<!-- gradbook:end -->`; add it after the generated output "
                    + "(the file is not written until regions are complete)"
            ])
        #expect(document.diagnostics.first?.length == 23)
        #expect(document.regions == [])
        #expect(document.hasErrors)
    }

    @Test func endWithoutBegin() {
        let document = LessonDocument(text: "Text\n\n<!-- gradbook:end -->\n")
        #expect(
            summary(document) == [
                "3:1: error: `<!-- gradbook:end -->` without a `<!-- gradbook:begin -->` before it; remove it "
                    + "or add the begin marker (the file is not written until regions are complete)"
            ])
    }

    @Test func beginInsideARegion() {
        let document = LessonDocument(
            text: "<!-- gradbook:begin -->\na\n<!-- gradbook:begin -->\nb\n<!-- gradbook:end -->\n")
        #expect(
            summary(document) == [
                "3:1: error: output region opened on line 1 has no `<!-- gradbook:end -->` before this new "
                    + "`<!-- gradbook:begin -->`; add the end marker (the file is not written until regions "
                    + "are complete)"
            ])
        #expect(document.regions.map(\.lines) == [3...5])
    }

    @Test func unclosedFenceInsideARegionSwallowsTheEnd() {
        // A hand edit leaves a fence open inside a region: cmark reads the rest as code, so the
        // end marker is code too and the region is unterminated. The file must not be written.
        let document = LessonDocument(
            text: "```graph\n```\n\n<!-- gradbook:begin -->\n```mermaid\n<!-- gradbook:end -->\n")
        #expect(document.hasErrors)
        #expect(document.diagnostics.map(\.position) == [FilePosition(line: 4, column: 1)])
    }
}
