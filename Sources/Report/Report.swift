// Scaffolding: the Report stage is being written (see the issues).
