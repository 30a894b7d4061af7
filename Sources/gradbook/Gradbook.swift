import ArgumentParser
import FoundationEssentials
import LessonRunner

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `gradbook` command: run, check, strip and start lessons about backpropagation.
struct Gradbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradbook",
        abstract: "Run Markdown lessons about backpropagation and verify every derivation in them.",
        discussion: """
            A lesson is a Markdown file whose ```graph blocks describe small computations. gradbook runs \
            every block through its own reverse-mode autodiff engine and writes an output region under \
            each block: values, gradients, logs, plots, traces and a ✅ or ❌ on every check.

            Exit codes: 0 all good; 1 a check failed, a block failed unexpectedly, or (check) an output \
            is stale; 2 a usage error or a file that cannot be read.
            """,
        version: "0.1.0",
        subcommands: [Run.self, Check.self, Strip.self, New.self]
    )
}

/// Options shared by `run` and `check`.
struct ExecutionOptions: ParsableArguments {
    @Argument(help: "Lesson files or folders of *.md files.", completion: .file(extensions: ["md"]))
    var paths: [String] = ["notebooks/"]

    @Option(help: "Stop a block that runs longer than this many seconds.")
    var timeout: Double = 60

    @Option(
        help:
            "Run this many lessons in parallel; output and files are the same as with --jobs 1. (default: the number of CPUs)"
    )
    var jobs: Int?

    @Flag(help: "Print only errors and the summary line.")
    var quiet = false

    @Flag(help: "Do not colour the output.")
    var noColor = false

    func validate() throws {
        guard timeout > 0, timeout.isFinite else {
            throw ValidationError("--timeout must be a positive number of seconds")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func runOptions(mode: RunMode) -> RunOptions {
        RunOptions(
            mode: mode, timeout: timeout, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, quiet: quiet,
            colored: useColor(noColor: noColor))
    }
}

/// Colour only on a terminal, unless `--no-color` or the NO_COLOR convention says otherwise.
func useColor(noColor: Bool) -> Bool {
    !noColor && getenv("NO_COLOR") == nil && isatty(STDERR_FILENO) != 0
}

extension Gradbook {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Execute lessons and write their output regions (and plot files) in place.")

        @OptionGroup var options: ExecutionOptions

        mutating func run() throws {
            throw ExitCode(LessonRunner.run(paths: options.paths, options: options.runOptions(mode: .run)))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Execute lessons; fail on a failed check, an unexpected error or a stale output. Writes nothing.")

        @OptionGroup var options: ExecutionOptions

        @Option(help: "How to report: text, github (Actions annotations) or junit (XML on stdout).")
        var format: OutputFormat = .text

        @Flag(help: "Print the unified diff of outputs that are not current.")
        var diff = false

        mutating func run() throws {
            var runOptions = options.runOptions(mode: .check)
            runOptions.format = format
            runOptions.showDiff = diff
            throw ExitCode(LessonRunner.run(paths: options.paths, options: runOptions))
        }
    }

    struct Strip: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove output regions and the plot files gradbook manages.")

        @Argument(help: "Lesson files or folders of *.md files.", completion: .file(extensions: ["md"]))
        var paths: [String] = ["notebooks/"]

        @Flag(help: "Print only errors and the summary line.")
        var quiet = false

        @Flag(help: "Do not colour the output.")
        var noColor = false

        mutating func run() throws {
            throw ExitCode(LessonRunner.strip(paths: paths, quiet: quiet, colored: useColor(noColor: noColor)))
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a lesson from a template (refuses to overwrite).")

        @Argument(
            help: "The lesson file to create, e.g. notebooks/my-lesson.md.", completion: .file(extensions: ["md"]))
        var file: String

        @Option(help: "The lesson's title.")
        var title: String?

        mutating func run() throws {
            do {
                try LessonTemplate.create(at: file, title: title)
                print("created \(file); run `gradbook run \(file)` to execute it")
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// The entry point: runs the command and maps usage errors to exit code 2, as SPEC §4 asks
/// (ArgumentParser's default for them is 64).
@main
enum Main {
    static func main() {
        do {
            var command = try Gradbook.parseAsRoot()
            try command.run()
        } catch let exitCode as ExitCode {
            exit(exitCode.rawValue)
        } catch {
            let code = Gradbook.exitCode(for: error)
            if code == .success {
                Gradbook.exit(withError: error)
            } else {
                let message = Gradbook.fullMessage(for: error)
                if !message.isEmpty { printError(message) }
                exit(code == .validationFailure ? 2 : code.rawValue)
            }
        }
    }
}

func printError(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    let bytes = Array(line.utf8)
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
