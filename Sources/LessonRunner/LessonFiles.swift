import Foundation

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
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw .missing(path)
            }
            var lessons: [String] = []
            if isFolder.boolValue {
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
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = current.hasSuffix("/") ? current + name : current + "/" + name
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    if !name.hasSuffix(".assets") { pending.append(child) }
                } else if name.hasSuffix(".md") {
                    result.append(child)
                }
            }
        }
        return result.sorted()
    }

    /// Reads a lesson as UTF-8 text; a file that is not valid UTF-8 is refused, never guessed.
    public static func readText(_ path: String) throws(LessonFileError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path, reason: reason(for: error))
        }
        let bytes = [UInt8](data)
        if let offset = firstInvalidUTF8Offset(bytes) { throw .notUTF8(path, byteOffset: offset) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence, or nil.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    private static func reason(for error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain,
            let message = strerror(Int32(underlying.code))
        {
            return String(cString: message)
        }
        return nsError.localizedDescription
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
        guard descriptor >= 0 else { throw .unwritable(path, reason: String(cString: strerror(errno))) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: String?
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            written += n
        }
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
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
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [:] }
        var plots: [String: String] = [:]
        for name in names where name.hasSuffix(".svg") {
            let text = (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
            plots[name] = text
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
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .unwritable(folder, reason: reason(for: error))
            }
        }
        for (name, contents) in plots.sorted(by: { $0.key < $1.key }) where existing[name] != contents {
            try writeAtomically(contents, to: folder + "/" + name)
        }
        for name in existing.keys.sorted() where plots[name] == nil {
            unlink(folder + "/" + name)
        }
        if let left = try? FileManager.default.contentsOfDirectory(atPath: folder), left.isEmpty {
            rmdir(folder)
        }
    }
}
