// Scaffolding: the LessonRunner stage is being written (see the issues).
