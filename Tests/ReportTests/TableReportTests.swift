import Autodiff
import GraphLanguage
import Testing

@testable import Report

@Suite struct TableReportTests {
    let context = RenderContext(lessonFileName: "intro.md", blockName: "block-1")

    @Test func showTable() {
        let outcome = BlockOutcome(outputs: [
            .show(
                ShowTable(
                    rows: [
                        .init(expression: "loss", value: Value(scalar: 1, dtype: .f32)),
                        .init(expression: "a.grad", value: Value(dtype: .f32, shape: [2], scalars: [36, 81])),
                        .init(expression: "s", value: Value(scalar: -7.840000152587891, dtype: .f32)),
                    ], range: SampleOutcomes.range(1)))
        ])
        #expect(
            renderRegion(outcome, context: context).markdown == """
                | expression | value |
                |---|--:|
                | `loss` | 1 |
                | `a.grad` | [36, 81] |
                | `s` | -7.84 |

                """)
    }

    @Test func pipesInCellsAreEscaped() {
        let outcome = BlockOutcome(outputs: [
            .show(
                ShowTable(
                    rows: [.init(expression: "a|b", value: Value(scalar: 1, dtype: .f32))],
                    range: SampleOutcomes.range(1)))
        ])
        #expect(renderRegion(outcome, context: context).markdown.contains("| `a\\|b` | 1 |"))
    }

    @Test func logOf25RowsKeepsTheFirstAndLastTen() {
        let rows = (0..<25).map { i in
            [Value(scalar: Double(i), dtype: .f32), Value(scalar: Double(i * i) / 4, dtype: .f32)]
        }
        let outcome = BlockOutcome(outputs: [
            .log(LogTable(columns: ["i", "mean(l)"], rows: rows, range: SampleOutcomes.range(3)))
        ])
        #expect(
            renderRegion(outcome, context: context).markdown == """
                | `i` | `mean(l)` |
                |--:|--:|
                | 0 | 0 |
                | 1 | 0.25 |
                | 2 | 1 |
                | 3 | 2.25 |
                | 4 | 4 |
                | 5 | 6.25 |
                | 6 | 9 |
                | 7 | 12.25 |
                | 8 | 16 |
                | 9 | 20.25 |
                | … 5 more rows … | … |
                | 15 | 56.25 |
                | 16 | 64 |
                | 17 | 72.25 |
                | 18 | 81 |
                | 19 | 90.25 |
                | 20 | 100 |
                | 21 | 110.25 |
                | 22 | 121 |
                | 23 | 132.25 |
                | 24 | 144 |

                """)
    }

    @Test func twentyRowsAreAllShownAndTwentyOneAreNot() {
        func table(_ count: Int) -> String {
            let rows = (0..<count).map { [Value(scalar: Double($0), dtype: .f64)] }
            return renderRegion(
                BlockOutcome(outputs: [.log(LogTable(columns: ["l"], rows: rows, range: SampleOutcomes.range(1)))]),
                context: context
            ).markdown
        }
        #expect(!table(20).contains("…"))
        #expect(table(20).split(separator: "\n").count == 22)
        #expect(table(21).contains("| … 1 more row … |\n"))
        #expect(table(21).split(separator: "\n").count == 23)
    }

    @Test func showInsideALoopIsTruncatedLikeALog() {
        let rows = (0..<3000).map { ShowTable.Row(expression: "l", value: Value(scalar: Double($0), dtype: .f64)) }
        let markdown = renderRegion(
            BlockOutcome(outputs: [.show(ShowTable(rows: rows, range: SampleOutcomes.range(2)))]), context: context
        ).markdown
        #expect(markdown.contains("| `l` | 9 |\n| … 2980 more rows … | … |\n| `l` | 2990 |\n"))
    }

    @Test func aLongLogFormatsOnlyTheRowsItShows() {
        let rows = (0..<100_000).map { [Value(scalar: Double($0), dtype: .f64)] }
        let outcome = BlockOutcome(outputs: [.log(LogTable(columns: ["i"], rows: rows, range: SampleOutcomes.range(1)))]
        )
        let markdown = renderRegion(outcome, context: context).markdown
        #expect(markdown.contains("| 9 |\n| … 99980 more rows … |\n| 99990 |\n"))
        #expect(markdown.hasSuffix("| 99999 |\n"))
    }

    @Test func precisionAppliesToEveryValue() {
        let outcome = BlockOutcome(outputs: [
            .log(
                LogTable(columns: ["l"], rows: [[Value(scalar: 2.0 / 3, dtype: .f64)]], range: SampleOutcomes.range(1)))
        ])
        let context = RenderContext(lessonFileName: "intro.md", blockName: "b", precision: 3)
        #expect(renderRegion(outcome, context: context).markdown == "| `l` |\n|--:|\n| 0.667 |\n")
    }
}
