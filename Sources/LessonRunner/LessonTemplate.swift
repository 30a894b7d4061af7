import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lesson `gradbook new` writes: front matter, a short explanation and one runnable block.
public enum LessonTemplate {
    /// Why a new lesson could not be created.
    public enum CreationError: Error, CustomStringConvertible {
        case exists(String)
        case notMarkdown(String)
        case unwritable(String, String)

        public var description: String {
            switch self {
            case .exists(let path): return "\(path): error: the file exists already; gradbook new never overwrites"
            case .notMarkdown(let path): return "\(path): error: a lesson file name must end in .md"
            case .unwritable(let path, let reason): return "\(path): error: cannot create the file: \(reason)"
            }
        }
    }

    /// The template's text, with `title` in its front matter and heading.
    public static func text(title: String) -> String {
        """
        ---
        title: \(title)
        dtype: f32
        ---

        # \(title)

        Write the lesson's prose around `graph` blocks. Run `gradbook run` on this file to put each
        block's output under it, and `gradbook check` in CI to verify every derivation.

        A linear model with one weight, one sample and a squared loss:

        ```graph name=one-sample
        x = 1
        y = 2
        param w = 1
        y_hat = w * x
        loss = (y_hat - y)^2
        backward loss
        show loss, w.grad
        check d(loss)/d(w) = 2*(y_hat - y) * x = -2
        ```

        """
    }

    /// Creates the lesson at `path`, refusing to overwrite an existing file.
    public static func create(at path: String, title: String?) throws(CreationError) {
        guard path.hasSuffix(".md") else { throw .notMarkdown(path) }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let lessonTitle =
            title ?? name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileSystem.createFolder(folder)
        } catch {
            throw .unwritable(path, error.description)
        }
        // O_EXCL: creation fails if the file appeared in the meantime, so nothing is ever overwritten.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .exists(path) }
            throw .unwritable(path, SystemError.current.description)
        }
        defer { close(descriptor) }
        do {
            try FileSystem.writeAll(Array(text(title: lessonTitle).utf8), to: descriptor)
        } catch {
            throw .unwritable(path, error.description)
        }
    }
}
