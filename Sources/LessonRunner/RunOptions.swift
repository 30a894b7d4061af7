/// Whether lessons are rendered in place or only verified.
public enum RunMode: Sendable {
    /// Execute and write output regions and plot files.
    case run
    /// Execute and compare with what is committed; write nothing.
    case check
}

/// How results are reported: for people, for GitHub Actions, or as JUnit XML.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text
    case github
    case junit
}

/// Everything `run` and `check` need besides the paths.
public struct RunOptions: Sendable {
    public var mode: RunMode
    /// Seconds a block may run before it is stopped with an error.
    public var timeout: Double
    /// Lessons run in parallel; results are printed in the order of the paths regardless.
    public var jobs: Int
    public var format: OutputFormat
    /// Print the unified diff of stale outputs (check).
    public var showDiff: Bool
    public var quiet: Bool
    public var colored: Bool

    public init(
        mode: RunMode, timeout: Double = 60, jobs: Int = 1, format: OutputFormat = .text, showDiff: Bool = false,
        quiet: Bool = false, colored: Bool = false
    ) {
        self.mode = mode
        self.timeout = timeout
        self.jobs = jobs
        self.format = format
        self.showDiff = showDiff
        self.quiet = quiet
        self.colored = colored
    }
}
