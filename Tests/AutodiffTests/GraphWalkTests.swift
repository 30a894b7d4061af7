import Autodiff
import Testing

/// `graph(of:)`, which `trace` and `diagram` read: the tour's one-sample example, by hand.
/// x = 1, y = 2, w = 1: y_hat = w*x = 1, s = y_hat - y = -1, loss = s^2 = 1;
/// d(loss)/d(s) = 2s = -2, d(loss)/d(y_hat) = -2, d(loss)/d(w) = -2 * x = -2, d(loss)/d(x) = -2 * w = -2.
@Suite struct GraphWalkTests {
    @Test func oneSampleByHand() throws {
        let tape = Tape()
        let x = tape.scalar(1, dtype: .f32)
        let y = tape.scalar(2, dtype: .f32)
        let w = tape.param(TensorValue(scalar: 1, dtype: .f32), name: "w")
        let yHat = try tape.mul(w, x)
        let s = try tape.sub(yHat, y)
        let loss = try tape.pow(s, 2)
        let nodes = try tape.graph(of: loss)
        #expect(nodes.count == 6)
        #expect(nodes.last?.tensor == loss)
        // Forward order: every node after its inputs.
        for (position, node) in nodes.enumerated() {
            for input in node.inputs {
                let inputPosition = try #require(nodes.firstIndex { $0.tensor == input })
                #expect(inputPosition < position)
            }
        }
        func node(_ t: Tensor) throws -> GraphNode { try #require(nodes.first { $0.tensor == t }) }
        #expect(try node(w).kind == .param)
        #expect(try node(w).paramName == "w")
        #expect(try node(w).gradient.scalar == -2)
        #expect(try node(x).gradient.scalar == -2)
        #expect(try node(y).gradient.scalar == 2)
        #expect(try node(yHat).kind == .mul)
        #expect(try node(yHat).localGradients.map { $0?.scalar } == [1, 1])
        #expect(try node(s).kind == .sub)
        #expect(try node(s).localGradients.map { $0?.scalar } == [1, -1])
        #expect(try node(s).gradient.scalar == -2)
        #expect(try node(loss).kind == .powScalar)
        #expect(try node(loss).attribute == 2)
        #expect(try node(loss).localGradients.map { $0?.scalar } == [-2])
        #expect(try node(loss).gradient.scalar == 1)
        #expect(try node(loss).value.scalar == 1)
        // Walking the graph leaves params' gradients and the tape's size alone.
        #expect(try tape.gradient(of: w) == nil)
        let count = tape.nodeCount
        _ = try tape.graph(of: loss)
        #expect(tape.nodeCount == count)
    }

    @Test func reductionNodesCarryTheirDimension() throws {
        let tape = Tape()
        let m = tape.param(try TensorValue([1, 2, 3, 4], shape: [2, 2], dtype: .f64), name: "m")
        let total = try tape.sum(try tape.sum(m, dim: 1))
        let nodes = try tape.graph(of: total)
        #expect(nodes.map(\.kind) == [.param, .sum, .sum])
        #expect(nodes.map(\.dim) == [nil, 1, nil])
        #expect(nodes[0].gradient.scalars == [1, 1, 1, 1])
        #expect(nodes[1].localGradients == [nil])
    }
}
