// gradbook-bench: release-build benchmarks of the engine, the language and whole lessons.
// Run: swift run -c release gradbook-bench
printTable(engineBenchmarks() + languageBenchmarks())
