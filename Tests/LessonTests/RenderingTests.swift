import Testing

@testable import Lesson

@Suite struct RenderingTests {
    @Test func optionErrorTheCompilerWay() throws {
        let document = LessonDocument(text: "# Intro\n\n```graph name=a fersh\nx = 1\n```\n")
        let diagnostic = try #require(document.diagnostics.first)
        #expect(
            document.render(diagnostic, path: "notebooks/intro.md") == """
                notebooks/intro.md:3:17: error: unknown option `fersh` for a graph block; did you mean `fresh`?
                ```graph name=a fersh
                                ^~~~~

                """)
    }

    @Test func diagnosticWithoutLengthAndMappedFromABlock() throws {
        let document = LessonDocument(text: "Text\n\n  ```graph\n  x = 1\n  y = z\n  ```\n")
        let block = try #require(document.blocks.first)
        // The language would report `z` at block 2:5.
        let diagnostic = LessonDiagnostic(
            message: "unknown name `z`", at: block.filePosition(line: 2, column: 5))
        #expect(
            document.render(diagnostic, path: "a.md") == """
                a.md:5:7: error: unknown name `z`
                  y = z
                      ^

                """)
    }

    @Test func caretUnderWideCharactersAndTabs() {
        let document = LessonDocument(text: "```graph\n\t# 损失\tw = 1\n```\n")
        let diagnostic = LessonDiagnostic(severity: .warning, message: "unused", line: 2, column: 7, length: 3)
        #expect(
            document.render(diagnostic, path: "c.md") == "c.md:2:7: warning: unused\n\t# 损失\tw = 1\n\t      \t^~~\n")
    }

    @Test func underlineCoversEveryCellOfWideCharacters() {
        // `未定义` is three double-width characters: six terminal cells, so `^` and five `~`.
        let document = LessonDocument(text: "```graph\n损失 = 未定义 + 1\n```\n")
        let diagnostic = LessonDiagnostic(message: "unknown name", line: 2, column: 6, length: 3)
        #expect(
            document.render(diagnostic, path: "c.md")
                == "c.md:2:6: error: unknown name\n损失 = 未定义 + 1\n       ^~~~~~\n")
    }

    @Test func lineOutsideTheFileHasNoSourceLine() {
        let document = LessonDocument(text: "one line")
        let diagnostic = LessonDiagnostic(severity: .note, message: "n", line: 4, column: 1)
        #expect(document.render(diagnostic, path: "p.md") == "p.md:4:1: note: n\n")
    }

    @Test func colors() {
        let document = LessonDocument(text: "abc\n")
        let diagnostic = LessonDiagnostic(message: "m", line: 1, column: 2)
        let escape = "\u{1B}["
        #expect(
            document.render(diagnostic, path: "p.md", colors: true)
                == "\(escape)1mp.md:1:2: \(escape)0m\(escape)1;31merror: \(escape)0m\(escape)1mm\(escape)0m\n"
                + "abc\n \(escape)1;32m^\(escape)0m\n")
    }

    @Test func crlfLinesAreShownWithoutTheCarriageReturn() {
        let document = LessonDocument(text: "a\r\nbc\r\n")
        let diagnostic = LessonDiagnostic(message: "m", line: 2, column: 2, length: 1)
        #expect(document.render(diagnostic, path: "w.md") == "w.md:2:2: error: m\nbc\n ^\n")
        #expect(document.line(2) == "bc")
        #expect(document.line(3) == nil)
        #expect(document.lineCount == 2)
    }
}

@Suite struct ReadingTests {
    @Test func notUTF8() {
        // "é" is fine; 0xFF on line 2 after "ab" is not UTF-8.
        let input: [UInt8] = Array("é\nab".utf8) + [0xFF] + Array("\n".utf8)
        #expect(throws: LessonReadError.notUTF8(FilePosition(line: 2, column: 3), byteOffset: 5)) {
            try LessonDocument(bytes: input)
        }
        let error = LessonReadError.notUTF8(FilePosition(line: 2, column: 3), byteOffset: 5)
        #expect(error.description == "2:3: error: the file is not UTF-8 (invalid byte at offset 5); save it as UTF-8")
    }

    @Test func invalidByteAtTheStartOfALine() {
        let input: [UInt8] = Array("ok\r\n".utf8) + [0xC3, 0x28]
        #expect(throws: LessonReadError.notUTF8(FilePosition(line: 2, column: 1), byteOffset: 4)) {
            try LessonDocument(bytes: input)
        }
    }

    @Test func validBytes() throws {
        let document = try LessonDocument(bytes: Array("```graph\nx = 1\n```\n".utf8))
        #expect(document.text == "```graph\nx = 1\n```\n")
        #expect(document.blocks.count == 1)
    }

    @Test(arguments: [
        ("a\nb\n", LineEnding.lf, true),
        ("a\r\nb\r\n", .crlf, true),
        ("a\rb\r", .cr, true),
        ("a\r\nb\nc\r\n", .crlf, true),
        ("a\r\nb\n", .lf, true),
        ("no newline", .lf, false),
        ("a\r\nb", .crlf, false),
        ("", .lf, true),
    ])
    func lineEndings(text: String, ending: LineEnding, endsWithNewline: Bool) {
        let document = LessonDocument(text: text)
        #expect(document.lineEnding == ending)
        #expect(document.endsWithNewline == endsWithNewline)
    }
}

@Suite struct LongLineRenderingTests {
    @Test func aLongLineIsCutToAWindowAroundTheColumn() {
        // 300 `a`, then `b` at column 301: the window keeps 80 characters before it.
        let line = String(repeating: "a", count: 300) + "b" + String(repeating: "c", count: 300)
        let document = LessonDocument(text: line + "\n")
        let diagnostic = LessonDiagnostic(message: "here", line: 1, column: 301)
        let rendered = document.render(diagnostic, path: "p.md")
        let expectedLine = "…" + String(repeating: "a", count: 80) + "b" + String(repeating: "c", count: 79) + "…"
        let expectedCaret = String(repeating: " ", count: 81) + "^"
        #expect(rendered == "p.md:1:301: error: here\n\(expectedLine)\n\(expectedCaret)\n")
    }
}
