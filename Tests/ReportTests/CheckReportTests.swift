import Autodiff
import GraphLanguage
import Testing

@testable import Report

/// `check` and `gradcheck` items (SPEC §2.7, §3).
@Suite struct CheckReportTests {
    let context = RenderContext(lessonFileName: "intro.md", blockName: "block-1")

    func render(_ outputs: [Output]) -> String {
        renderRegion(BlockOutcome(outputs: outputs), context: context).markdown
    }

    func check(
        _ text: String, _ links: [(String, Value)], comparison: Comparison? = nil, passed: Bool,
        broken: Int? = nil, atol: Double = 1e-6, rtol: Double = 1e-5
    ) -> Output {
        .check(
            CheckResult(
                text: text, links: links.map { CheckResult.Link(text: $0.0, value: $0.1) }, comparison: comparison,
                passed: passed, firstBrokenLink: broken, absoluteTolerance: atol, relativeTolerance: rtol,
                range: SampleOutcomes.range(1)))
    }

    let f32 = SampleOutcomes.f32
    let f64 = SampleOutcomes.f64

    @Test func passingHandDerivationShowsEveryLink() {
        let markdown = render([
            check(
                "d(loss)/d(w) = 2*s * 1 * x = -2",
                [("d(loss)/d(w)", f32(-2)), ("2*s * 1 * x", f32(-2)), ("-2", f32(-2))],
                passed: true)
        ])
        #expect(markdown == "- ✅ `check d(loss)/d(w) = 2*s * 1 * x = -2` — -2 = -2 = -2\n")
    }

    @Test func aChainWrittenOnSeveralLinesIsShownOnOne() {
        let markdown = render([
            check(
                "d(loss)/d(w) = d(loss)/d(s) * d(s)/d(y_hat) * d(y_hat)/d(w)\n                   = 2*s * 1 * x\n   = -2",
                [
                    ("d(loss)/d(w)", f32(-2)), ("d(loss)/d(s) * d(s)/d(y_hat) * d(y_hat)/d(w)", f32(-2)),
                    ("2*s * 1 * x", f32(-2)), ("-2", f32(-2)),
                ],
                passed: true)
        ])
        #expect(
            markdown
                == "- ✅ `check d(loss)/d(w) = d(loss)/d(s) * d(s)/d(y_hat) * d(y_hat)/d(w) = 2*s * 1 * x = -2` — "
                + "-2 = -2 = -2 = -2\n")
    }

    @Test func theToleranceIsRelativeToTheLaterLink() {
        // |100 - 100.5| = 0.5. With rtol 0.00498 the bound is 0.498 relative to 100 (the earlier
        // link) but 0.50049 relative to 100.5 (the later one, as torch.allclose(a, b) takes |b|):
        // only the later link's magnitude makes it hold, and the rendered chain shows `=` there.
        let markdown = render([
            check(
                "a = 100 = 100.5 = 200",
                [("a", f64(100)), ("100", f64(100)), ("100.5", f64(100.5)), ("200", f64(200))],
                passed: false, atol: 0, rtol: 0.00498)
        ])
        #expect(markdown.hasPrefix("- ❌ `check a = 100 = 100.5 = 200` — 100 = 100 = 100.5 ≠ 200\n"))
    }

    @Test func consecutiveChecksFormOneList() {
        let markdown = render([
            check("loss = 1", [("loss", f32(1)), ("1", f32(1))], passed: true),
            check("check w.grad = -2", [("w.grad", f32(-2)), ("-2", f32(-2))], passed: true),
        ])
        // The keyword is added when the interpreter's text leaves it out, and not doubled otherwise.
        #expect(markdown == "- ✅ `check loss = 1` — 1 = 1\n- ✅ `check w.grad = -2` — -2 = -2\n")
    }

    @Test func failingLinkShowsBothSidesAndTheDifference() {
        // After one SGD step w is 1.02 (1 - 0.01 * -2); the author wrote 1.03. In f32,
        // |1.03 - 1.02| = 0.0100001 rounds to 0.01 at 3 significant digits.
        let markdown = render([check("w = 1.03", [("w", f32(1.02)), ("1.03", f32(1.03))], passed: false, broken: 1)])
        #expect(
            markdown == """
                - ❌ `check w = 1.03` — 1.02 ≠ 1.03
                  - first broken link: `w` = 1.02 but `1.03` = 1.03, difference 0.01 (tolerance: atol 1e-6 + rtol 1e-5)

                """)
    }

    @Test func aBrokenMiddleLinkAndLaterLinks() {
        let markdown = render([
            check(
                "∂loss/∂s = 2*s = -3 = -3",
                [("∂loss/∂s", f32(-2)), ("2*s", f32(-2)), ("-3", f32(-3)), ("-3", f32(-3))],
                passed: false, broken: 2, atol: 0.001, rtol: 0)
        ])
        #expect(
            markdown == """
                - ❌ `check ∂loss/∂s = 2*s = -3 = -3` — -2 = -2 ≠ -3 = -3
                  - first broken link: `2*s` = -2 but `-3` = -3, difference 1 (tolerance: atol 0.001)

                """)
    }

    @Test func tensorLinksNameTheLargestDifference() {
        let grad = Value(dtype: .f32, shape: [2], scalars: [36, 81])
        let written = Value(dtype: .f32, shape: [2], scalars: [36, 80])
        let markdown = render([
            check("a.grad = [36, 80]", [("a.grad", grad), ("[36, 80]", written)], passed: false, broken: 1)
        ])
        #expect(
            markdown == """
                - ❌ `check a.grad = [36, 80]` — [36, 81] ≠ [36, 80]
                  - first broken link: `a.grad` = [36, 81] but `[36, 80]` = [36, 80], largest difference 1 at [1] (tolerance: atol 1e-6 + rtol 1e-5)

                """)
    }

    @Test func mismatchedShapesAreNamed() {
        let two = Value(dtype: .f32, shape: [2], scalars: [1, 2])
        let three = Value(dtype: .f32, shape: [3], scalars: [1, 2, 3])
        let markdown = render([check("v = [1, 2, 3]", [("v", two), ("[1, 2, 3]", three)], passed: false, broken: 1)])
        #expect(
            markdown.hasSuffix(
                "  - first broken link: `v` = [1, 2] but `[1, 2, 3]` = [1, 2, 3]: shapes 2 and 3 do not match\n"))
    }

    @Test func brokenLinkIsFoundWhenTheResultDoesNotNameIt() {
        // |2.5 - 2| = 0.5 > 1e-6 + 1e-5 * 2: the second link breaks.
        let markdown = render([check("x = 2 = 2.5", [("x", f32(2)), ("2", f32(2)), ("2.5", f32(2.5))], passed: false)])
        #expect(
            markdown.hasPrefix(
                "- ❌ `check x = 2 = 2.5` — 2 = 2 ≠ 2.5\n  - first broken link: `2` = 2 but `2.5` = 2.5, difference 0.5")
        )
    }

    @Test func comparisons() {
        let passing = render([
            check(
                "l < 1e-12", [("l", f64(6.608956957838981e-13)), ("1e-12", f64(1e-12))], comparison: .less, passed: true
            )
        ])
        #expect(passing == "- ✅ `check l < 1e-12` — 6.608956957838981e-13 < 1e-12\n")
        let failing = render([
            check("l < 1e-12", [("l", f64(0.5)), ("1e-12", f64(1e-12))], comparison: .less, passed: false)
        ])
        #expect(failing == "- ❌ `check l < 1e-12` — 0.5 is not < 1e-12\n")
        let vector = Value(dtype: .f32, shape: [3], scalars: [1, -1, 2])
        let elementwise = render([check("v > 0", [("v", vector), ("0", f32(0))], comparison: .greater, passed: false)])
        #expect(
            elementwise == """
                - ❌ `check v > 0` — [1, -1, 2] is not > 0
                  - first failing element [1]: -1 is not > 0

                """)
    }

    @Test func gradcheck() {
        let passing = render([
            .gradcheck(
                GradcheckResult(
                    text: "mean((a*x^2 + b*x + c - y)^2)", passed: true, maxRelativeError: 3.14e-10,
                    inputNames: ["a", "b", "c"], inputErrors: [1.234e-10, 3.14e-10, 2.4e-11], tolerance: 1e-6,
                    range: SampleOutcomes.range(1)))
        ])
        #expect(
            passing
                == "- ✅ `gradcheck mean((a*x^2 + b*x + c - y)^2) wrt a, b, c` — largest relative error 3.1e-10 "
                + "(`a`: 1.2e-10, `b`: 3.1e-10, `c`: 2.4e-11) ≤ tolerance 1e-6\n")
        let failing = render([
            .gradcheck(
                GradcheckResult(
                    text: "relu(w)", passed: false, maxRelativeError: 0.5, inputNames: ["w"],
                    inputErrors: [0.5], tolerance: 1e-6, range: SampleOutcomes.range(1)))
        ])
        #expect(failing == "- ❌ `gradcheck relu(w) wrt w` — largest relative error 0.5 > tolerance 1e-6\n")
    }

    @Test func checkCountsStayConsistentWithTheMarkers() {
        let outcome = SampleOutcomes.wrongDerivation
        let markdown = renderRegion(outcome, context: context).markdown
        let failures = markdown.split(separator: "\n").filter { $0.hasPrefix("- ❌") }.count
        #expect(failures == outcome.checkCounts.failed)
        #expect(failures == 1)
    }
}
