/// The options written after `graph` in a block's info string (SPEC §1.2).
///
/// ```` ```graph name=momentum fresh dtype=f64 ```` gives `name: "momentum"`, `fresh: true`,
/// `dtype: .f64`.
public struct GraphBlockOptions: Sendable, Hashable {
    /// `name=ID`: the block's name in messages and plot file names (`[A-Za-z0-9_-]+`).
    public var name: String?
    /// `fresh`: start with an empty scope instead of the names bound by earlier blocks.
    public var fresh: Bool
    /// `dtype=f32|f64`: the default dtype inside this block (nil: the lesson's).
    public var dtype: LessonDType?
    /// `expect=error`: the block must fail; its error is shown, and success is a failure.
    public var expectError: Bool
    /// `skip`: do not run; keep any existing output region untouched.
    public var skip: Bool
    /// `trace`: trace the block's last `backward`, as the `trace` statement does.
    public var trace: Bool
    /// `diagram`: draw the block's last `backward`, as the `diagram` statement does.
    public var diagram: Bool

    /// Options as given (all defaults: a plain ```` ```graph ```` block).
    public init(
        name: String? = nil, fresh: Bool = false, dtype: LessonDType? = nil, expectError: Bool = false,
        skip: Bool = false, trace: Bool = false, diagram: Bool = false
    ) {
        self.name = name
        self.fresh = fresh
        self.dtype = dtype
        self.expectError = expectError
        self.skip = skip
        self.trace = trace
        self.diagram = diagram
    }
}
