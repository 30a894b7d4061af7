import Testing

@testable import GraphLanguage

/// The small helpers of the interpreter: edit distances, texts of ranges, shapes in words.
@Suite struct InterpreterSupportTests {
    @Test(arguments: [
        ("sigmoud", "sigmoid", 1), ("lsos", "loss", 1), ("loss", "loss", 0), ("", "abc", 3), ("kitten", "sitting", 3),
        ("y_hat", "yhat", 1),
    ])
    func editDistance(_ a: String, _ b: String, _ expected: Int) {
        #expect(Suggestion.editDistance(Array(a), Array(b)) == expected)
        #expect(Suggestion.editDistance(Array(b), Array(a)) == expected)
    }

    @Test func suggestionsStayCloseToTheName() {
        #expect(Suggestion.closest(to: "softmx", among: Builtin.allNames) == "softmax")
        #expect(Suggestion.closest(to: "relu", among: Builtin.allNames) == nil)  // itself is not suggested
        #expect(Suggestion.closest(to: "x", among: ["y", "z"]) == nil)
        #expect(Suggestion.closest(to: "lr", among: ["l", "lm"]) == "l")
        #expect(Suggestion.closest(to: "gradient", among: ["w", "loss"]) == nil)
    }

    @Test func textsOfRangesJoinLinesAndDropComments() {
        let lines = SourceLines("check a = b   # first\r\n      = c\n损失 = ŷ")
        func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> SourceRange {
            SourceRange(start: SourcePosition(line: l1, column: c1), end: SourcePosition(line: l2, column: c2))
        }
        #expect(lines.text(range(1, 7, 2, 10)) == "a = b = c")
        #expect(lines.text(range(3, 1, 3, 3)) == "损失")
        #expect(lines.text(range(3, 6, 3, 7)) == "ŷ")
        #expect(lines.text(range(9, 1, 9, 2)) == "")
    }

    @Test func shapesInWords() {
        // The engine's way (`shapes 3 and 2×2 do not broadcast`), so that both stages agree.
        #expect(ShapeText.describe([]) == "scalar")
        #expect(ShapeText.describe([3]) == "3")
        #expect(ShapeText.describe([2, 3, 4]) == "2×3×4")
        #expect(ShapeText.value([]) == "a scalar")
        #expect(ShapeText.value([8]) == "a value of shape 8")
        #expect(ShapeText.has([11, 2]) == "has shape 11×2")
        #expect(ShapeText.has([]) == "is a scalar")
        #expect(ShapeText.grouped(10_000_000) == "10,000,000")
        #expect(ShapeText.grouped(200) == "200")
        #expect(ShapeText.grouped(1_000) == "1,000")
        #expect(ShapeText.grouped(-12_345) == "-12,345")
        #expect(ShapeText.number(0.05) == "0.05")
        #expect(ShapeText.number(60) == "60")
    }

    @Test func broadcastPairs() {
        #expect(Broadcast.shape([2, 1], [3]) == [2, 3])
        #expect(Broadcast.shape([2], [3]) == nil)
        let pairs = Broadcast.pairs([2, 1], [3]) ?? []
        #expect(pairs.map(\.0) == [0, 0, 0, 1, 1, 1])
        #expect(pairs.map(\.1) == [0, 1, 2, 0, 1, 2])
    }
}
