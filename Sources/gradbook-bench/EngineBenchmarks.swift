import Autodiff

/// Engine benchmarks (issue 2): a scalar chain forward and backward through the public API,
/// time and memory per node, for 1,000,000 nodes.
func engineBenchmarks() -> [BenchmarkRow] {
    var rows: [BenchmarkRow] = []
    let nodes = 1_000_000
    for dtype in [DType.f64, .f32] {
        // Five fresh tapes of 1M nodes; the first pays for the kernel finding huge pages.
        var times: [Double] = []
        var bytes: [Double] = []
        for _ in 0..<5 {
            let before = residentBytes()
            let (seconds, tape) = (try? scalarChain(nodes: nodes, dtype: dtype)) ?? (.nan, nil)
            bytes.append(Double(residentBytes() - before) / Double(nodes))
            times.append(seconds * 1e9 / Double(nodes))
            withExtendedLifetime(tape) {}
        }
        rows.append(
            BenchmarkRow(
                "scalar chain \(dtype): forward+backward (median of 5)", times.sorted()[2], "ns/node", goal: "≤ 30"))
        rows.append(BenchmarkRow("scalar chain \(dtype): forward+backward (first run)", times[0], "ns/node"))
        rows.append(
            BenchmarkRow(
                "scalar chain \(dtype): resident memory (max of 5)", bytes.max() ?? .nan, "bytes/node", goal: "≤ 200"))
    }
    let mixed = (try? mixedChain(nodes: nodes)) ?? .nan
    rows.append(
        BenchmarkRow("mixed chain f32 (literal per op): forward+backward", mixed * 1e9 / Double(nodes), "ns/node"))
    let reclaim = (try? reclaimAfterTraining(nodes: nodes)) ?? .nan
    rows.append(BenchmarkRow("reclaim of 1M dead nodes", reclaim * 1e9 / Double(nodes), "ns/node"))
    return rows
}

/// `y = y * c + c` repeated: every operation one node, through `Tape.mul` / `Tape.add`, then `backward`.
/// Returns the elapsed seconds and the tape (kept alive for the memory reading).
private func scalarChain(nodes: Int, dtype: DType) throws -> (Double, Tape?) {
    var tape: Tape?
    let seconds = try measureSeconds {
        let t = Tape()
        let x = t.param(TensorValue(scalar: 0.5, dtype: dtype), name: "x")
        let c = t.scalar(1.000001, dtype: dtype)
        var y = x
        for k in 0..<(nodes - 2) { y = k % 2 == 0 ? try t.mul(y, c) : try t.add(y, c) }
        try t.backward(y)
        tape = t
    }
    return (seconds, tape)
}

/// A chain as the language builds it: a literal constant node per operation (two nodes per step),
/// with `tanh`, `*` and `-`.
private func mixedChain(nodes: Int) throws -> Double {
    try measureSeconds {
        let t = Tape()
        let x = t.param(TensorValue(scalar: 0.5, dtype: .f32), name: "x")
        var y = x
        for k in 0..<(nodes / 2) {
            switch k % 3 {
            case 0: y = try t.mul(y, t.scalar(0.9, dtype: .f32))
            case 1: y = try t.tanh(y)
            default: y = try t.sub(y, t.scalar(-0.1, dtype: .f32))
            }
        }
        try t.backward(y)
    }
}

/// A training loop's garbage: one million dead nodes, then `reclaim(keeping:)` with only the param.
private func reclaimAfterTraining(nodes: Int) throws -> Double {
    let t = Tape()
    let w = t.param(TensorValue(scalar: 0.5, dtype: .f32), name: "w")
    let c = t.scalar(1.0001, dtype: .f32)
    for _ in 0..<(nodes / 1000) {
        var y = w
        for _ in 0..<1000 { y = try t.mul(y, c) }
        try t.backward(y)
    }
    return measureSeconds { t.reclaim(keeping: [w]) }
}
