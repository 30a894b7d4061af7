#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX file operations the runner needs, with `strerror` reasons for messages.
///
/// The runner uses these instead of Foundation's `FileManager` and `FileHandle` so that the
/// `gradbook` process links only FoundationEssentials: no ICU, a faster start (a lesson run is
/// a few milliseconds, so start-up is a large share of it).
enum FileSystem {
    /// What is at a path: nothing, a folder, or something else (a file).
    enum Kind {
        case missing
        case folder
        case file
    }

    static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .folder : .file
    }

    /// The names in a folder (without `.` and `..`), or nil if it cannot be listed.
    static func names(in folder: String) -> [String]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The whole contents of a file; throws the system's reason (`No such file or directory`).
    static func readBytes(_ path: String) throws(SystemError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .current }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .current
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Writes all of `bytes` to an open descriptor.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(SystemError) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .current
            }
            written += count
        }
    }

    /// Creates a folder and any missing parents (mode 0755); succeeds if it exists already.
    static func createFolder(_ path: String) throws(SystemError) {
        if kind(of: path) == .folder { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if kind(of: prefix) != .folder, mkdir(prefix, 0o755) != 0, errno != EEXIST { throw .current }
            prefix += "/"
        }
    }

    /// Prints text to standard output or standard error in one `write`, so that lines from
    /// different lessons never interleave.
    static func print(_ text: String, toStandardError: Bool) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        try? writeAll(Array(line.utf8), to: toStandardError ? 2 : 1)
    }
}

/// A failed system call, described as `strerror` describes its `errno`.
struct SystemError: Error, CustomStringConvertible {
    var code: Int32

    static var current: SystemError { SystemError(code: errno) }

    var description: String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(decoding: UnsafeRawBufferPointer(start: message, count: strlen(message)), as: UTF8.self)
    }
}
