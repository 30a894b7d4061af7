import Autodiff
import Foundation

/// Runs resolved graph blocks on one tape, keeping the scope between blocks like a notebook kernel.
///
/// A struct with mutating methods, so that the hot loop (read a slot, record an operation, write a
/// slot) has no reference counting or dynamic exclusivity checks on the scope.
struct Interpreter {
    /// The graph of every value of the lesson.
    var tape: Tape
    /// The scope: names and the slot each one is bound to.
    var names = NameTable()
    var slots: [Binding] = []
    /// Params replaced by a new declaration of their name, by name, to be reused (see
    /// `declareParam`).
    var retiredParams: [String: [Tensor]] = [:]
    /// Where the param bound to each slot was last updated in place, to explain stale values (a
    /// name has one slot for the whole session, so this is by name without hashing one per step).
    var updates: [UpdateRecord?] = []
    /// The text of the last `backward` expression of the session, for the `.grad` hint.
    var lastBackwardText: String?
    /// Numbers the blocks run so far (for "an earlier block" in messages).
    var blockNumber = 0
    /// The default absolute tolerance of `check` (front matter `tolerance:`).
    let tolerance: Double?

    /// The state of the block being run.
    var block = BlockState()

    /// A constant node per (weak literal, dtype), reused while it stays on the tape, so that
    /// `y * 1.000001` in a loop records one node per iteration, not two.
    var constantCache: [ConstantKey: Tensor] = [:]

    /// Counts the changes of tape (a compaction, a fresh scope, gradcheck's own tape): cached
    /// constants of an older epoch are not used.
    var tapeEpoch = 0
    /// The number of nodes after the last compaction.
    var nodesAfterCompaction = 0
    /// How many times the tape may grow before the next compaction: 2, or 4 after a compaction
    /// that freed little (a long chain that is all alive is not walked again and again).
    var compactionGrowth = 2

    /// A constant of a `.withConstant` site.
    struct SiteConstant {
        var tensor: Tensor?
        var dtype = DType.f32
        var epoch = -1
    }

    /// A param's last in-place update: the statement's range, in block `block`.
    struct UpdateRecord {
        var range: SourceRange
        var block: Int
    }

    struct ConstantKey: Hashable {
        var bits: UInt64
        var dtype: DType
    }

    init(seed: UInt64, tolerance: Double?) {
        tape = Tape(seed: seed)
        self.tolerance = tolerance
    }

    /// Everything that lives for one block only.
    struct BlockState {
        var defaultDType: DType = .f32
        var source = SourceLines("")
        /// The outputs in the order their statements first ran; show and log tables grow in place.
        var entries: [OutputEntry] = []
        var showTables: [ShowTable] = []
        var logTables: [LogTable] = []
        /// For each result-producing statement, the index of its entry once it ran.
        var outputPositions: [Int?] = []
        /// The constant of each `.withConstant` site.
        var siteConstants: [SiteConstant] = []
        /// Optimizer state per `step` statement.
        var optimizers: [OptimizerState?] = []
        /// The block options `trace` and `diagram`: each `backward` traces its root as it runs, and
        /// the last one's outputs end the block's outputs.
        var traceOption = false
        var diagramOption = false
        var optionOutputs: [Output] = []
        var warnedNonScalarTrace = false
        var warnings: [Diagnostic] = []

        // Limits.
        var statementCount = 0
        var statementLimit = 10_000_000
        var deadline: UInt64?
        var timeout: Double = 0
        var nextClockCheck = 0
        /// Tensors the running loops hold (their sequences), kept alive when the tape is compacted.
        var loopHolds: [Tensor] = []
        /// Compact the tape when it holds more nodes than this.
        var compactionThreshold = Interpreter.minimumCompactionThreshold
    }

    static let minimumCompactionThreshold = 1 << 16
    /// How many statements run between two looks at the clock.
    static let clockInterval = 64

    // MARK: Running a block

    /// Resets the scope to empty (a `fresh` block): a new tape, keeping the random generator's state.
    mutating func reset() {
        let random = tape.random
        tape = Tape(seed: 0)
        tape.random = random
        names = NameTable()
        slots = []
        updates = []
        retiredParams = [:]
        constantCache = [:]
        lastBackwardText = nil
        tapeEpoch += 1
        nodesAfterCompaction = 0
        compactionGrowth = 2
    }

    /// Runs one block: its outputs in statement order and the error that stopped it, if any.
    mutating func run(_ program: Program, source: String, options: BlockOptions, defaultDType: DType) -> BlockOutcome {
        blockNumber += 1
        let lines = SourceLines(source)
        var resolver = Resolver(names: names, source: lines)
        let resolved = resolver.resolve(program)
        names = resolver.names
        if slots.count < names.names.count {
            slots.append(contentsOf: repeatElement(.unbound, count: names.names.count - slots.count))
        }
        if updates.count < names.names.count {
            updates.append(contentsOf: repeatElement(nil, count: names.names.count - updates.count))
        }
        block = BlockState()
        block.defaultDType = options.dtype ?? defaultDType
        block.traceOption = options.trace
        block.diagramOption = options.diagram
        block.source = lines
        block.outputPositions = Array(repeating: nil, count: resolved.outputCount)
        block.optimizers = Array(repeating: nil, count: resolved.stepCount)
        block.siteConstants = Array(repeating: SiteConstant(), count: resolved.constantSiteCount)
        block.statementLimit = options.statementLimit
        if let timeout = options.timeout, !timeout.isNaN {
            block.timeout = timeout
            let nanoseconds = timeout <= 0 ? 0 : min(timeout * 1e9, Double(UInt64.max / 4))
            block.deadline = DispatchTime.now().uptimeNanoseconds + UInt64(nanoseconds)
        }
        block.compactionThreshold = max(Self.minimumCompactionThreshold, compactionGrowth * nodesAfterCompaction)

        var error: Diagnostic?
        do {
            try execute(StatementList(resolved.statements))
            block.entries.append(contentsOf: block.optionOutputs.map { .fixed($0) })
        } catch let diagnostic {
            error = diagnostic
        }
        if error == nil {
            for log in resolved.logStatements where block.outputPositions[log.outputIndex] == nil {
                block.warnings.append(EvaluationMessage.logNeverRan.warning(at: log.range))
            }
        }
        block.loopHolds = []
        if tape.nodeCount > block.compactionThreshold { compact() }
        let outputs = block.entries.map { entry -> Output in
            switch entry {
            case .fixed(let output): return output
            case .show(let table): return .show(block.showTables[table])
            case .log(let table): return .log(block.logTables[table])
            }
        }
        let outcome = BlockOutcome(outputs: outputs, error: error, warnings: block.warnings)
        block = BlockState()
        return outcome
    }

    // MARK: Statements

    mutating func execute(_ statements: StatementList) throws(Diagnostic) {
        for reference in statements.references {
            // The box is lent without a retain (see `StatementList`); the closure cannot throw a
            // typed error through `_withUnsafeGuaranteedRef`, so the error is carried out.
            var failure: Diagnostic?
            reference._withUnsafeGuaranteedRef { box in
                do throws(Diagnostic) {
                    block.statementCount += 1
                    if block.statementCount >= block.nextClockCheck { try checkLimits(at: box.statement.range) }
                    try execute(box)
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
        }
    }

    /// The statement limit, the clock, and compaction of the tape; runs every `clockInterval`
    /// statements (and once the statement limit is passed).
    mutating func checkLimits(at range: SourceRange) throws(Diagnostic) {
        let statementLine = SourceRange(
            start: range.start, end: SourcePosition(line: range.start.line, column: range.start.column + 1))
        if block.statementCount > block.statementLimit {
            throw EvaluationMessage.statementLimit(block.statementLimit).at(statementLine)
        }
        block.nextClockCheck = min(block.statementCount + Self.clockInterval, block.statementLimit + 1)
        if let deadline = block.deadline, DispatchTime.now().uptimeNanoseconds >= deadline {
            throw EvaluationMessage.timeout(block.timeout).at(statementLine)
        }
        if tape.nodeCount > block.compactionThreshold { compact() }
    }

    mutating func execute(_ box: StatementBox) throws(Diagnostic) {
        switch box.statement {
        case .assign(let slot, let value, let range):
            if case .param = slots[slot] {
                throw EvaluationMessage.assignToParam(names.names[slot]).at(range)
            }
            slots[slot] = .tensor(try materialize(try evaluate(value)))
        case .param(let slot, let value, let range):
            try declareParam(slot: slot, value: value, range: range)
        case .update(let slot, let op, let value, let range):
            try update(slot: slot, op: op, value: value, range: range)
        case .backward(let value, let text, let gradient, let range):
            try backward(value, text: text, gradient: gradient, range: range)
        case .zeroGrad(let named, let range):
            try zeroGrad(named, range: range)
        case .step(let call, let stepIndex, let range):
            try step(call, stepIndex: stepIndex, range: range)
        case .forLoop(let variables, let sequence, let body, let range):
            try loop(variables: variables, sequence: sequence, body: box.body ?? StatementList(body), range: range)
        case .show(let outputIndex, let expressions, let range):
            try show(expressions, outputIndex: outputIndex, range: range)
        case .log(let outputIndex, let expressions, let range):
            try log(expressions, outputIndex: outputIndex, range: range)
        case .plot(let outputIndex, let series, let versus, let range):
            try plot(series: series, versus: versus, outputIndex: outputIndex, range: range)
        case .check(let outputIndex, let check, let range):
            try self.check(check, outputIndex: outputIndex, range: range)
        case .trace(let outputIndex, let value, let range):
            let root = try tensor(try evaluate(value.expression))
            emit(.trace(try trace(of: root, text: value.text, range: range)), outputIndex: outputIndex)
        case .diagram(let outputIndex, let value, let range):
            let root = try tensor(try evaluate(value.expression))
            emit(.diagram(try diagram(of: root, text: value.text, range: range)), outputIndex: outputIndex)
        case .gradcheck(let outputIndex, let value, let wrt, let range):
            try gradcheck(value, wrt: wrt, outputIndex: outputIndex, range: range)
        case .invalid(let diagnostic):
            throw diagnostic
        }
    }

    /// Frees the tape's nodes that no binding, loop or pending output still needs.
    mutating func compact() {
        var keep: [Tensor] = []
        keep.reserveCapacity(slots.count + block.loopHolds.count + constantCache.count + 1)
        for binding in slots { if let t = binding.tensor { keep.append(t) } }
        keep.append(contentsOf: block.loopHolds)
        keep.append(contentsOf: constantCache.values)
        let before = tape.nodeCount
        reclaim(keeping: keep)
        tapeEpoch += 1
        nodesAfterCompaction = tape.nodeCount
        compactionGrowth = nodesAfterCompaction * 2 > before ? 4 : 2
        block.compactionThreshold = max(Self.minimumCompactionThreshold, compactionGrowth * nodesAfterCompaction)
    }

    // MARK: Outputs

    /// An output in the making: show and log tables grow row by row, in place.
    enum OutputEntry {
        case fixed(Output)
        case show(Int)
        case log(Int)
    }

    /// Puts `output` where its statement first ran, or replaces the output it made before
    /// (`outputIndex` is `nil` for the outputs of block options, placed at the end).
    mutating func emit(_ output: Output, outputIndex: Int?) {
        guard let outputIndex else {
            block.entries.append(.fixed(output))
            return
        }
        if let position = block.outputPositions[outputIndex] {
            block.entries[position] = .fixed(output)
        } else {
            block.outputPositions[outputIndex] = block.entries.count
            block.entries.append(.fixed(output))
        }
    }

    /// The output a statement made earlier in this block, if it ran before.
    func previousOutput(_ outputIndex: Int) -> Output? {
        guard let position = block.outputPositions[outputIndex], case .fixed(let output) = block.entries[position]
        else { return nil }
        return output
    }
}
