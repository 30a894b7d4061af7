import Autodiff

// `for` loops over `range(...)`, `zip(...)` and the rows of a tensor.

extension Interpreter {
    mutating func loop(
        variables: [ResolvedName], sequence: LoopSequence, body: StatementList, range: SourceRange
    ) throws(Diagnostic) {
        switch sequence {
        case .range(let startExpression, let endExpression, let stepExpression):
            let start =
                try startExpression.map { e throws(Diagnostic) in
                    try integer(try evaluate(e), what: "the start of range(...)", range: range)
                } ?? 0
            let end = try integer(try evaluate(endExpression), what: "the end of range(...)", range: range)
            let step =
                try stepExpression.map { e throws(Diagnostic) in
                    try integer(try evaluate(e), what: "the step of range(...)", range: range)
                } ?? 1
            guard step != 0 else { throw EvaluationMessage.rangeStepZero.at(range) }
            let slot = variables[0].slot
            var counter = start
            while step > 0 ? counter < end : counter > end {
                slots[slot] = .number(Double(counter))
                try execute(body)
                counter += step
            }
        case .rows(let sequence):
            let value = try tensorUnlessNumber(try evaluate(sequence.expression))
            guard case .tensor(let tensor) = value else {
                throw EvaluationMessage.loopOverScalar(sequence.text).at(range)
            }
            let count = try rowCount(tensor, text: sequence.text, range: range)
            block.loopHolds.append(tensor)
            defer { block.loopHolds.removeLast() }
            let slot = variables[0].slot
            for index in 0..<count {
                slots[slot] = .tensor(try engine(range) { try $0.index(tensor, index) })
                try execute(body)
            }
        case .zip(let sequences):
            // The sequences go straight onto `loopHolds` (they must stay alive anyway), at
            // `base...`: no arrays of their own each time the loop starts. A body's own loops push
            // and pop above them.
            let base = block.loopHolds.count
            defer { block.loopHolds.removeSubrange(base...) }
            var count = 0
            var mismatch: (position: Int, count: Int)?
            for (position, sequence) in sequences.enumerated() {
                guard case .tensor(let tensor) = try tensorUnlessNumber(try evaluate(sequence.expression)) else {
                    throw EvaluationMessage.loopOverScalar(sequence.text).at(range)
                }
                block.loopHolds.append(tensor)
                let rows = try rowCount(tensor, text: sequence.text, range: range)
                if position == 0 {
                    count = rows
                } else if rows != count, mismatch == nil {
                    mismatch = (position, rows)
                }
            }
            if let mismatch {
                throw EvaluationMessage.zipLengths(
                    first: sequences[0].text, firstCount: count, other: sequences[mismatch.position].text,
                    otherCount: mismatch.count
                ).at(range)
            }
            for index in 0..<count {
                for position in 0..<min(variables.count, sequences.count) {
                    let tensor = block.loopHolds[base + position]
                    slots[variables[position].slot] = .tensor(try engine(range) { try $0.index(tensor, index) })
                }
                try execute(body)
            }
        }
    }

    /// The length of a tensor's first dimension; a scalar cannot be looped over.
    private mutating func rowCount(_ tensor: Tensor, text: String, range: SourceRange) throws(Diagnostic) -> Int {
        let shape = try engine(range) { try $0.shape(tensor) }
        guard let count = shape.first else { throw EvaluationMessage.loopOverScalar(text).at(range) }
        return count
    }
}
