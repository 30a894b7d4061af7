import Autodiff
import Foundation
import GraphLanguage

/// Language benchmarks (issue 3): the cost of a recorded scalar operation through `Session.run`.
///
/// The loop of issue 3, `for i in range(1000000): y = y * 1.000001` then `backward y`, timed as
/// blocks run by a session (parse, resolve, one million iterations, backward); the goal is
/// ≤ 100 ns per recorded operation. The same chain made directly on the engine's `Tape` shows
/// how much of that is the engine's. Times are CPU seconds of this process (other processes
/// sharing the machine do not count), best of three rounds.
func languageBenchmarks() -> [BenchmarkRow] {
    var rows: [BenchmarkRow] = []
    let iterations = 1_000_000
    let chain = """
        param w = 1
        y = w
        for i in range(\(iterations)):
            y = y * 1.000001
        """
    var bestForward = Double.infinity
    var bestTotal = Double.infinity
    for _ in 0..<3 {
        let session = Session(options: SessionOptions())
        let forward = cpuSeconds { _ = session.run(chain, options: BlockOptions()) }
        let backward = cpuSeconds { _ = session.run("backward y", options: BlockOptions()) }
        bestForward = min(bestForward, forward)
        bestTotal = min(bestTotal, forward + backward)
    }
    rows.append(BenchmarkRow("language: y = y * c, 1M iterations, forward", bestForward / 1e6 * 1e9, "ns/op"))
    rows.append(
        BenchmarkRow(
            "language: y = y * c, 1M iterations, forward + backward", bestTotal / 1e6 * 1e9, "ns/op", goal: "≤ 100"))

    var bestEngine = Double.infinity
    for _ in 0..<3 {
        let seconds = cpuSeconds {
            let tape = Tape()
            let w = tape.param(TensorValue(scalar: 1, dtype: .f32), name: "w")
            let c = tape.scalar(1.000001, dtype: .f32)
            var y = w
            for _ in 0..<iterations { y = (try? tape.mul(y, c)) ?? y }
            try? tape.backward(y)
        }
        bestEngine = min(bestEngine, seconds)
    }
    rows.append(
        BenchmarkRow("engine alone: the same chain on Tape, forward + backward", bestEngine / 1e6 * 1e9, "ns/op"))

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
