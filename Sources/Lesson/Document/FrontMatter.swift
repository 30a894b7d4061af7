/// The lesson's settings from the YAML block at the very top of the file, between `---` lines.
///
/// Every key is optional; a missing key is nil and the runner applies the defaults of SPEC §1.1
/// (`dtype` f32, `seed` 0, `precision` shortest round-trip, `tolerance` as in §2.7). Keys other
/// than these five are left to other tools (static site generators) and ignored. The front
/// matter is never rewritten.
public struct FrontMatter: Sendable, Hashable {
    /// `title:` the lesson title.
    public var title: String?
    /// `dtype:` the default dtype of literals and tensors.
    public var dtype: LessonDType?
    /// `precision:` significant digits shown in outputs (1 to 17).
    public var precision: Int?
    /// `seed:` the seed of `rand` / `randn`.
    public var seed: UInt64?
    /// `tolerance:` the default absolute tolerance of `check` (finite, not negative).
    public var tolerance: Double?
    /// The file lines of the block, from the opening `---` to the closing `---` (or `...`);
    /// nil when the file has no front matter.
    public var lines: ClosedRange<Int>?

    /// Front matter with the given settings (all nil: a file without front matter).
    public init(
        title: String? = nil, dtype: LessonDType? = nil, precision: Int? = nil, seed: UInt64? = nil,
        tolerance: Double? = nil, lines: ClosedRange<Int>? = nil
    ) {
        self.title = title
        self.dtype = dtype
        self.precision = precision
        self.seed = seed
        self.tolerance = tolerance
        self.lines = lines
    }
}
