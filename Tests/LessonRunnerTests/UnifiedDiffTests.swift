import Foundation
import Testing

@testable import LessonRunner

/// The diff `check --diff` prints must be a real unified diff: GNU patch, an independent
/// implementation, applies it to the old text and must get the new text.
@Suite struct UnifiedDiffTests {
    @Test func equalTextsGiveNoDiff() {
        #expect(UnifiedDiff.diff(old: "a\nb\n", new: "a\nb\n", path: "x.md") == "")
    }

    @Test func aOneLineChangeIsOneHunkWithContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        let expected = """
            --- x.md
            +++ x.md (gradbook run)
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """
        #expect(UnifiedDiff.diff(old: old, new: new, path: "x.md") == expected)
    }

    @Test(arguments: 0..<60)
    func gnuPatchAppliesTheDiff(seed: Int) throws {
        let patch = URL(fileURLWithPath: "/usr/bin/patch")
        try #require(FileManager.default.isExecutableFile(atPath: patch.path), "GNU patch is needed for this test")
        var generator = SeededGenerator(state: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let vocabulary = ["a", "b", "c", "| 1 |", "", "<!-- gradbook:begin -->", "x = 1", "末尾"]
        let old = (0..<Int(generator.next() % 40)).map { _ in vocabulary[Int(generator.next() % 8)] }
        var new = old
        for _ in 0..<Int(generator.next() % 6) {
            let position = new.isEmpty ? 0 : Int(generator.next() % UInt64(new.count + 1))
            switch generator.next() % 3 {
            case 0: new.insert(vocabulary[Int(generator.next() % 8)], at: position)
            case 1: if position < new.count { new.remove(at: position) }
            default: if position < new.count { new[position] = "changed \(generator.next() % 5)" }
            }
        }
        let oldText = old.map { $0 + "\n" }.joined()
        let newText = new.map { $0 + "\n" }.joined()
        let diff = UnifiedDiff.diff(old: oldText, new: newText, path: "lesson.md")
        #expect(diff.isEmpty == (oldText == newText))
        guard !diff.isEmpty else { return }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lesson.md")
        try Data(oldText.utf8).write(to: file)
        let process = Process()
        process.executableURL = patch
        process.arguments = ["--silent", "--force", file.path]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(diff.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "patch rejected:\n\(diff)")
        #expect(try String(contentsOf: file, encoding: .utf8) == newText, "diff:\n\(diff)")
    }
}
