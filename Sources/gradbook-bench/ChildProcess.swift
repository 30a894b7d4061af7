import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program as a child process and measures it: wall time, CPU time from `wait4`, and its
/// peak resident set from GNU time (`/usr/bin/time -f %M`).
///
/// Linux carries a process's `ru_maxrss` over from the memory of the process that forked it
/// (`posix_spawn`, `vfork` and `fork` alike), so a child spawned straight from this benchmark,
/// which has just built million-node graphs, would report this process's peak, not its own.
/// GNU time is a small process in between; its child's peak is the program's own. Without
/// `/usr/bin/time` the peak is `wait4`'s and says so.
enum ChildProcess {
    struct Measurement {
        var exitStatus: Int32
        var wallSeconds: Double
        /// User plus system CPU seconds of the child (and of any children it waited for).
        var cpuSeconds: Double
        /// Peak resident set of the child in bytes (`ru_maxrss` is in kilobytes on Linux).
        var peakResidentBytes: Int
        /// Whether the peak is the program's own (measured by GNU time), not an upper bound.
        var peakIsOwn: Bool
        /// The last non-empty line the child printed (stdout and stderr together).
        var lastLine: String
    }

    /// Runs `arguments[0]` with the rest as its arguments; output goes to a temporary file. `nil`
    /// when the program cannot be started.
    static func run(_ command: [String]) -> Measurement? {
        let outputPath = NSTemporaryDirectory() + "gradbook-bench-child-\(getpid()).txt"
        let peakPath = NSTemporaryDirectory() + "gradbook-bench-peak-\(getpid()).txt"
        defer {
            unlink(outputPath)
            unlink(peakPath)
        }
        let gnuTime = "/usr/bin/time"
        let peakIsOwn = FileManager.default.isExecutableFile(atPath: gnuTime)
        let arguments = peakIsOwn ? [gnuTime, "-f", "%M", "-o", peakPath, "--"] + command : command
        guard let program = arguments.first else { return nil }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environment.forEach { free($0) } }

        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, program, &actions, nil, argv, environment) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { return nil }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
        // Exit code when the child exited normally (WIFEXITED), else 128 + the signal number.
        let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let lastLine = output.split(separator: "\n").last.map(String.init) ?? ""
        var peakKilobytes = usage.ru_maxrss
        if peakIsOwn {
            // GNU time writes "Command exited with non-zero status N" before %M when the program fails.
            let words = ((try? String(contentsOfFile: peakPath, encoding: .utf8)) ?? "").split(
                whereSeparator: \.isWhitespace)
            guard let last = words.last, let kilobytes = Int(last) else { return nil }
            peakKilobytes = kilobytes
        }
        return Measurement(
            exitStatus: exitStatus, wallSeconds: wall, cpuSeconds: cpu, peakResidentBytes: peakKilobytes * 1024,
            peakIsOwn: peakIsOwn, lastLine: lastLine)
    }
}
