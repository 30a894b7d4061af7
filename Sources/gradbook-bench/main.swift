// gradbook-bench: release-build benchmarks of the engine, the language and whole lessons.
//
//   swift run -c release --scratch-path .build-release gradbook-bench [--notebooks FOLDER]
//       prints the benchmark table (build the `gradbook` product into the same scratch path first
//       to time the real binary: swift build -c release --scratch-path .build-release --product gradbook)
//   gradbook-bench workload chain-engine|chain-language [NODES]
//   gradbook-bench workload seed000 [ROUNDS]
//       runs one workload alone and prints one line of JSON (bench/compare.sh measures the
//       process's peak memory from outside)
//   gradbook-bench workload gradbook run|check [--quiet] PATH...
//       the LessonRunner library in a process of its own (used when no gradbook binary is built)
import Foundation
import LessonRunner

let arguments = Array(CommandLine.arguments.dropFirst())

/// Prints what the numbers depend on: the machine, its load and the date.
func printMachine() {
    let cpu =
        (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
        .first { $0.hasPrefix("model name") }?.split(separator: ":", maxSplits: 1).last?
        .trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    let load =
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
        .joined(separator: " ") ?? "?"
    let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1e9
    print("machine: \(ProcessInfo.processInfo.activeProcessorCount) CPUs, \(cpu), \(String(format: "%.1f", memory)) GB")
    print("load average (1, 5, 15 min): \(load)    date: \(ISO8601DateFormatter().string(from: Date()))")
    print("")
}

/// `workload ...`: one workload in this process, for measuring it from outside.
func runWorkload(_ words: [String]) -> Int32 {
    switch words.first {
    case "chain-engine", "chain-language":
        let nodes = words.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
        let result = scalarChainWorkload(throughLanguage: words[0] == "chain-language", nodes: nodes)
        print(result.json)
        return result.correct ? 0 : 1
    case "seed000":
        let rounds = words.dropFirst().first.flatMap { Int($0) } ?? 5
        let result = seed000Workload(rounds: max(1, rounds))
        print(result.json)
        return result.correct ? 0 : 1
    case "gradbook":
        let rest = Array(words.dropFirst())
        guard let command = rest.first, command == "run" || command == "check" else { break }
        let paths = rest.dropFirst().filter { !$0.hasPrefix("--") }
        let options = RunOptions(mode: command == "run" ? .run : .check, quiet: rest.contains("--quiet"))
        return LessonRunner.run(paths: paths, options: options)
    default:
        break
    }
    let usage =
        "usage: gradbook-bench workload chain-engine|chain-language [NODES] | seed000 [ROUNDS] | gradbook run|check PATH...\n"
    FileHandle.standardError.write(Data(usage.utf8))
    return 2
}

if arguments.first == "workload" {
    exit(runWorkload(Array(arguments.dropFirst())))
}
var notebooks = "notebooks"
if let index = arguments.firstIndex(of: "--notebooks"), index + 1 < arguments.count {
    notebooks = arguments[index + 1]
}
printMachine()
printTable(engineBenchmarks() + languageBenchmarks() + lessonBenchmarks(notebooks: notebooks))
