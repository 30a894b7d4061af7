import Testing

@testable import Lesson

/// The opening of the acceptance lesson `examples/tour.md` (its first 42 lines, verbatim).
@Suite struct TourExcerptTests {
    static let text = """
        ---
        title: A tour of the graph language
        dtype: f32
        ---

        # A tour of the graph language

        Every statement of the spec, once. Each expected number in a `check` was
        printed by PyTorch 2.15 on the same computation (`torch.float32` unless the
        block says f64), or follows from a hand derivation written in the check.

        ## One sample, by hand

        ```graph name=by-hand
        x = 1
        y = 2
        param w = 1
        y_hat = w * x
        s = y_hat - y
        loss = s^2
        backward loss
        show loss, w.grad
        check loss = 1
        check d(loss)/d(w) = d(loss)/d(s) * d(s)/d(y_hat) * d(y_hat)/d(w)
                           = 2*s * 1 * x
                           = -2
        check ∂loss/∂s = 2*s = -2
        trace loss
        diagram loss
        ```

        The scope carries over to the next block, like a notebook kernel.

        ```graph
        w -= 0.01 * w.grad
        zero_grad
        loss = (w*x - y)^2
        backward loss
        check w = 1.02
        check w.grad = 2*(w*x - y)*x
        ```


        """

    @Test func readsTheTourOpening() throws {
        let document = LessonDocument(text: Self.text)
        #expect(document.diagnostics == [])
        #expect(document.frontMatter == FrontMatter(title: "A tour of the graph language", dtype: .f32, lines: 1...4))
        // Fences found with `awk '/^```/'` on the file: 14-30 and 34-41.
        #expect(document.blocks.map(\.fenceLines) == [14...30, 34...41])
        #expect(document.blocks.map(\.name) == ["by-hand", "block-2"])
        let first = try #require(document.blocks.first)
        #expect(first.source.hasPrefix("x = 1\ny = 2\nparam w = 1\n"))
        #expect(first.source.hasSuffix("trace loss\ndiagram loss\n"))
        #expect(first.source.split(separator: "\n", omittingEmptySubsequences: false).count == 16)
        // The `=` that continues the hand derivation: block line 11, column 20; file line 25.
        #expect(first.filePosition(line: 11, column: 20) == FilePosition(line: 25, column: 20))
    }

    @Test func runThenStripRestoresTheTour() throws {
        let document = LessonDocument(text: Self.text)
        let run = try document.spliced(outputs: [
            1: "| expression | value |\n| --- | --- |\n| loss | 1 |\n", 2: "- ✅ `check w = 1.02`\n",
        ])
        let reread = LessonDocument(text: run)
        #expect(reread.blocks.map(\.fenceLines) == [14...30, 40...47])
        #expect(reread.blocks.map { $0.region?.lines } == [32...36, 49...51])
        #expect(bytes(try reread.stripped()) == bytes(Self.text))
    }
}
