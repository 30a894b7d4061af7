// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "gradbook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gradbook", targets: ["gradbook"]),
        .library(name: "Autodiff", targets: ["Autodiff"]),
        .library(name: "GraphLanguage", targets: ["GraphLanguage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Stage 0: Debian's libcmark, seen only by the Lesson target.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Stage 1: the reverse-mode autodiff engine. Knows nothing of Markdown or the language.
        .target(name: "Autodiff"),
        // Stage 2: the graph language (lexer, parser, interpreter) on top of the engine.
        .target(name: "GraphLanguage", dependencies: ["Autodiff"]),
        // Stage 3: Markdown lessons: front matter, graph blocks, output regions, splicing.
        .target(name: "Lesson", dependencies: ["CCmark"]),
        // Stage 4: typed results rendered as Markdown tables, SVG plots and Mermaid diagrams.
        .target(name: "Report", dependencies: ["GraphLanguage", "Autodiff"]),
        // Stage 5: runs lessons end to end (parse, execute, render, splice, write or compare).
        .target(name: "LessonRunner", dependencies: ["Lesson", "GraphLanguage", "Report"]),
        // The thin command-line tool.
        .executableTarget(
            name: "gradbook",
            dependencies: [
                "LessonRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-build benchmarks; not in the path of `swift test`.
        .executableTarget(
            name: "gradbook-bench",
            dependencies: ["Autodiff", "GraphLanguage", "LessonRunner"]
        ),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff"], exclude: ["References"]),
        .testTarget(name: "GraphLanguageTests", dependencies: ["GraphLanguage"]),
        .testTarget(name: "LessonTests", dependencies: ["Lesson"]),
        .testTarget(name: "ReportTests", dependencies: ["Report"], exclude: ["References"]),
        .testTarget(name: "LessonRunnerTests", dependencies: ["LessonRunner"]),
    ]
)
