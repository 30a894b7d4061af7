// Scaffolding: the Lesson stage is being written (see the issues).
