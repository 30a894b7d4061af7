import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a lesson path could not be used: each maps to exit code 2.
public enum LessonFileError: Error, Equatable, CustomStringConvertible {
    case missing(String)
    case noLessons(String)
    case unreadable(String, reason: String)
    case notUTF8(String, byteOffset: Int)
    case unwritable(String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path): return "\(path): error: no such file or folder"
        case .noLessons(let path): return "\(path): error: folder holds no lessons (*.md files)"
        case .unreadable(let path, let reason): return "\(path): error: cannot read the file: \(reason)"
        case .notUTF8(let path, let offset):
            return
                "\(path): error: the file is not valid UTF-8 (first bad byte at offset \(offset)); it was left untouched"
        case .unwritable(let path, let reason): return "\(path): error: cannot write the file: \(reason)"
        }
    }
}

/// Finding, reading and writing lesson files and their `.assets/` folders.
public enum LessonFiles {
    /// The lessons named by `paths`: files as given, folders searched recursively for `*.md`
    /// (hidden folders and `.assets` folders skipped), in a stable sorted order, without duplicates.
    public static func discover(_ paths: [String]) throws(LessonFileError) -> [String] {
        var found: [String] = []
        var seen = Set<String>()
        for path in paths {
            let kind = FileSystem.kind(of: path)
            guard kind != .missing else { throw .missing(path) }
            var lessons: [String] = []
            if kind == .folder {
                lessons = markdownFiles(under: path)
                if lessons.isEmpty { throw .noLessons(path) }
            } else {
                lessons = [path]
            }
            for lesson in lessons where seen.insert(standardized(lesson)).inserted {
                found.append(lesson)
            }
        }
        return found
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func markdownFiles(under folder: String) -> [String] {
        var result: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let names = FileSystem.names(in: current) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = current.hasSuffix("/") ? current + name : current + "/" + name
                switch FileSystem.kind(of: child) {
                case .folder where !name.hasSuffix(".assets"): pending.append(child)
                case .file where name.hasSuffix(".md"): result.append(child)
                default: break
                }
            }
        }
        return result.sorted()
    }

    /// Writes `text` to `path` atomically: a temporary file in the same folder, flushed, given the
    /// original file's mode, then renamed over the original. An interrupted write leaves the old
    /// file or the new one, never a mix.
    public static func writeAtomically(_ text: String, to path: String) throws(LessonFileError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var mode: mode_t = 0o644
        var info = stat()
        if stat(path, &info) == 0 { mode = info.st_mode & 0o7777 }
        var template = Array("\(folder)/.\(name).gradbook-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { throw .unwritable(path, reason: SystemError.current.description) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: String?
        do {
            try FileSystem.writeAll(Array(text.utf8), to: descriptor)
        } catch {
            failure = error.description
        }
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = SystemError.current.description }
        if failure == nil, fsync(descriptor) != 0 { failure = SystemError.current.description }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = SystemError.current.description }
        if let failure {
            unlink(temporary)
            throw .unwritable(path, reason: failure)
        }
    }

    /// The assets folder of a lesson: `intro.md` → `intro.assets` beside it.
    public static func assetsFolder(of lessonPath: String) -> String {
        let url = URL(fileURLWithPath: lessonPath)
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(base + ".assets").path
    }

    /// The `.svg` files currently in a lesson's assets folder, by file name.
    public static func existingPlots(of lessonPath: String) -> [String: String] {
        let folder = assetsFolder(of: lessonPath)
        guard let names = FileSystem.names(in: folder) else { return [:] }
        var plots: [String: String] = [:]
        for name in names where name.hasSuffix(".svg") {
            let bytes = (try? FileSystem.readBytes(folder + "/" + name)) ?? []
            plots[name] = String(decoding: bytes, as: UTF8.self)
        }
        return plots
    }

    /// Makes the assets folder hold exactly `plots` among its `.svg` files: writes new or changed
    /// ones, deletes the `.svg` files no longer produced, and touches nothing else. The folder is
    /// created when needed and removed when it ends up empty.
    public static func synchronizePlots(_ plots: [String: String], of lessonPath: String) throws(LessonFileError) {
        let folder = assetsFolder(of: lessonPath)
        let existing = existingPlots(of: lessonPath)
        if !plots.isEmpty {
            do {
                try FileSystem.createFolder(folder)
            } catch {
                throw .unwritable(folder, reason: error.description)
            }
        }
        for (name, contents) in plots.sorted(by: { $0.key < $1.key }) where existing[name] != contents {
            try writeAtomically(contents, to: folder + "/" + name)
        }
        for name in existing.keys.sorted() where plots[name] == nil {
            unlink(folder + "/" + name)
        }
        if let left = FileSystem.names(in: folder), left.isEmpty {
            rmdir(folder)
        }
    }
}
