import GraphLanguage

/// Language benchmarks (issue 3): filled in by the interpreter's author.
func languageBenchmarks() -> [BenchmarkRow] { [] }
