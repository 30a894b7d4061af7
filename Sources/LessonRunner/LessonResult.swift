/// What happened to one lesson in a `run` or `check`.
public struct LessonResult: Sendable {
    public var path: String
    public var blocks: [BlockResult] = []
    /// Diagnostics in file order: parse errors, block errors, failed checks, warnings.
    public var messages: [RunMessage] = []
    /// A problem that stopped the lesson as a whole (unreadable file, unparsable lesson).
    public var fileError: String?
    /// Whether the file could not be read at all (missing, not UTF-8): exit code 2.
    public var unreadable = false
    /// check: the committed outputs (regions or plot files) differ from what the run produced.
    public var stale = false
    /// check --diff: the unified diff of the lesson text and the names of stale plot files.
    public var diff = ""
    /// run: the lesson file or its plots were rewritten.
    public var wrote = false

    public init(path: String) {
        self.path = path
    }

    public var checks: Int { blocks.reduce(0) { $0 + $1.checks } }
    public var failedChecks: Int { blocks.reduce(0) { $0 + $1.failedChecks } }
    public var failedBlocks: Int { blocks.filter { $0.failure != nil }.count }

    /// Whether this lesson makes the command exit non-zero.
    public var failed: Bool { fileError != nil || stale || failedChecks > 0 || failedBlocks > 0 }

    /// One JUnit test case per block (or one for the whole lesson when it could not be run).
    var junitCases: [(name: String, failure: (summary: String, details: String)?)] {
        if let fileError { return [("lesson", (fileError, fileError))] }
        var cases: [(name: String, failure: (summary: String, details: String)?)] = blocks.map { block in
            let problems = block.problems
            if problems.isEmpty { return (block.name, nil) }
            return (block.name, (problems[0], problems.joined(separator: "\n")))
        }
        if stale {
            cases.append(("outputs are current", ("stale outputs: run gradbook run \(path) to update", diff)))
        }
        return cases
    }
}

/// What happened to one graph block.
public struct BlockResult: Sendable {
    /// The block's `name=` or `block-N`.
    public var name: String
    public var checks = 0
    public var failedChecks = 0
    /// Why the block failed: an unexpected error, or `expect=error` without one.
    public var failure: String?
    /// Failed checks' one-line summaries, for JUnit.
    public var failedCheckSummaries: [String] = []
    public var skipped = false

    public init(name: String) {
        self.name = name
    }

    var problems: [String] { (failure.map { [$0] } ?? []) + failedCheckSummaries }
}
