import Autodiff
import Testing

/// `index` with one index keeps it on the node (no table entry); with several, in the tape's
/// table. Both must read back the same through `graph(of:)`, the gradient of `index` and the
/// gradient of that gradient. Expected values by hand.
@Suite struct IndexingTests {
    /// x = [10, 20, 30], m = [[1, 2, 3], [4, 5, 6]].
    func fixture(_ tape: Tape) throws -> (x: Tensor, m: Tensor) {
        let x = tape.param(try TensorValue([10, 20, 30], shape: [3], dtype: .f64), name: "x")
        let m = tape.param(try TensorValue([1, 2, 3, 4, 5, 6], shape: [2, 3], dtype: .f64), name: "m")
        return (x, m)
    }

    @Test func indicesReadBackThroughTheGraph() throws {
        let tape = Tape()
        let (x, m) = try fixture(tape)
        let last = try tape.index(x, -1)
        let row = try tape.index(m, [1])
        let element = try tape.index(m, [-1, 0])
        #expect(try tape.scalarValue(last) == 30)
        #expect(try tape.scalars(row) == [4, 5, 6])
        #expect(try tape.shape(row) == [3])
        #expect(try tape.scalarValue(element) == 4)
        #expect(try tape.graph(of: last).last?.indices == [2])
        #expect(try tape.graph(of: row).last?.indices == [1])
        #expect(try tape.graph(of: element).last?.indices == [1, 0])
        // Other nodes have no indices.
        #expect(try tape.graph(of: last).first?.indices == [])
    }

    @Test func oneIndexAndAListOfOneAreTheSame() throws {
        let tape = Tape()
        let (x, m) = try fixture(tape)
        #expect(try tape.value(try tape.index(x, 1)) == (try tape.value(try tape.index(x, [1]))))
        #expect(try tape.value(try tape.index(m, -2)) == (try tape.value(try tape.index(m, [0]))))
        #expect(throws: AutodiffError.indexOutOfRange(index: 3, dimension: 0, size: 3)) { try tape.index(x, 3) }
        #expect(throws: AutodiffError.indexOutOfRange(index: -4, dimension: 0, size: 3)) { try tape.index(x, -4) }
        let scalar = tape.scalar(1, dtype: .f64)
        #expect(throws: AutodiffError.tooManyIndices(count: 1, shape: [])) { try tape.index(scalar, 0) }
    }

    /// d(x[1]^2)/dx = [0, 2·x1, 0] = [0, 40, 0] (an `indexBackward` with one index); the gradient
    /// of its sum again, d(2·x1)/dx = [0, 2, 0], goes back through `index` with that index.
    @Test func secondDerivativeThroughOneIndex() throws {
        let tape = Tape()
        let (x, _) = try fixture(tape)
        let square = try tape.pow(try tape.index(x, 1), 2)
        let first = try tape.grad(of: square, wrt: x)
        #expect(try tape.scalars(first) == [0, 40, 0])
        #expect(try tape.graph(of: first).contains { $0.kind == .indexBackward && $0.indices == [1] })
        #expect(try tape.scalars(try tape.grad(of: first, wrt: x)) == [0, 2, 0])
    }

    /// d(m[1, 2] · m[1, 2])/dm: 2 · 6 = 12 at [1, 2], then 2; both through the table of indices.
    @Test func secondDerivativeThroughTwoIndices() throws {
        let tape = Tape()
        let (_, m) = try fixture(tape)
        let scaled = try tape.mul(try tape.index(m, [1, 2]), try tape.pow(try tape.index(m, [1, 2]), 1))
        let first = try tape.grad(of: scaled, wrt: m)
        #expect(try tape.scalars(first) == [0, 0, 0, 0, 0, 12])
        #expect(try tape.scalars(try tape.grad(of: first, wrt: m)) == [0, 0, 0, 0, 0, 2])
    }

    /// Freeing index nodes of both kinds and reusing their slots keeps the others' indices.
    @Test func reclaimKeepsTheIndicesOfSurvivors() throws {
        let tape = Tape()
        let (x, m) = try fixture(tape)
        var kept: [Tensor] = []
        for k in 0..<6 {
            _ = try tape.index(x, k % 3)
            _ = try tape.index(m, [k % 2, k % 3])
            kept.append(try tape.index(m, [1, k % 3]))
            kept.append(try tape.index(x, -1 - k % 3))
        }
        tape.reclaim(keeping: kept)
        for _ in 0..<6 {
            _ = try tape.index(m, [0, 0])
            _ = try tape.index(x, 0)
        }
        for (k, tensor) in kept.enumerated() {
            let expected = k % 2 == 0 ? [1, (k / 2) % 3] : [2 - (k / 2) % 3]
            #expect(try tape.graph(of: tensor).last?.indices == expected)
        }
    }
}
