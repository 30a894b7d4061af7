import Autodiff

/// The options of a whole lesson: its front matter.
public struct SessionOptions: Sendable {
    /// The dtype of literals and constructors when a block does not say (front matter `dtype:`).
    public var defaultDType: DType = .f32
    /// The seed of `rand` and `randn` (front matter `seed:`).
    public var seed: UInt64 = 0
    /// The default absolute tolerance of `check` (front matter `tolerance:`); `nil` for the
    /// dtype's own (SPEC §2.7).
    public var tolerance: Double? = nil

    public init(defaultDType: DType = .f32, seed: UInt64 = 0, tolerance: Double? = nil) {
        self.defaultDType = defaultDType
        self.seed = seed
        self.tolerance = tolerance
    }
}

/// The options of one graph block: its info string, and the limits the runner sets.
public struct BlockOptions: Sendable {
    /// `dtype=f64`: the default dtype inside this block.
    public var dtype: DType?
    /// `fresh`: start with an empty scope (the blocks after it continue from that scope).
    public var fresh: Bool
    /// `trace`: trace the block's last `backward` root, as the `trace` statement does.
    public var trace: Bool
    /// `diagram`: a diagram of the block's last `backward` root.
    public var diagram: Bool
    /// The wall-clock limit of the block in seconds (`--timeout`); `nil` for none.
    public var timeout: Double?
    /// The most statements the block may execute (SPEC §2.8); smaller in tests.
    public var statementLimit: Int = 10_000_000

    public init(
        dtype: DType? = nil, fresh: Bool = false, trace: Bool = false, diagram: Bool = false,
        timeout: Double? = nil, statementLimit: Int = 10_000_000
    ) {
        self.dtype = dtype
        self.fresh = fresh
        self.trace = trace
        self.diagram = diagram
        self.timeout = timeout
        self.statementLimit = statementLimit
    }
}

/// A notebook kernel: the scope persists across the blocks of one lesson.
///
/// Each `run` parses one graph block and executes it in the scope the earlier blocks left. An
/// error stops that block only (its earlier outputs are kept); the session stays usable.
public final class Session {
    public let options: SessionOptions
    var interpreter: Interpreter

    /// A session with an empty scope.
    public init(options: SessionOptions = SessionOptions()) {
        self.options = options
        interpreter = Interpreter(seed: options.seed, tolerance: options.tolerance)
    }

    /// Parses and runs one block. A parse error is the outcome's error, and nothing runs.
    public func run(_ source: String, options blockOptions: BlockOptions = BlockOptions()) -> BlockOutcome {
        if blockOptions.fresh { interpreter.reset() }
        let program: Program
        switch parseProgram(source) {
        case .success(let parsed): program = parsed
        case .failure(let diagnostic): return BlockOutcome(error: diagnostic)
        }
        return interpreter.run(program, source: source, options: blockOptions, defaultDType: options.defaultDType)
    }
}
