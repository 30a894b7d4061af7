import Foundation

// The fast path of `backward` for graphs of scalars: gradients as plain numbers, no recorded
// operations. Each rule computes exactly what the recorded rule of the same kind computes.

extension Tape {
    /// `backward` of a scalar graph in one pass, without a traversal first: the fast path of
    /// training loops. Nodes are processed from the highest slot down, taken from a max-heap of
    /// the slots that have received a gradient (a chain keeps one or two there). Returns `false`,
    /// having changed nothing, when the graph needs the general path: a node that is not a
    /// scalar with a numeric rule, an input in a higher slot (a reused slot), or a stale param.
    func backwardScalarsInOnePass(root: Int, seed: Double) -> Bool {
        prepareScratch()
        let hasGradient = nextVisitStamp() + 1
        scalarGradients[root] = seed
        visitMarks[root] = hasGradient
        var ready = SlotHeap(storage: readyHeap)
        defer { readyHeap = ready.storage }
        ready.removeAll()
        ready.push(Int32(root))
        // The params reached, whose gradients (final once popped: inputs are in lower slots) go
        // into `.grad` only at the end, when the pass cannot fail any more.
        reachedParams.removeAll()
        while let n = ready.pop() {
            let i = Int(n)
            let record = nodes[i]
            guard record.flags & Tape.scalarRuleFlag != 0 else { return false }
            let g = scalarGradients[i]
            switch record.kind {
            case .param:
                reachedParams.append(n)
                continue
            case .constant:
                continue
            default:
                break
            }
            let first = Int(record.first)
            let second = Int(record.second)
            let firstNeeded = nodes[first].flags & Tape.requiresGradFlag != 0
            let secondNeeded = second >= 0 && nodes[second].flags & Tape.requiresGradFlag != 0
            if !firstNeeded && !secondNeeded { continue }
            if first >= i || second >= i { return false }
            if record.epoch != updateEpoch && (isStale(first, for: record) || isStale(second, for: record)) {
                return false
            }
            let ga: Double
            let gb: Double
            switch record.kind {
            case .add:
                (ga, gb) = (g, g)
            case .sub:
                (ga, gb) = (g, -g)
            case .mul where record.flags & Tape.f64Flag != 0:
                (ga, gb) = (g * nodes[second].value, g * nodes[first].value)
            default:
                (ga, gb) = scalarInputGradients(i, record.kind, g, first, second)
            }
            if firstNeeded {
                if visitMarks[first] != hasGradient { ready.push(Int32(first)) }
                deposit(ga, into: first, hasGradient)
            }
            if secondNeeded {
                if visitMarks[second] != hasGradient { ready.push(Int32(second)) }
                deposit(gb, into: second, hasGradient)
            }
        }
        for k in 0..<reachedParams.count {
            let slot = Int(reachedParams[k])
            accumulate(into: slot, scalar: scalarGradients[slot])
        }
        return true
    }

    /// Whether `input` is a param updated in place after `record` was made.
    func isStale(_ input: Int, for record: Node) -> Bool {
        guard input >= 0, let k = paramOrdinal(input) else { return false }
        return record.epoch < paramTable[k].lastUpdate
    }

    /// Runs `backward` with numbers, for a traversal of scalar element-wise nodes. A node whose
    /// `visitMarks` is `stamp + 1` has received a gradient (in `scalarGradients`).
    func backwardScalars(_ traversal: Traversal, seed: Double) {
        let root = traversal.root
        let hasGradient = traversal.stamp + 1
        scalarGradients[root] = seed
        visitMarks[root] = hasGradient
        if !traversal.inverted && traversal.root - traversal.lowest < 4 * traversal.reachedCount {
            var i = root
            while i >= traversal.lowest {
                if visitMarks[i] == hasGradient { backwardScalar(i, hasGradient) }
                i -= 1
            }
        } else {
            for n in order(of: traversal) where visitMarks[Int(n)] == hasGradient {
                backwardScalar(Int(n), hasGradient)
            }
        }
    }

    /// Passes a scalar node's gradient to its inputs (or into the param's `.grad`).
    @inline(__always)
    func backwardScalar(_ node: Int, _ hasGradient: UInt32) {
        let record = nodes[node]
        let g = scalarGradients[node]
        switch record.kind {
        case .param:
            accumulate(into: node, scalar: g)
            return
        case .constant:
            return
        default:
            break
        }
        let first = Int(record.first)
        let second = Int(record.second)
        let firstNeeded = nodes[first].flags & Tape.requiresGradFlag != 0
        let secondNeeded = second >= 0 && nodes[second].flags & Tape.requiresGradFlag != 0
        if !firstNeeded && !secondNeeded { return }
        let ga: Double
        let gb: Double
        switch record.kind {
        case .add:
            (ga, gb) = (g, g)
        case .sub:
            (ga, gb) = (g, -g)
        case .mul where record.flags & Tape.f64Flag != 0:
            (ga, gb) = (g * nodes[second].value, g * nodes[first].value)
        default:
            (ga, gb) = scalarInputGradients(node, record.kind, g, first, second)
        }
        if firstNeeded { deposit(ga, into: first, hasGradient) }
        if secondNeeded { deposit(gb, into: second, hasGradient) }
    }

    @inline(__always)
    func deposit(_ g: Double, into input: Int, _ hasGradient: UInt32) {
        let f32 = nodes[input].flags & Tape.f64Flag == 0
        let fitted = f32 ? Double(Float(g)) : g
        if visitMarks[input] == hasGradient {
            let old = scalarGradients[input]
            scalarGradients[input] = f32 ? Double(Float(old) + Float(fitted)) : old + fitted
        } else {
            scalarGradients[input] = fitted
            visitMarks[input] = hasGradient
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
        let x = nodes[first].value
        let out = nodes[node].value
        switch kind {
        case .add: return (g, g)
        case .sub: return (g, -g)
        case .mul: return (op(.mul, g, nodes[second].value), op(.mul, g, x))
        case .div:
            let y = nodes[second].value
            return (op(.div, g, y), op(.mul, -g, op(.div, op(.div, x, y), y)))
        case .pow:
            let y = nodes[second].value
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
            let c = nodes[node].attribute
            if c == 0 { return (op(.mul, g, 0), 0) }
            let power = c - 1 == 1 ? x : Tape.unaryScalar(.powScalar, x, dtype, c - 1)
            return (op(.mul, g, op(.mul, constant(c), power)), 0)
        case .clampMin: return (op(.mul, g, x >= nodes[node].attribute ? 1 : 0), 0)
        default: return (0, 0)
        }
    }
}
