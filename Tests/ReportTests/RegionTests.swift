import Autodiff
import GraphLanguage
import Testing

@testable import Report

/// Whole regions compared as strings (the tour's `by-hand` block, errors, warnings).
@Suite struct RegionTests {
    let context = RenderContext(lessonFileName: "tour.md", blockName: "by-hand")

    /// x = 1, y = 2, w = 1: y_hat = 1, s = -1, loss = 1; ∂loss/∂s = 2s = -2, ∂s/∂y_hat = 1,
    /// ∂y_hat/∂w = x = 1, so ∂loss/∂w = -2 (seed 004's example); ∂loss/∂x = -2·w = -2,
    /// ∂loss/∂y = -2·(-1) = 2.
    @Test func byHandBlock() {
        let region = renderRegion(SampleOutcomes.byHand, context: context)
        #expect(region.plots.isEmpty)
        #expect(
            region.markdown == """
                | expression | value |
                |---|--:|
                | `loss` | 1 |
                | `w.grad` | -2 |

                - ✅ `check loss = 1` — 1 = 1
                - ✅ `check d(loss)/d(w) = d(loss)/d(s) * d(s)/d(y_hat) * d(y_hat)/d(w) = 2*s * 1 * x = -2` — -2 = -2 = -2 = -2
                - ✅ `check ∂loss/∂s = 2*s = -2` — -2 = -2 = -2

                | node | operation | value | local gradients | ∂loss/∂node |
                |---|---|--:|---|--:|
                | `x` | input | 1 |  | -2 |
                | `w` | param | 1 |  | -2 |
                | `y_hat` | `w * x` | 1 | `∂y_hat/∂w = x = 1`<br>`∂y_hat/∂x = w = 1` | -2 |
                | `y` | input | 2 |  | 2 |
                | `s` | `y_hat - y` | -1 | `∂s/∂y_hat = 1`<br>`∂s/∂y = -1` | -2 |
                | `loss` | `s^2` | 1 | `∂loss/∂s = 2*s = -2` | 1 |

                ```mermaid
                flowchart LR
                    v0["x = 1<br>grad = -2"]
                    v1["w = 1<br>grad = -2"]
                    v2["y_hat = 1<br>grad = -2"]
                    v3["y = 2<br>grad = 2"]
                    v4["s = -1<br>grad = -2"]
                    v5["loss = 1<br>grad = 1"]
                    op0(("*"))
                    op1(("-"))
                    op2(("^2"))
                    v1 --> op0
                    v0 --> op0
                    op0 --> v2
                    v2 --> op1
                    v3 --> op1
                    op1 --> v4
                    v4 --> op2
                    op2 --> v5
                    classDef op fill:#f3f3f3,stroke:#888888
                    class op0,op1,op2 op
                ```

                """)
    }

    @Test func traceOfAnExpressionNamesItsOutputInCode() {
        let trace = Trace(
            output: "mean(l)",
            rows: [
                .init(
                    node: "l", operation: "input", value: SampleOutcomes.f32(4), localGradients: [],
                    gradient: SampleOutcomes.f32(1))
            ], range: SampleOutcomes.range(1))
        let markdown = renderRegion(BlockOutcome(outputs: [.trace(trace)]), context: context).markdown
        #expect(markdown.hasPrefix("| node | operation | value | local gradients | `∂mean(l)/∂node` |\n"))
    }

    @Test func longTracesKeepTheirFirstAndLastFiftyNodes() {
        func trace(_ count: Int) -> String {
            let rows = (0..<count).map { i in
                Trace.Row(
                    node: "t\(i)", operation: "input", value: SampleOutcomes.f32(Double(i)), localGradients: [],
                    gradient: SampleOutcomes.f32(1))
            }
            let outcome = BlockOutcome(outputs: [.trace(Trace(output: "t", rows: rows, range: SampleOutcomes.range(1)))]
            )
            return renderRegion(outcome, context: context).markdown
        }
        #expect(trace(100).split(separator: "\n").count == 102)
        let long = trace(150)
        #expect(long.split(separator: "\n").count == 103)
        #expect(long.contains("| `t49` | input | 49 |  | 1 |\n| … 50 more rows … | … | … | … | … |\n| `t100` |"))
    }

    @Test func mermaidLabelsAreEscaped() {
        let diagram = Diagram(
            output: "q",
            values: [
                .init(id: "end", name: "a\"b#<c>", value: SampleOutcomes.f32(1), gradient: nil),
                .init(id: "t1", name: "q", value: SampleOutcomes.f32(2), gradient: SampleOutcomes.f32(1)),
            ],
            operations: [.init(id: "op", label: "a & b", inputs: ["end"], output: "t1")], range: SampleOutcomes.range(1)
        )
        let markdown = renderRegion(BlockOutcome(outputs: [.diagram(diagram)]), context: context).markdown
        #expect(
            markdown == """
                ```mermaid
                flowchart LR
                    v0["a#quot;b#35;#lt;c#gt; = 1"]
                    v1["q = 2<br>grad = 1"]
                    op0(("a #amp; b"))
                    v0 --> op0
                    op0 --> v1
                    classDef op fill:#f3f3f3,stroke:#888888
                    class op0 op
                ```

                """)
    }

    @Test func unexpectedErrorWithANoteAfterTheOutputsBeforeIt() {
        let outcome = BlockOutcome(
            outputs: [
                .show(
                    ShowTable(
                        rows: [.init(expression: "w", value: SampleOutcomes.f32(1))], range: SampleOutcomes.range(2)))
            ],
            error: Diagnostic(
                message: "backward of r uses `q`, which was updated after r was computed",
                range: SampleOutcomes.range(4, 10),
                notes: [.init(message: "`q` was updated here", range: SampleOutcomes.range(3, 1))]))
        #expect(
            renderRegion(outcome, context: context).markdown == """
                | expression | value |
                |---|--:|
                | `w` | 1 |

                ❌ 4:10: error: backward of r uses `q`, which was updated after r was computed\\
                ↳ 3:1: note: `q` was updated here

                """)
    }

    @Test func expectedError() {
        let region = renderRegion(
            SampleOutcomes.mustFail,
            context: RenderContext(lessonFileName: "tour.md", blockName: "b", expectError: true))
        #expect(
            region.markdown
                == "✅ 3:1: expected error: backward of a 2×2 value needs a gradient of the same shape, "
                + "e.g. `backward r, ones(2, 2)`\n")
    }

    @Test func expectedErrorThatDidNotHappen() {
        let outcome = BlockOutcome(outputs: [.check(SampleOutcomes.passingCheck)])
        let region = renderRegion(
            outcome, context: RenderContext(lessonFileName: "tour.md", blockName: "b", expectError: true))
        #expect(
            region.markdown == """
                - ✅ `check loss = 1` — 1 = 1

                ❌ expected an error, but the block ran without one

                """)
    }

    @Test func warningsAndMarkdownInMessages() {
        let outcome = BlockOutcome(
            outputs: [],
            warnings: [
                Diagnostic(
                    severity: .warning,
                    message: "the loop never ran, so `log l_2` has no rows: log_2 <empty> *never* [ran] _x_ \\o/",
                    range: SampleOutcomes.range(2, 5))
            ])
        #expect(
            renderRegion(outcome, context: context).markdown
                == "⚠️ 2:5: warning: the loop never ran, so `log l_2` has no rows: log_2 \\<empty> \\*never\\* \\[ran] "
                + "\\_x\\_ \\\\o/\n")
    }

    @Test func anUnmatchedBacktickIsEscaped() {
        let outcome = BlockOutcome(
            error: Diagnostic(message: "unexpected character ` here", range: SampleOutcomes.range(1, 3)))
        #expect(renderRegion(outcome, context: context).markdown == "❌ 1:3: error: unexpected character \\` here\n")
    }

    @Test func nothingToShowIsAnEmptyBody() {
        #expect(renderRegion(BlockOutcome(), context: context) == RenderedRegion(markdown: "", plots: []))
    }

    @Test func renderingIsRepeatable() {
        for outcome in [SampleOutcomes.byHand, SampleOutcomes.momentum, SampleOutcomes.adam, SampleOutcomes.mustFail] {
            #expect(renderRegion(outcome, context: context) == renderRegion(outcome, context: context))
        }
    }
}
