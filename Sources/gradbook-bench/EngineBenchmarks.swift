import Autodiff

/// Engine benchmarks (issue 2): filled in by the engine's author.
func engineBenchmarks() -> [BenchmarkRow] { [] }
