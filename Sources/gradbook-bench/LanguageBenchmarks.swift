import Autodiff
import Foundation
import GraphLanguage

/// Language benchmarks (issue 3): the cost of a recorded scalar operation through `Session.run`.
///
/// The loop of issue 3, `for i in range(1000000): y = y * 1.000001` then `backward y`, timed as
/// blocks run by a session (parse, resolve, one million iterations, backward); the goal is
/// ≤ 100 ns per recorded operation. The same chain made directly on the engine's `Tape` shows
/// how much of that is the engine's and how much the interpreter's. Times are CPU seconds of
/// this process (other processes sharing the machine do not count), best of three rounds.
func languageBenchmarks() -> [BenchmarkRow] {
    let iterations = 1_000_000
    let chain = """
        param w = 1
        y = w
        for i in range(\(iterations)):
            y = y * 1.000001
        """
    var language = (forward: Double.infinity, total: Double.infinity)
    var engine = (forward: Double.infinity, total: Double.infinity)
    for _ in 0..<3 {
        let session = Session(options: SessionOptions())
        let forward = cpuSeconds { _ = session.run(chain, options: BlockOptions()) }
        let backward = cpuSeconds { _ = session.run("backward y", options: BlockOptions()) }
        language = (min(language.forward, forward), min(language.total, forward + backward))

        let tape = Tape()
        var y = tape.param(TensorValue(scalar: 1, dtype: .f32), name: "w")
        let engineForward = cpuSeconds {
            let c = tape.scalar(1.000001, dtype: .f32)
            for _ in 0..<iterations { y = (try? tape.mul(y, c)) ?? y }
        }
        let engineBackward = cpuSeconds { try? tape.backward(y) }
        engine = (min(engine.forward, engineForward), min(engine.total, engineForward + engineBackward))
    }
    func perOperation(_ seconds: Double) -> Double { seconds / Double(iterations) * 1e9 }
    var rows = [
        BenchmarkRow("language: y = y * c, 1M iterations, forward", perOperation(language.forward), "ns/op"),
        BenchmarkRow("engine alone: the same chain on Tape, forward", perOperation(engine.forward), "ns/op"),
        BenchmarkRow(
            "language: interpreter's share of the forward", perOperation(language.forward - engine.forward), "ns/op"),
        BenchmarkRow(
            "language: y = y * c, 1M iterations, forward + backward", perOperation(language.total), "ns/op",
            goal: "≤ 100"),
        BenchmarkRow("engine alone: the same chain, forward + backward", perOperation(engine.total), "ns/op"),
    ]

    let training = """
        param w = 5
        for i in range(100000):
            l = (w - 2)^2
            backward l
            step sgd(lr=0.001, momentum=0.9)
        """
    let session = Session(options: SessionOptions())
    let seconds = cpuSeconds { _ = session.run(training, options: BlockOptions()) }
    rows.append(
        BenchmarkRow("language: training loop of 3 statements, 100k iterations", seconds / 1e5 * 1e9, "ns/iteration"))
    return rows
}

/// CPU seconds this process spent running `body`.
private func cpuSeconds(_ body: () -> Void) -> Double {
    var start = timespec()
    var end = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start)
    body()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}
