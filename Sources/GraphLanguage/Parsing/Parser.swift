/// A recursive-descent parser of graph blocks: one function per statement, one per precedence
/// level (SPEC §2.2, §2.3). Nesting is counted, so that deep input is a diagnostic, never a stack
/// overflow.
struct Parser {
    /// The deepest nesting of brackets, operators and calls (and, separately, of loops) accepted.
    static let maximumNesting = 256

    let source: SourceText
    let tokens: [Token]
    var position = 0
    /// How deeply the expression being parsed nests.
    var nesting = 0
    var loopNesting = 0

    /// Parses a whole block; the first error stops it.
    static func parse(_ source: SourceText) throws(Diagnostic) -> Program {
        var parser = Parser(source: source, tokens: try Lexer.tokenize(source))
        return Program(statements: try parser.parseStatements(endingAtDedent: false))
    }

    private init(source: SourceText, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    // MARK: Statements

    private mutating func parseStatements(endingAtDedent: Bool) throws(Diagnostic) -> [Statement] {
        var statements: [Statement] = []
        while true {
            switch current.kind {
            case .endOfInput:
                return statements
            case .dedent where endingAtDedent:
                advance()
                return statements
            case .newline:
                advance()
            case .indent:
                throw error(.unexpectedIndentation, at: current.range)
            default:
                statements.append(try parseStatement())
            }
        }
    }

    private mutating func parseStatement() throws(Diagnostic) -> Statement {
        let first = current
        guard let word = first.identifier else {
            throw error(.expectedStatement(found: first.quoted), at: first.range)
        }
        if word != "param", word != "for", Self.isAssignmentOperator(peek(1)) {
            return try parseAssignment()
        }
        switch word {
        case "param": return try parseParam()
        case "backward": return try parseBackward()
        case "zero_grad": return try parseZeroGrad()
        case "step": return try parseStep()
        case "for": return try parseFor()
        case "show", "log": return try parseShowOrLog()
        case "plot": return try parsePlot()
        case "check": return try parseCheck()
        case "trace", "diagram": return try parseTraceOrDiagram()
        case "gradcheck": return try parseGradcheck()
        default: throw notAStatement(startingWith: first)
        }
    }

    /// `x = EXPR`, `x -= EXPR`.
    private mutating func parseAssignment() throws(Diagnostic) -> Statement {
        let name = advance()
        let operatorToken = advance()
        let value = try parseRequiredExpression(
            subject: "'\(name.text) \(operatorToken.text)'", example: "\(name.text) \(operatorToken.text) 1")
        let range = statementRange(from: name)
        try expectEndOfStatement()
        let identifier = name.identifier ?? name.text
        guard let update = Self.updateOperator(operatorToken) else {
            return .assign(name: identifier, nameRange: name.range, value: value, range)
        }
        return .update(name: identifier, nameRange: name.range, op: update, value: value, range)
    }

    /// `param w = EXPR`.
    private mutating func parseParam() throws(Diagnostic) -> Statement {
        let keyword = advance()
        guard let name = current.identifier else {
            throw error(
                .missing(subject: "'param'", noun: "a name", example: "param w = 1", found: foundIfNotEnd),
                at: current.range)
        }
        let nameToken = advance()
        guard current.is(.equal) else {
            throw error(.paramNeedsEqual(name: name, found: current.quoted), at: current.range)
        }
        advance()
        let value = try parseRequiredExpression(subject: "'param \(name) ='", example: "param \(name) = 1")
        let range = statementRange(from: keyword)
        try expectEndOfStatement()
        return .param(name: name, nameRange: nameToken.range, value: value, range)
    }

    /// `backward EXPR` or `backward EXPR, GRADIENT`.
    private mutating func parseBackward() throws(Diagnostic) -> Statement {
        let keyword = advance()
        let value = try parseSourcedExpression(subject: "'backward'", example: "backward loss")
        var gradient: Expression?
        if accept(.comma) != nil {
            gradient = try parseRequiredExpression(
                subject: "'backward \(value.text),'", noun: "a gradient",
                example: "backward y, ones(2, 2)")
            if current.is(.comma) {
                throw error(.backwardTakesAtMostAGradient, at: current.range)
            }
        }
        let range = statementRange(from: keyword)
        try expectEndOfStatement()
        return .backward(value.expression, gradient: gradient, range)
    }

    /// `zero_grad` or `zero_grad w, b`.
    private mutating func parseZeroGrad() throws(Diagnostic) -> Statement {
        let keyword = advance()
        var names: [NamedRange] = []
        if !isAtEndOfStatement {
            names = try parseNames(subject: "'zero_grad'", example: "zero_grad w, b")
        }
        let range = statementRange(from: keyword)
        try expectEndOfStatement(hint: "zero_grad takes param names: zero_grad w, b")
        return .zeroGrad(names: names, range)
    }

    /// `step sgd(lr=0.01, momentum=0.9)`, `step adam(lr=0.1)`.
    private mutating func parseStep() throws(Diagnostic) -> Statement {
        let keyword = advance()
        guard let optimizer = current.identifier else {
            throw error(
                .missing(
                    subject: "'step'", noun: "an optimizer", example: "step sgd(lr=0.01) or step adam(lr=0.1)",
                    found: foundIfNotEnd), at: current.range)
        }
        let optimizerToken = advance()
        guard current.is(.leftParenthesis) else {
            throw error(.stepNeedsArguments(optimizer: optimizer), at: current.range)
        }
        let opening = advance()
        try enterNesting(at: opening)
        let (arguments, _) = try parseArguments(openedBy: opening)
        nesting -= 1
        let range = statementRange(from: keyword)
        try expectEndOfStatement()
        return .step(optimizer: optimizer, optimizerRange: optimizerToken.range, arguments: arguments, range)
    }

    /// `for i in EXPR:` or `for x, y in zip(xs, ys):`, then an indented body.
    private mutating func parseFor() throws(Diagnostic) -> Statement {
        let keyword = advance()
        loopNesting += 1
        defer { loopNesting -= 1 }
        if loopNesting > Self.maximumNesting {
            throw error(.loopsTooDeeplyNested, at: keyword.range)
        }
        guard current.identifier != nil else {
            throw error(
                .missing(
                    subject: "'for'", noun: "a loop variable", example: "for i in range(10):", found: foundIfNotEnd),
                at: current.range)
        }
        var variables: [NamedRange] = []
        repeat {
            guard let name = current.identifier else {
                throw error(
                    .missing(
                        subject: "',' in a 'for' line", noun: "another loop variable",
                        example: "for x, y in zip(xs, ys):",
                        found: foundIfNotEnd), at: current.range)
            }
            variables.append(NamedRange(name: name, range: advance().range))
        } while accept(.comma) != nil
        guard current.isWord("in") else {
            throw error(.forNeedsIn(found: current.quoted), at: current.range)
        }
        advance()
        let sequence = try parseRequiredExpression(
            subject: "'for ... in'", noun: "a sequence", example: "for i in range(10):")
        guard current.is(.colon) else {
            throw error(.forNeedsColon(found: current.quoted), at: current.range)
        }
        advance()
        if case .newline = current.kind {
            advance()
        } else if case .endOfInput = current.kind {
            throw error(.forNeedsBody, at: current.range)
        } else {
            throw error(.forBodyOnSameLine, at: current.range)
        }
        guard case .indent = current.kind else {
            throw error(.forNeedsBody, at: current.range)
        }
        advance()
        let body = try parseStatements(endingAtDedent: true)
        let end = body.last?.range.end ?? keyword.range.end
        let range = SourceRange(start: keyword.range.start, end: end)
        return .forLoop(variables: variables, sequence: sequence, body: body, range)
    }

    /// `show a, b.grad` and `log i, l`.
    private mutating func parseShowOrLog() throws(Diagnostic) -> Statement {
        let keyword = advance()
        let example = keyword.text == "show" ? "show loss, w.grad" : "log i, loss"
        var items: [SourcedExpression] = []
        repeat {
            items.append(try parseSourcedExpression(subject: "'\(keyword.text)'", example: example))
        } while accept(.comma) != nil
        let range = statementRange(from: keyword)
        try expectEndOfStatement(hint: "separate values with ',': \(example)")
        return keyword.text == "show" ? .show(items, range) : .log(items, range)
    }

    /// `plot l, a` or `plot l vs i`.
    private mutating func parsePlot() throws(Diagnostic) -> Statement {
        let keyword = advance()
        var series: [NamedRange] = []
        repeat {
            let item = try parseSourcedExpression(subject: "'plot'", noun: "a logged column", example: "plot loss")
            series.append(NamedRange(name: item.text, range: item.expression.range))
        } while accept(.comma) != nil
        var versus: NamedRange?
        if current.isWord("vs") {
            advance()
            let item = try parseSourcedExpression(
                subject: "'vs'", noun: "a logged column for the x axis", example: "plot loss vs i")
            versus = NamedRange(name: item.text, range: item.expression.range)
        }
        if current.isWord("vs") {
            throw error(
                .unexpectedToken(found: current.quoted, hint: "a plot has one 'vs': plot l, a vs i"), at: current.range)
        }
        let range = statementRange(from: keyword)
        try expectEndOfStatement(hint: "plot takes logged columns, then optionally 'vs' and one more: plot l, a vs i")
        return .plot(series: series, versus: versus, range)
    }

    /// `check A = B = C`, `check A < B`, optionally followed by `within TOL`.
    private mutating func parseCheck() throws(Diagnostic) -> Statement {
        let keyword = advance()
        var links = [try parseSourcedExpression(subject: "'check'", noun: "a comparison", example: "check loss = 1")]
        var comparison: Comparison?
        var isChain = false
        while true {
            if current.is(.equal) || current.is(.equalEqual) {
                if comparison != nil {
                    throw error(.checkMixesComparisons, at: current.range)
                }
                isChain = true
            } else if let symbol = Self.comparison(current) {
                if isChain {
                    throw error(.checkMixesComparisons, at: current.range)
                }
                if comparison != nil {
                    throw error(.checkChainsComparisons, at: current.range)
                }
                comparison = symbol
            } else {
                break
            }
            advance()
            links.append(try parseSourcedExpression())
        }
        if links.count < 2 {
            throw error(.checkNeedsComparison, at: current.range)
        }
        var tolerance: Expression?
        if current.isWord("within") {
            advance()
            tolerance = try parseRequiredExpression(
                subject: "'within'", noun: "a tolerance", example: "check a = b within 1e-6")
        }
        let range = statementRange(from: keyword)
        try expectEndOfStatement(hint: "a check ends after its last link, or after 'within TOL'")
        return .check(Check(links: links, comparison: comparison, within: tolerance), range)
    }

    /// `trace EXPR` and `diagram EXPR`.
    private mutating func parseTraceOrDiagram() throws(Diagnostic) -> Statement {
        let keyword = advance()
        let item = try parseSourcedExpression(subject: "'\(keyword.text)'", example: "\(keyword.text) loss")
        let range = statementRange(from: keyword)
        try expectEndOfStatement(hint: "\(keyword.text) takes one expression: \(keyword.text) loss")
        return keyword.text == "trace" ? .trace(item, range) : .diagram(item, range)
    }

    /// `gradcheck EXPR wrt a, b`.
    private mutating func parseGradcheck() throws(Diagnostic) -> Statement {
        let keyword = advance()
        let item = try parseSourcedExpression(subject: "'gradcheck'", example: "gradcheck loss wrt w, b")
        guard current.isWord("wrt") else {
            throw error(.gradcheckNeedsWrt(found: current.quoted), at: current.range)
        }
        advance()
        let names = try parseNames(subject: "'wrt'", example: "gradcheck loss wrt w, b")
        let range = statementRange(from: keyword)
        try expectEndOfStatement(hint: "wrt takes param names: gradcheck loss wrt w, b")
        return .gradcheck(item, wrt: names, range)
    }

    /// `w, b`: one or more names separated by commas.
    private mutating func parseNames(subject: String, example: String) throws(Diagnostic) -> [NamedRange] {
        var names: [NamedRange] = []
        repeat {
            guard let name = current.identifier else {
                throw error(
                    .missing(subject: subject, noun: "param names", example: example, found: foundIfNotEnd),
                    at: current.range)
            }
            names.append(NamedRange(name: name, range: advance().range))
        } while accept(.comma) != nil
        return names
    }

    // MARK: Ends of statements and their errors

    private var isAtEndOfStatement: Bool {
        switch current.kind {
        case .newline, .endOfInput, .dedent: return true
        default: return current.beginsContinuationLine
        }
    }

    /// The range from `first` to the last token consumed.
    private func statementRange(from first: Token) -> SourceRange {
        SourceRange(start: first.range.start, end: tokens[max(0, position - 1)].range.end)
    }

    private mutating func expectEndOfStatement(hint: String? = nil) throws(Diagnostic) {
        switch current.kind {
        case .newline:
            advance()
            return
        case .endOfInput, .dedent:
            return
        default:
            break
        }
        let found = current
        if found.beginsContinuationLine {
            throw error(.continuationOutsideCheck, at: found.range)
        }
        var advice = hint
        if found.is(.equal) || found.is(.equalEqual) || Self.comparison(found) != nil {
            advice = "to compare values, write check a \(found.text) b"
        } else if found.is(.rightParenthesis) || found.is(.rightBracket) {
            advice = "there is no open bracket for it to close"
        } else if found.is(.colon) {
            advice = "only a 'for' line ends with ':'"
        } else if found.isWord("within") {
            advice = "'within' belongs to a check: check a = b within 1e-6"
        } else if found.isWord("vs") {
            advice = "'vs' belongs to plot: plot loss vs i"
        } else if hint == nil, Self.startsExpression(found) {
            advice = "is an operator missing before it? (write 2*x for a product)"
        }
        throw error(.unexpectedToken(found: found.quoted, hint: advice), at: found.range)
    }

    /// The error for a statement that starts with a name but is none of the statements.
    private func notAStatement(startingWith first: Token) -> Diagnostic {
        let word = first.text
        let next = peek(1)
        if word == "within" {
            return error(.detachedWithin, at: first.range)
        }
        if let advice = Self.foreignStatements[word] {
            return error(.foreignStatement(word: word, advice: advice), at: first.range)
        }
        if next.is(.equalEqual) || Self.comparison(next) != nil {
            return error(.comparisonWithoutCheck(name: word, symbol: next.text), at: next.range)
        }
        if let symbol = [Symbol.plus, .minus, .star, .slash].first(where: next.is), peek(2).is(.equal) {
            return error(.spacedUpdateOperator(symbol.rawValue), at: next.range.union(peek(2).range))
        }
        if next.is(.dot) || next.is(.leftBracket), let (target, range) = assignmentTarget() {
            let advice =
                target.hasSuffix(".grad")
                ? "gradients change only through backward, zero_grad and step (zero_grad \(word) resets it)"
                : "only names are assigned; compute a new value: \(word) = ..."
            return error(.assignmentToNonName(target: target, advice: advice), at: range)
        }
        if let keyword = Self.closestKeyword(to: word) {
            return error(.misspelledKeyword(found: word, keyword: keyword), at: first.range)
        }
        return error(.expectedAssignment(name: word), at: first.range)
    }

    /// `x[0]` in `x[0] = 1`, or `w.grad` in `w.grad = 0`: what stands before an `=` outside brackets.
    private func assignmentTarget() -> (text: String, range: SourceRange)? {
        var depth = 0
        var index = position
        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .newline, .endOfInput, .indent, .dedent:
                return nil
            case .symbol(.leftParenthesis), .symbol(.leftBracket):
                depth += 1
            case .symbol(.rightParenthesis), .symbol(.rightBracket):
                depth -= 1
            default:
                if depth == 0, Self.isAssignmentOperator(token), index > position {
                    let range = tokens[position].range.union(tokens[index - 1].range)
                    return (source.text(of: tokens[position..<index]), range)
                }
            }
            index += 1
        }
        return nil
    }

    /// Python words a lesson author may reach for, with what the graph language writes instead.
    static let foreignStatements: [String: String] = [
        "print": "write show x, y to display values",
        "assert": "write check a = b, or check a < b",
        "if": "there are no conditionals (statements are \(ParsingError.keywordList))",
        "else": "there are no conditionals (statements are \(ParsingError.keywordList))",
        "while": "loop with for i in range(10):",
        "def": "there are no function definitions; name intermediate values instead (y = ...)",
        "return": "there are no function definitions; name intermediate values instead (y = ...)",
        "import": "every built-in function is already available",
    ]

    /// The statement keyword `word` is likely a misspelling of, if any.
    static func closestKeyword(to word: String) -> String? {
        let limit = word.count <= 4 ? 1 : 2
        let ranked = ParsingError.statementKeywords.map { ($0, editDistance(word.lowercased(), $0)) }
            .filter { $0.1 <= limit }
            .min { $0.1 < $1.1 }
        return ranked?.0
    }

    // MARK: Tokens

    var current: Token { tokens[min(position, tokens.count - 1)] }

    func peek(_ offset: Int) -> Token {
        tokens[min(position + offset, tokens.count - 1)]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 {
            position += 1
        }
        return token
    }

    mutating func accept(_ symbol: Symbol) -> Token? {
        current.is(symbol) ? advance() : nil
    }

    /// The current token, quoted, unless it ends the line (then the message shows only the example).
    var foundIfNotEnd: String? {
        switch current.kind {
        case .newline, .endOfInput, .dedent: return nil
        default: return current.quoted
        }
    }

    func error(_ error: ParsingError, at range: SourceRange, notes: [Diagnostic.Note] = []) -> Diagnostic {
        Diagnostic(message: error.message, range: range, notes: notes)
    }

    /// `=`, `+=`, `-=`, `*=`, `/=` (not an `=` that begins a continuation line).
    static func isAssignmentOperator(_ token: Token) -> Bool {
        !token.beginsContinuationLine && (token.is(.equal) || updateOperator(token) != nil)
    }

    /// The update operator `token` is, if it is one.
    static func updateOperator(_ token: Token) -> UpdateOperator? {
        switch token.kind {
        case .symbol(.plusEqual): return .add
        case .symbol(.minusEqual): return .subtract
        case .symbol(.starEqual): return .multiply
        case .symbol(.slashEqual): return .divide
        default: return nil
        }
    }

    static func comparison(_ token: Token) -> Comparison? {
        switch token.kind {
        case .symbol(.less): return .less
        case .symbol(.lessOrEqual): return .lessOrEqual
        case .symbol(.greater): return .greater
        case .symbol(.greaterOrEqual): return .greaterOrEqual
        default: return nil
        }
    }
}

/// The optimal-string-alignment distance between two words (a swap of neighbours counts one).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
            }
        }
    }
    return table[a.count][b.count]
}
