/// Parses a graph block's source (the text between the fences) into a program.
///
/// Positions in the program and in the diagnostic are block-relative: 1-based lines and columns,
/// columns counting `Character`s. Only the first error is reported.
public func parseProgram(_ source: String) -> Result<Program, Diagnostic> {
    do throws(Diagnostic) {
        return .success(try Parser.parse(SourceText(source)))
    } catch {
        return .failure(error)
    }
}
