import Foundation

// The fast path of `backward` for graphs of scalars: gradients as plain numbers, no recorded
// operations. Each rule computes exactly what the recorded rule of the same kind computes.

extension Tape {
    /// Runs `backward` with numbers when every node of `order` is a scalar element-wise node;
    /// returns `false` (having done nothing) otherwise.
    func backwardScalars(_ order: [Int32], seed: [Double]) throws(AutodiffError) -> Bool {
        for n in order {
            let node = Int(n)
            guard payloads[node] < 0, Tape.scalarRuleKinds.contains(kinds[node]) else { return false }
        }
        // Positions in `order`, kept in the (now idle) pending counts.
        for (position, n) in order.enumerated() { pendingCounts[Int(n)] = Int32(position) }
        var gradients = [Double](repeating: 0, count: order.count)
        var reached = [Bool](repeating: false, count: order.count)
        gradients[0] = seed[0]
        reached[0] = true
        for position in 0..<order.count {
            guard reached[position] else { continue }
            let node = Int(order[position])
            let g = gradients[position]
            let kind = kinds[node]
            if kind == .param {
                accumulate(into: node, [g])
                continue
            }
            if kind == .constant { continue }
            let first = Int(firstInputs[node])
            let second = Int(secondInputs[node])
            let firstNeeded = flags[first] & Tape.requiresGradFlag != 0
            let secondNeeded = second >= 0 && flags[second] & Tape.requiresGradFlag != 0
            if !firstNeeded && !secondNeeded { continue }
            let (ga, gb) = scalarInputGradients(node, kind, g, first, second)
            if firstNeeded { deposit(ga, into: first, &gradients, &reached) }
            if secondNeeded { deposit(gb, into: second, &gradients, &reached) }
        }
        return true
    }

    static let scalarRuleKinds: Set<OpKind> = Tape.binaryKinds.union(Tape.unaryKinds).union([.constant, .param])

    @inline(__always)
    func deposit(_ g: Double, into input: Int, _ gradients: inout [Double], _ reached: inout [Bool]) {
        let position = Int(pendingCounts[input])
        let f32 = flags[input] & Tape.f64Flag == 0
        let fitted = f32 ? Double(Float(g)) : g
        if reached[position] {
            gradients[position] =
                f32 ? Double(Float(gradients[position]) + Float(fitted)) : gradients[position] + fitted
        } else {
            gradients[position] = fitted
            reached[position] = true
        }
    }

    /// The scalar gradients of a scalar node's inputs (PyTorch's formulas, in the node's dtype).
    @inline(__always)
    func scalarInputGradients(_ node: Int, _ kind: OpKind, _ g: Double, _ first: Int, _ second: Int) -> (
        Double, Double
    ) {
        let dtype = dtypeAt(node)
        func op(_ k: OpKind, _ x: Double, _ y: Double) -> Double { Tape.binaryScalar(k, x, y, dtype) }
        func constant(_ v: Double) -> Double { dtype == .f32 ? Double(Float(v)) : v }
        let x = scalarValues[first]
        let out = scalarValues[node]
        switch kind {
        case .add: return (g, g)
        case .sub: return (g, -g)
        case .mul: return (op(.mul, g, scalarValues[second]), op(.mul, g, x))
        case .div:
            let y = scalarValues[second]
            return (op(.div, g, y), op(.mul, -g, op(.div, op(.div, x, y), y)))
        case .pow:
            let y = scalarValues[second]
            let da = op(.mul, g, op(.mul, y, op(.pow, x, op(.sub, y, constant(1)))))
            let mask: Double = x == 0 && y >= 0 ? 0 : 1
            let db = op(.mul, g, op(.mul, op(.mul, out, Tape.unaryScalar(.log, x, dtype, 0)), mask))
            return (da, db)
        case .neg: return (-g, 0)
        case .exp: return (op(.mul, g, out), 0)
        case .log: return (op(.div, g, x), 0)
        case .sqrt: return (op(.div, g, op(.mul, constant(2), out)), 0)
        case .abs: return (op(.mul, g, x > 0 ? 1 : (x < 0 ? -1 : 0)), 0)
        case .sin: return (op(.mul, g, Tape.unaryScalar(.cos, x, dtype, 0)), 0)
        case .cos: return (op(.mul, g, -Tape.unaryScalar(.sin, x, dtype, 0)), 0)
        case .tan: return (op(.mul, g, op(.add, constant(1), op(.mul, out, out))), 0)
        case .tanh: return (op(.mul, g, Tape.unaryScalar(.oneMinusSquare, out, dtype, 0)), 0)
        case .oneMinusSquare: return (op(.mul, g, op(.mul, constant(-2), x)), 0)
        case .sigmoid: return (op(.mul, op(.mul, g, op(.sub, constant(1), out)), out), 0)
        case .relu: return (op(.mul, g, out > 0 ? 1 : 0), 0)
        case .square: return (op(.mul, g, op(.mul, constant(2), x)), 0)
        case .powScalar:
            let c = attributes[node]
            if c == 0 { return (op(.mul, g, 0), 0) }
            let power = c - 1 == 1 ? x : Tape.unaryScalar(.powScalar, x, dtype, c - 1)
            return (op(.mul, g, op(.mul, constant(c), power)), 0)
        case .clampMin: return (op(.mul, g, x >= attributes[node] ? 1 : 0), 0)
        default: return (0, 0)
        }
    }
}
