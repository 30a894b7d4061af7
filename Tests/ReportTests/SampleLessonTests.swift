import Foundation
import Report
import Testing

/// The sample lesson (the tour's blocks with their regions) holds together: every image it links
/// is a plot file it produced, under the lesson's assets folder.
///
/// With `GRADBOOK_REPORT_SAMPLE_DIR` set, it also writes the lesson and its plots there, for
/// References/render_screenshot.sh.
@Suite struct SampleLessonTests {
    @Test func everyLinkedPlotIsProducedOnce() throws {
        let (markdown, plots) = SampleLesson.render(lessonFileName: "tour.md")
        let linked = markdown.split(separator: "\n").filter { $0.hasPrefix("![") }.map { line in
            String(line.drop(while: { $0 != "(" }).dropFirst().dropLast())
        }
        #expect(linked == ["tour.assets/momentum-l.svg", "tour.assets/sgd-w-w-grad.svg", "tour.assets/adam-l.svg"])
        #expect(plots.map { "tour.assets/" + $0.fileName } == linked)

        guard let folder = ProcessInfo.processInfo.environment["GRADBOOK_REPORT_SAMPLE_DIR"] else { return }
        let assets = URL(fileURLWithPath: folder).appendingPathComponent("tour.assets")
        try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
        try markdown.write(
            to: URL(fileURLWithPath: folder).appendingPathComponent("tour.md"), atomically: true, encoding: .utf8)
        let screenshot = SampleLesson.render(SampleLesson.screenshotBlocks, lessonFileName: "tour.md").markdown
        try screenshot.write(
            to: URL(fileURLWithPath: folder).appendingPathComponent("screenshot.md"), atomically: true, encoding: .utf8)
        for plot in plots {
            try plot.contents.write(to: assets.appendingPathComponent(plot.fileName), atomically: true, encoding: .utf8)
        }
    }
}
