// Scaffolding: the engine is being written (issue 2).
