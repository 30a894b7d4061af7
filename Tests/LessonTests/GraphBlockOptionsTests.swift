import Testing

@testable import Lesson

@Suite struct GraphBlockOptionsTests {
    /// The options of a single-block lesson whose opening fence is ```` ```INFO ````.
    private func read(_ info: String) -> LessonDocument {
        LessonDocument(text: "# Title\n\n```\(info)\nx = 1\n```\n")
    }

    @Test(arguments: [
        ("graph", GraphBlockOptions()),
        ("graph name=by-hand_2", GraphBlockOptions(name: "by-hand_2")),
        ("graph fresh", GraphBlockOptions(fresh: true)),
        ("graph dtype=f32", GraphBlockOptions(dtype: .f32)),
        ("graph dtype=f64", GraphBlockOptions(dtype: .f64)),
        ("graph expect=error", GraphBlockOptions(expectError: true)),
        ("graph skip", GraphBlockOptions(skip: true)),
        ("graph trace", GraphBlockOptions(trace: true)),
        ("graph diagram", GraphBlockOptions(diagram: true)),
        (
            "graph  fresh\tdtype=f64 name=adam trace diagram skip expect=error  ",
            GraphBlockOptions(
                name: "adam", fresh: true, dtype: .f64, expectError: true, skip: true, trace: true, diagram: true)
        ),
    ])
    func validOptions(info: String, expected: GraphBlockOptions) throws {
        let document = read(info)
        #expect(document.diagnostics == [])
        let block = try #require(document.blocks.first)
        #expect(block.options == expected)
    }

    @Test func nameDefaultsToBlockNumber() {
        let document = LessonDocument(text: "```graph\n```\n\n```graph name=b\n```\n\n```graph\n```\n")
        #expect(document.blocks.map(\.name) == ["block-1", "b", "block-3"])
        #expect(document.blocks.map(\.index) == [1, 2, 3])
    }

    @Test(arguments: [
        ("graph fersh", "3:10: error: unknown option `fersh` for a graph block; did you mean `fresh`?", 5),
        ("graph expect=eror", "3:17: error: `expect=eror` is not an option; did you mean `expect=error`?", 4),
        ("graph expect=failure", "3:17: error: `expect` takes only `error`: write `expect=error`", 7),
        ("graph dtype=f63", "3:16: error: unknown dtype `f63`; did you mean `dtype=f64`?", 3),
        ("graph dtype=double", "3:16: error: unknown dtype `double`; write `dtype=f32` or `dtype=f64`", 6),
        ("graph nmae=x", "3:10: error: unknown option `nmae` for a graph block; did you mean `name`?", 4),
        (
            "graph  colour=red",
            "3:11: error: unknown option `colour` for a graph block; the options are `name=ID`, `fresh`, "
                + "`dtype=f32|f64`, `expect=error`, `skip`, `trace`, `diagram`", 6
        ),
        ("graph name=a/b", "3:16: error: `/` cannot appear in a block name; use letters, digits, `_` and `-`", 1),
        ("graph name=", "3:10: error: option `name` needs a value: `name=ID` with letters, digits, `_` and `-`", 5),
        ("graph dtype", "3:10: error: option `dtype` needs a value: `dtype=f32` or `dtype=f64`", 5),
        ("graph fresh=yes", "3:15: error: option `fresh` takes no value; write `fresh` alone", 4),
        ("graph Skip", "3:10: error: unknown option `Skip` for a graph block; did you mean `skip`?", 4),
        (
            "graph =x",
            "3:10: error: malformed option `=x`; the options are `name=ID`, `fresh`, `dtype=f32|f64`, "
                + "`expect=error`, `skip`, `trace`, `diagram`", 2
        ),
    ])
    func invalidOption(info: String, expected: String, length: Int) {
        let document = read(info)
        #expect(summary(document) == [expected])
        #expect(document.diagnostics.first?.length == length)
        #expect(document.hasErrors)
    }

    @Test func duplicateOptions() {
        let document = read("graph fresh dtype=f32 fresh dtype=f64")
        #expect(
            summary(document) == [
                "3:26: error: option `fresh` is given twice (first at column 10)",
                "3:32: error: option `dtype` is given twice (first at column 16)",
            ])
        #expect(document.blocks.first?.options == GraphBlockOptions(fresh: true, dtype: .f32))
    }

    @Test func everyBadOptionIsReportedAndGoodOnesKept() {
        let document = read("graph fresh fersh name=ok expect=eror")
        #expect(
            summary(document) == [
                "3:16: error: unknown option `fersh` for a graph block; did you mean `fresh`?",
                "3:37: error: `expect=eror` is not an option; did you mean `expect=error`?",
            ])
        #expect(document.blocks.first?.options == GraphBlockOptions(name: "ok", fresh: true))
    }

    @Test func columnsCountCharactersOnIndentedAndTildeFences() {
        // 2 spaces, a 4-tilde fence; the name has a non-ASCII character (2 bytes, 1 column).
        let document = LessonDocument(text: "  ~~~~graph name=é fersh\n  x\n  ~~~~\n")
        #expect(
            summary(document) == [
                "1:18: error: `é` cannot appear in a block name; use letters, digits, `_` and `-`",
                "1:20: error: unknown option `fersh` for a graph block; did you mean `fresh`?",
            ])
    }

    @Test func duplicateBlockNames() {
        let document = LessonDocument(
            text: """
                ```graph name=fit
                ```

                ```graph fresh name=fit
                ```

                ```graph name=block-4
                ```

                ```graph
                ```

                """)
        #expect(
            summary(document) == [
                "4:16: error: block name `fit` is already used by the graph block on line 1; "
                    + "names must differ (they name plot files): choose another `name=`",
                "10:1: error: block name `block-4` is already used by the graph block on line 7; "
                    + "names must differ (they name plot files): choose another `name=`",
            ])
    }
}
