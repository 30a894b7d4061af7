import Autodiff

// `show`, `log` and `plot`: tables that grow row by row, and charts of logged columns.

extension Interpreter {
    mutating func show(_ expressions: [ResolvedSourcedExpression], outputIndex: Int, range: SourceRange)
        throws(Diagnostic)
    {
        var rows: [ShowTable.Row] = []
        for expression in expressions {
            let value = try displayValue(try evaluate(expression.expression), range: expression.range ?? range)
            rows.append(ShowTable.Row(expression: expression.text, value: value))
        }
        if let position = block.outputPositions[outputIndex], case .show(let table) = block.entries[position] {
            block.showTables[table].rows.append(contentsOf: rows)
        } else {
            block.outputPositions[outputIndex] = block.entries.count
            block.entries.append(.show(block.showTables.count))
            block.showTables.append(ShowTable(rows: rows, range: range))
        }
    }

    mutating func log(_ expressions: [ResolvedSourcedExpression], outputIndex: Int, range: SourceRange)
        throws(Diagnostic)
    {
        // `map` allocates the row once at its final size (a loop logs thousands of rows); it maps
        // the indices, so that the expressions' texts are not copied (and reference counted).
        let row = try expressions.indices.map { index throws(Diagnostic) in
            let expression = expressions[index].expression
            return try displayValue(try evaluate(expression), range: expression.range ?? range)
        }
        if let position = block.outputPositions[outputIndex], case .log(let table) = block.entries[position] {
            block.logTables[table].rows.append(row)
        } else {
            block.outputPositions[outputIndex] = block.entries.count
            block.entries.append(.log(block.logTables.count))
            block.logTables.append(LogTable(columns: expressions.map(\.text), rows: [row], range: range))
        }
    }

    /// `plot a, b` or `plot a vs b`: each series is a column of one of this block's log tables.
    mutating func plot(series: [NamedRange], versus: NamedRange?, outputIndex: Int, range: SourceRange)
        throws(Diagnostic)
    {
        var plotted: [Plot.Series] = []
        var versusSeries: Plot.Series?
        for named in series {
            let (table, column) = try findColumn(named)
            plotted.append(try seriesValues(table: table, column: column, named: named))
            if let versus {
                guard let versusColumn = block.logTables[table].columns.firstIndex(of: versus.name) else {
                    if findColumns(versus.name).isEmpty { _ = try findColumn(versus) }
                    throw EvaluationMessage.versusInOtherTable(series: named.name, versus: versus.name).at(versus.range)
                }
                versusSeries = try seriesValues(table: table, column: versusColumn, named: versus)
            }
        }
        emit(.plot(Plot(series: plotted, versus: versusSeries, range: range)), outputIndex: outputIndex)
    }

    /// Every (table, column) of this block's logs named `name`.
    private func findColumns(_ name: String) -> [(table: Int, column: Int)] {
        var found: [(Int, Int)] = []
        for (table, log) in block.logTables.enumerated() {
            if let column = log.columns.firstIndex(of: name) { found.append((table, column)) }
        }
        return found
    }

    /// The one column named `named.name`; unknown and ambiguous names are errors.
    private func findColumn(_ named: NamedRange) throws(Diagnostic) -> (table: Int, column: Int) {
        let found = findColumns(named.name)
        if found.count == 1 { return found[0] }
        if found.isEmpty {
            var available: [String] = []
            for log in block.logTables {
                for column in log.columns where !available.contains(column) { available.append(column) }
            }
            let suggestion = Suggestion.closest(to: named.name, among: available)
            throw EvaluationMessage.unknownColumn(named.name, available: available, suggestion: suggestion)
                .at(named.range)
        }
        let notes = found.map { EvaluationMessage.loggedHere(named.name).note(at: block.logTables[$0.table].range) }
        throw EvaluationMessage.ambiguousColumn(named.name, count: found.count).at(named.range, notes: notes)
    }

    private func seriesValues(table: Int, column: Int, named: NamedRange) throws(Diagnostic) -> Plot.Series {
        var values: [Double] = []
        let rows = block.logTables[table].rows
        values.reserveCapacity(rows.count)
        for row in rows {
            let value = row[column]
            guard value.scalars.count == 1 else {
                throw EvaluationMessage.plotOfTensorColumn(named.name, shape: value.shape).at(named.range)
            }
            values.append(value.scalars[0])
        }
        return Plot.Series(name: named.name, values: values)
    }
}
