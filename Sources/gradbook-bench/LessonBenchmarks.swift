import Autodiff
import Foundation
import GraphLanguage
import LessonRunner

/// What one workload measured: the best of its rounds, and whether it computed the right thing.
///
/// `bench/workloads.py` prints the same fields for PyTorch and micrograd, so that
/// `bench/table.py` can put both sides in one table.
struct WorkloadResult: Codable {
    var workload: String
    /// Recorded operations (chain nodes) or training steps; the unit of the per-operation times.
    var operations: Int
    /// CPU seconds of this process in the best round (other processes on the machine do not count).
    var cpuSeconds: Double
    /// Wall-clock seconds of the best round.
    var wallSeconds: Double
    /// Growth of the resident set while the graph was built, per operation, in the first round.
    var bytesPerOperation: Double?
    /// The computed value that shows the work was done (for example seed 000's final `a`).
    var result: String
    /// Whether `result` is the expected one.
    var correct: Bool

    enum CodingKeys: String, CodingKey {
        case workload, operations, result, correct
        case cpuSeconds = "cpu_seconds"
        case wallSeconds = "wall_seconds"
        case bytesPerOperation = "bytes_per_operation"
    }

    /// One line of JSON, the last line a workload subprocess prints.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Seed 000's fit of y = a·x (`/work/shared/seeds/000`, lesson 1's block `fit`): a = 7, lr 0.01,
/// three samples per epoch, 1000 epochs = 3000 steps, logging `a` after every step and the mean
/// loss after every epoch as the seed appends them to `a_list` and `loss_list`. The seed's
/// `plt.plot` calls are left out on both sides. The checks hold the numbers PyTorch printed.
let seed000Source = """
    xs = [1, 2, 3]
    ys = [2, 4, 6]
    param a = 7
    for epoch in range(1000):
        total = 0
        for x, y in zip(xs, ys):
            l = (a*x - y)^2
            total = total + l
            backward l
            a -= 0.01 * a.grad
            zero_grad
            log a
        mean_loss = total / 3
        log epoch, mean_loss
    check a = 2.0000007152557373
    check mean_loss = 2.0653108129958797e-12 within 1e-15
    """

/// Runs seed 000's loop through `Session.run` (parse, resolve, 3000 steps) in a fresh session per
/// round; the best of `rounds`.
func seed000Workload(rounds: Int = 5) -> WorkloadResult {
    var best = WorkloadResult(
        workload: "seed000-language", operations: 3000, cpuSeconds: .infinity, wallSeconds: .infinity,
        result: "", correct: false)
    for _ in 0..<rounds {
        let session = Session(options: SessionOptions())
        var outcome = BlockOutcome()
        let (cpu, wall) = timed { outcome = session.run(seed000Source, options: BlockOptions()) }
        let counts = outcome.checkCounts
        let correct = outcome.error == nil && counts.total == 2 && counts.failed == 0
        var result = "checks: \(counts.total - counts.failed) of \(counts.total) passed"
        if let error = outcome.error { result = "error: \(error.message)" }
        if cpu < best.cpuSeconds {
            best.cpuSeconds = cpu
            best.result = result
            best.correct = correct
        }
        best.wallSeconds = min(best.wallSeconds, wall)
        if !correct { best.correct = false }
    }
    return best
}

/// The scalar chain of the comparison, `y = y * 1.000001` recorded `nodes` times from a param,
/// then backward, in f32 — the same computation `bench/workloads.py` times in PyTorch and
/// micrograd. Through the engine's `Tape` API, or through the language (`Session.run`).
func scalarChainWorkload(throughLanguage: Bool, nodes: Int, rounds: Int = 3) -> WorkloadResult {
    let expected = pow(Double(Float(1.000001)), Double(nodes))
    var best = WorkloadResult(
        workload: throughLanguage ? "chain-language" : "chain-engine", operations: nodes,
        cpuSeconds: .infinity, wallSeconds: .infinity, result: "", correct: true)
    for round in 0..<rounds {
        var gradient = Double.nan
        var grownBytes = 0
        let (cpu, wall): (Double, Double)
        if throughLanguage {
            let session = Session(options: SessionOptions())
            let source = "param w = 1\ny = w\nfor i in range(\(nodes)):\n    y = y * 1.000001\n"
            (cpu, wall) = timed {
                let before = residentBytes()
                _ = session.run(source, options: BlockOptions())
                grownBytes = residentBytes() - before
                let outcome = session.run("backward y\nshow w.grad", options: BlockOptions())
                gradient = shownScalar(outcome) ?? .nan
            }
        } else {
            (cpu, wall) = timed {
                let before = residentBytes()
                let tape = Tape()
                let w = tape.param(TensorValue(scalar: 1, dtype: .f32), name: "w")
                let c = tape.scalar(1.000001, dtype: .f32)
                var y = w
                for _ in 0..<nodes { y = (try? tape.mul(y, c)) ?? y }
                grownBytes = residentBytes() - before
                try? tape.backward(y)
                gradient = (try? tape.gradient(of: w))??.scalar ?? .nan
            }
        }
        if round == 0 { best.bytesPerOperation = Double(grownBytes) / Double(nodes) }
        best.cpuSeconds = min(best.cpuSeconds, cpu)
        best.wallSeconds = min(best.wallSeconds, wall)
        // The exact power of the f32 constant; products rounded to f32 at every step drift below it
        // (PyTorch: 1.0994757 for 100,000 nodes against 1.1000703), hence the 2 % tolerance.
        let correct = abs(gradient - expected) <= 0.02 * expected
        best.result = "w.grad = \(Float(gradient))"
        if !correct { best.correct = false }
    }
    return best
}

/// The value of the last row of the first `show` table of an outcome, if it is a scalar.
private func shownScalar(_ outcome: BlockOutcome) -> Double? {
    for output in outcome.outputs {
        if case .show(let table) = output, let row = table.rows.last { return row.value.scalars.first }
    }
    return nil
}

/// Times `gradbook run` and `gradbook check` on a copy of the lessons in `folder` (the copy is
/// rendered first, so `check` does the work of a green CI run and exits 0), each as a child
/// process whose peak resident set comes from `wait4`. The child is the release `gradbook`
/// beside this executable when it exists; otherwise this executable's own `check-notebooks`
/// workload, which calls the same `LessonRunner` library.
func notebookWorkloads(folder: String, rounds: Int = 5) -> [BenchmarkRow] {
    let copy = NSTemporaryDirectory() + "gradbook-bench-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: copy) }
    do {
        try FileManager.default.copyItem(atPath: folder, toPath: copy)
    } catch {
        print("cannot copy \(folder): \(error)")
        return []
    }
    let lessons = (try? LessonFiles.discover([copy]))?.count ?? 0
    let (command, label) = gradbookCommand()
    var rows: [BenchmarkRow] = []
    guard let render = ChildProcess.run(command + ["run", "--quiet", copy]) else {
        print("cannot start \(command.joined(separator: " "))")
        return []
    }
    rows.append(
        BenchmarkRow("\(label) run \(folder) (\(lessons) lessons, writes): wall", render.wallSeconds * 1e3, "ms"))
    var best: ChildProcess.Measurement?
    var peak = 0
    var peakIsOwn = true
    for _ in 0..<rounds {
        guard let check = ChildProcess.run(command + ["check", "--quiet", copy]) else { break }
        peak = max(peak, check.peakResidentBytes)
        peakIsOwn = peakIsOwn && check.peakIsOwn
        if best.map({ check.wallSeconds < $0.wallSeconds }) ?? true { best = check }
    }
    guard let check = best else { return rows }
    let verdict = check.exitStatus == 0 ? "exit 0" : "exit \(check.exitStatus): \(check.lastLine)"
    rows.append(BenchmarkRow("\(label) check \(folder) (\(lessons) lessons): wall", check.wallSeconds * 1e3, "ms"))
    rows.append(BenchmarkRow("\(label) check \(folder): CPU (user + sys)", check.cpuSeconds * 1e3, "ms"))
    let memory = peakIsOwn ? "peak memory (max RSS)" : "peak memory (≤ this: no /usr/bin/time)"
    rows.append(BenchmarkRow("\(label) check \(folder): \(memory)", Double(peak) / 1e6, "MB", goal: verdict))
    return rows
}

/// The command that checks lessons in a child process, and how to name it in the table.
func gradbookCommand() -> (command: [String], label: String) {
    if let path = ProcessInfo.processInfo.environment["GRADBOOK"] { return ([path], "gradbook") }
    let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let sibling = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("gradbook").path
    if FileManager.default.isExecutableFile(atPath: sibling) { return ([sibling], "gradbook") }
    return ([own, "workload", "gradbook"], "LessonRunner (no gradbook binary)")
}

/// The rows of the lesson benchmarks: seed 000's loop through the language, then whole lessons.
func lessonBenchmarks(notebooks: String) -> [BenchmarkRow] {
    let seed = seed000Workload()
    let verdict = seed.correct ? "a = 2.0000007 ✓" : "WRONG: \(seed.result)"
    var rows = [
        BenchmarkRow("seed 000 loop, 3000 steps through Session.run: CPU", seed.cpuSeconds * 1e3, "ms", goal: verdict),
        BenchmarkRow(
            "seed 000 loop: per step (6 statements: 4 recorded ops, backward, update)", seed.cpuSeconds / 3000 * 1e9,
            "ns"),
        BenchmarkRow("seed 000 loop: wall", seed.wallSeconds * 1e3, "ms"),
    ]
    rows += notebookWorkloads(folder: notebooks)
    return rows
}

/// CPU seconds of this process and wall seconds spent in `body`.
func timed(_ body: () -> Void) -> (cpu: Double, wall: Double) {
    var start = timespec()
    var end = timespec()
    let wallStart = DispatchTime.now().uptimeNanoseconds
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start)
    body()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end)
    let wall = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
    return (Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9, wall)
}
