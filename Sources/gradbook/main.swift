// Scaffolding: the command-line tool is being written (issue 4).
print("gradbook: not built yet")
