/// A default dtype named by a lesson (front matter `dtype:` or a block's `dtype=`).
///
/// The Lesson layer knows only the names; the runner maps them to the engine's dtypes.
public enum LessonDType: String, Sendable, Hashable, CaseIterable {
    /// 32-bit floats (`torch.float32`), the default.
    case f32
    /// 64-bit floats (`torch.float64`).
    case f64
}
