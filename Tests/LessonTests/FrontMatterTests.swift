import Testing

@testable import Lesson

/// Diagnostics as `LINE:COL: SEVERITY: MESSAGE` lines, for whole-string comparisons.
func summary(_ document: LessonDocument) -> [String] {
    document.diagnostics.map(\.description)
}

@Suite struct FrontMatterTests {
    @Test func readsEveryKnownKey() {
        let document = LessonDocument(
            text: """
                ---
                title: "Backprop: by hand"
                dtype: f64
                precision: 6
                seed: 42
                tolerance: 1e-6
                ---
                # Lesson

                """)
        #expect(document.diagnostics == [])
        #expect(
            document.frontMatter
                == FrontMatter(
                    title: "Backprop: by hand", dtype: .f64, precision: 6, seed: 42, tolerance: 0.000001, lines: 1...7))
    }

    @Test func noFrontMatter() {
        let document = LessonDocument(text: "# Lesson\n\n---\ntitle: not front matter\n---\n")
        #expect(document.frontMatter == FrontMatter())
        #expect(document.diagnostics == [])
    }

    @Test func emptyFileAndEmptyFrontMatter() {
        #expect(LessonDocument(text: "").frontMatter == FrontMatter())
        let empty = LessonDocument(text: "---\n---\nText\n")
        #expect(empty.frontMatter == FrontMatter(lines: 1...2))
        #expect(empty.diagnostics == [])
    }

    @Test func scalarForms() {
        let document = LessonDocument(
            text: """
                ---
                title: 'It''s a # title'   # a comment
                dtype: "f32"
                precision: 3 # digits
                seed: 0
                tolerance: 0.5
                ...
                Text

                """)
        #expect(summary(document) == [])
        #expect(
            document.frontMatter
                == FrontMatter(
                    title: "It's a # title", dtype: .f32, precision: 3, seed: 0, tolerance: 0.5, lines: 1...7))
    }

    @Test func plainTitleKeepsColonsAndHashesWithoutSpaceBefore() {
        let document = LessonDocument(text: "---\ntitle: Backprop: part#2 # note\n---\n")
        #expect(document.frontMatter.title == "Backprop: part#2")
    }

    @Test func emptyTitleIsNoTitle() {
        let document = LessonDocument(text: "---\ntitle:\nseed: 1\n---\n")
        #expect(summary(document) == [])
        #expect(document.frontMatter == FrontMatter(seed: 1, lines: 1...4))
    }

    @Test func unknownKeysAndNestedYAMLAreIgnored() {
        let document = LessonDocument(
            text: """
                ---
                layout: post
                tags:
                  - autodiff
                  - pytorch
                author:
                  name: Ada
                  seed: not-a-number
                date: 2024-05-01
                seed: 7
                # dtype: nonsense in a comment
                ---

                """)
        #expect(summary(document) == [])
        #expect(document.frontMatter == FrontMatter(seed: 7, lines: 1...12))
    }

    @Test func invalidValuesAreErrorsAtTheValue() {
        let document = LessonDocument(
            text: """
                ---
                dtype: float64
                precision: 0
                seed: -1
                tolerance:   -0.1
                ---

                """)
        #expect(
            summary(document) == [
                "2:8: error: `dtype` must be `f32` or `f64`, not `float64`",
                "3:12: error: `precision` must be a whole number of significant digits from 1 to 17, not `0`",
                "4:7: error: `seed` must be a whole number, 0 or more, not `-1`",
                "5:14: error: `tolerance` must be a number, 0 or more (such as `1e-6`), not `-0.1`",
            ])
        #expect(document.diagnostics.map(\.length) == [7, 1, 2, 4])
        #expect(document.hasErrors)
        #expect(document.frontMatter == FrontMatter(lines: 1...6))
    }

    @Test func moreInvalidValues() {
        let document = LessonDocument(
            text: """
                ---
                dtype: F64
                precision: 2.5
                seed: 18446744073709551616
                tolerance: nan
                title: "unclosed
                ---

                """)
        #expect(
            summary(document) == [
                "2:8: error: `dtype` must be `f32` or `f64`, not `F64`; did you mean `f64`?",
                "3:12: error: `precision` must be a whole number of significant digits from 1 to 17, not `2.5`",
                "4:7: error: `seed` 18446744073709551616 is too large; the largest seed is 18446744073709551615",
                "5:12: error: `tolerance` must be a number, 0 or more (such as `1e-6`), not `nan`",
                "6:8: error: the quoted value has no closing \"",
            ])
    }

    @Test func largestValues() {
        let document = LessonDocument(text: "---\nprecision: 17\nseed: 18446744073709551615\ntolerance: 0\n---\n")
        #expect(summary(document) == [])
        #expect(document.frontMatter.precision == 17)
        #expect(document.frontMatter.seed == UInt64.max)
        #expect(document.frontMatter.tolerance == 0)
    }

    @Test func missingAndNestedValuesOfKnownKeys() {
        let document = LessonDocument(
            text: """
                ---
                dtype:
                seed:
                  value: 3
                title: first
                  continued
                ---

                """)
        #expect(
            summary(document) == [
                "2:1: error: `dtype` has no value; write for example `dtype: f64`",
                "3:1: error: `seed` must be a single value on its line, such as `seed: 42`",
                "6:1: error: the value of `title` continues on this line; gradbook reads one-line values: "
                    + "join them on the line of `title:`",
            ])
    }

    @Test func duplicateKnownKey() {
        let document = LessonDocument(text: "---\nseed: 1\nseed: 2\n---\n")
        #expect(summary(document) == ["3:1: error: `seed` is given twice in the front matter (first on line 2)"])
        #expect(document.frontMatter.seed == 1)
    }

    @Test func misspeltKeysAreWarnedAndIgnored() {
        let document = LessonDocument(text: "---\ndtyep: f64\nTitle: x\nnot a mapping line\n---\n")
        #expect(
            summary(document) == [
                "2:1: warning: front matter key `dtyep` is not one of gradbook's and is ignored; did you mean `dtype`?",
                "3:1: warning: front matter key `Title` is not one of gradbook's and is ignored; did you mean `title`?",
                "4:1: warning: front matter line is not `key: value`; it is ignored",
            ])
        #expect(!document.hasErrors)
        #expect(document.frontMatter == FrontMatter(lines: 1...5))
    }

    @Test func unclosedFrontMatterIsMarkdown() {
        let document = LessonDocument(text: "---\ntitle: x\n\n```graph\nx = 1\n```\n")
        #expect(
            summary(document) == [
                "1:1: warning: front matter opened by `---` is never closed by a `---` line; "
                    + "the file is read as Markdown without front matter"
            ])
        #expect(document.frontMatter == FrontMatter())
        #expect(document.blocks.map(\.fenceLines) == [4...6])
    }

    @Test func frontMatterIsNotMarkdownAndKeepsLineNumbers() {
        // Without hiding, `---` + `title: x` + `---` would be a thematic break and a setext heading,
        // and a fence inside the YAML would swallow the rest of the file.
        let document = LessonDocument(
            text: """
                ---
                title: x
                example: |
                  ```graph
                ---
                ```graph name=first
                x = 1
                ```

                """)
        #expect(summary(document) == [])
        #expect(document.blocks.count == 1)
        #expect(document.blocks.first?.fenceLines == 6...8)
        #expect(document.blocks.first?.name == "first")
    }

    @Test func crlfFrontMatter() {
        let document = LessonDocument(text: "---\r\ntitle: Windows   \r\ndtype: f64\r\n---\r\nText\r\n")
        #expect(summary(document) == [])
        #expect(document.frontMatter == FrontMatter(title: "Windows", dtype: .f64, lines: 1...4))
    }
}
