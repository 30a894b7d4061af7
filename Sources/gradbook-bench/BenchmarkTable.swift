import Foundation

/// One line of the benchmark table: what was measured, the number, its unit and the goal.
struct BenchmarkRow {
    var name: String
    var value: Double
    var unit: String
    var goal: String

    init(_ name: String, _ value: Double, _ unit: String, goal: String = "") {
        self.name = name
        self.value = value
        self.unit = unit
        self.goal = goal
    }
}

/// Prints rows as an aligned Markdown table, so the output can be pasted into BENCHMARKS.md.
func printTable(_ rows: [BenchmarkRow]) {
    let header = ["benchmark", "value", "unit", "goal"]
    let cells = rows.map { [$0.name, String(format: "%.2f", $0.value), $0.unit, $0.goal] }
    var widths = header.map(\.count)
    for row in cells {
        for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ row: [String]) -> String {
        "| "
            + row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            .joined(separator: " | ") + " |"
    }
    print(line(header))
    print("|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|")
    for row in cells { print(line(row)) }
}

/// The process's resident memory in bytes (from `/proc/self/statm`), for bytes-per-node measurements.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Seconds elapsed while running `body`, on the monotonic clock.
func measureSeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
