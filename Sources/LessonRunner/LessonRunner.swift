import Dispatch

/// Runs, checks and strips lessons, prints what happened, and returns the process exit code.
public enum LessonRunner {
    /// `gradbook run` / `gradbook check` over files and folders; returns 0, 1 or 2 (SPEC §4).
    public static func run(paths: [String], options: RunOptions) -> Int32 {
        let printer = RunPrinter(options: options)
        let lessons: [String]
        do {
            lessons = try LessonFiles.discover(paths)
        } catch {
            printer.fileError(error.description)
            return 2
        }
        let results = inParallel(lessons, jobs: options.jobs) { path in
            LessonExecution.process(path: path, options: options)
        } onEachInOrder: { result in
            printer.lesson(result)
        }
        printer.finish(results)
        if results.contains(where: \.unreadable) { return 2 }
        return results.contains(where: \.failed) ? 1 : 0
    }

    /// `gradbook strip`: removes output regions and managed plot files; returns 0, 1 or 2.
    public static func strip(paths: [String], quiet: Bool, colored: Bool) -> Int32 {
        let printer = RunPrinter(options: RunOptions(mode: .run, quiet: quiet, colored: colored))
        let lessons: [String]
        do {
            lessons = try LessonFiles.discover(paths)
        } catch {
            printer.fileError(error.description)
            return 2
        }
        var status: Int32 = 0
        var stripped = 0
        for path in lessons {
            let result = LessonExecution.strip(path: path)
            printer.lesson(result)
            if result.wrote { stripped += 1 }
            if result.unreadable { status = 2 } else if result.failed, status == 0 { status = 1 }
        }
        printer.summary("\(plural(lessons.count, "lesson")): \(stripped) stripped")
        return status
    }

    /// Runs `work` over `items` on `jobs` threads; calls `onEachInOrder` on the calling thread for
    /// every result in the order of `items`, as soon as it and all before it are done.
    static func inParallel<Result: Sendable>(
        _ items: [String], jobs: Int, work: @escaping @Sendable (String) -> Result,
        onEachInOrder: (Result) -> Void
    ) -> [Result] {
        if jobs <= 1 || items.count <= 1 {
            return items.map { item in
                let result = work(item)
                onEachInOrder(result)
                return result
            }
        }
        let board = ResultBoard<Result>(count: items.count)
        let workers = min(jobs, items.count)
        for _ in 0..<workers {
            DispatchQueue.global().async {
                while let index = board.nextIndex() {
                    board.store(work(items[index]), at: index)
                }
            }
        }
        var results: [Result] = []
        for index in items.indices {
            let result = board.wait(for: index)
            onEachInOrder(result)
            results.append(result)
        }
        return results
    }
}

/// Shared state of a parallel run: the next item to take and the finished results.
private final class ResultBoard<Result>: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private let finished: [DispatchSemaphore]
    private var next = 0
    private var results: [Result?]

    init(count: Int) {
        results = Array(repeating: nil, count: count)
        finished = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    func nextIndex() -> Int? {
        lock.wait()
        defer { lock.signal() }
        guard next < results.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ result: Result, at index: Int) {
        lock.wait()
        results[index] = result
        lock.signal()
        finished[index].signal()
    }

    func wait(for index: Int) -> Result {
        while true {
            finished[index].wait()
            lock.wait()
            let result = results[index]
            lock.signal()
            if let result { return result }
        }
    }
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
