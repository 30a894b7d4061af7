/// Expressions, one function per precedence level, lowest first (SPEC §2.3):
/// `as` cast, `+ -`, `* / @`, unary `- +`, `^ **` (right-associative), postfix, primary.
extension Parser {
    /// An expression together with its source text as written.
    mutating func parseSourcedExpression(
        subject: String? = nil, noun: String = "a value", example: String = ""
    ) throws(Diagnostic) -> SourcedExpression {
        let start = position
        let expression: Expression
        if let subject {
            expression = try parseRequiredExpression(subject: subject, noun: noun, example: example)
        } else {
            expression = try parseExpression()
        }
        return SourcedExpression(expression: expression, text: source.text(of: tokens[start..<position]))
    }

    /// An expression that a statement needs: a missing one is reported with an example statement.
    mutating func parseRequiredExpression(
        subject: String, noun: String = "a value", example: String
    ) throws(Diagnostic) -> Expression {
        guard Self.startsExpression(current), !current.beginsContinuationLine else {
            throw error(
                .missing(subject: subject, noun: noun, example: example, found: foundIfNotEnd), at: current.range)
        }
        return try parseExpression()
    }

    /// `EXPR as f64`: the lowest level; the cast applies to the whole additive expression.
    mutating func parseExpression() throws(Diagnostic) -> Expression {
        var expression = try parseAdditive()
        let outer = nesting
        defer { nesting = outer }
        while current.isWord("as") {
            try enterNesting(at: advance())
            guard let name = current.identifier, let dtype = DTypeName(rawValue: name) else {
                throw error(.expectedDType(found: current.quoted), at: current.range)
            }
            expression = .cast(expression, dtype, expression.range.union(advance().range))
        }
        return expression
    }

    /// `a + b - c`, left-associative.
    private mutating func parseAdditive() throws(Diagnostic) -> Expression {
        var left = try parseMultiplicative()
        let outer = nesting
        defer { nesting = outer }
        while let op = Self.additiveOperator(current) {
            try enterNesting(at: advance())
            let right = try parseMultiplicative()
            left = .binary(op, left, right, left.range.union(right.range))
        }
        return left
    }

    /// `a * b / c @ d`, left-associative.
    private mutating func parseMultiplicative() throws(Diagnostic) -> Expression {
        var left = try parseUnary()
        let outer = nesting
        defer { nesting = outer }
        while let op = Self.multiplicativeOperator(current) {
            try enterNesting(at: advance())
            let right = try parseUnary()
            left = .binary(op, left, right, left.range.union(right.range))
        }
        return left
    }

    /// `-x`, `+x`; binds looser than power, so `-x^2` is `-(x^2)`.
    private mutating func parseUnary() throws(Diagnostic) -> Expression {
        let op: UnaryOperator
        if current.is(.minus) {
            op = .negate
        } else if current.is(.plus) {
            op = .plus
        } else {
            return try parsePower()
        }
        let operatorToken = advance()
        try enterNesting(at: operatorToken)
        defer { nesting -= 1 }
        let operand = try parseUnary()
        return .unary(op, operand, operatorToken.range.union(operand.range))
    }

    /// `a ^ b` and `a ** b`, right-associative; the exponent may be signed (`2^-1`).
    private mutating func parsePower() throws(Diagnostic) -> Expression {
        let base = try parsePostfix()
        guard current.is(.caret) || current.is(.starStar) else {
            return base
        }
        try enterNesting(at: advance())
        defer { nesting -= 1 }
        let exponent = try parseUnary()
        return .binary(.power, base, exponent, base.range.union(exponent.range))
    }

    /// `x[i]`, `x[i, j]`, `x.grad`, `x.T`, `x.shape`, in any sequence.
    private mutating func parsePostfix() throws(Diagnostic) -> Expression {
        var expression = try parsePrimary()
        let outer = nesting
        defer { nesting = outer }
        while true {
            if current.is(.leftBracket) {
                let opening = advance()
                try enterNesting(at: opening)
                if current.is(.rightBracket) {
                    throw error(.emptyIndex, at: opening.range.union(current.range))
                }
                let (indices, closing) = try parseElements(openedBy: opening)
                expression = .index(expression, indices, expression.range.union(closing.range))
            } else if current.is(.dot) {
                try enterNesting(at: advance())
                guard let name = current.identifier else {
                    throw error(.expectedMember(found: current.quoted), at: current.range)
                }
                guard let member = Member(rawValue: name) else {
                    let suggestion = ["grad", "T", "shape"].first {
                        name.lowercased() == $0.lowercased() || $0.count > 1 && editDistance(name, $0) <= 2
                    }
                    throw error(.unknownMember(name, suggestion: suggestion), at: current.range)
                }
                expression = .member(expression, member, expression.range.union(advance().range))
            } else {
                return expression
            }
        }
    }

    /// Numbers, names, calls, `( EXPR )`, `[a, b]`, `d(A)/d(B)`, `∂A/∂B`.
    private mutating func parsePrimary() throws(Diagnostic) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return .number(value, token.range)
        case .identifier(let name):
            if peek(1).is(.leftParenthesis) {
                return try parseCall()
            }
            advance()
            return .name(name, token.range)
        case .symbol(.leftParenthesis):
            advance()
            try enterNesting(at: token)
            defer { nesting -= 1 }
            let inner = try parseExpression()
            let closing = try expectClosing(openedBy: token, allowsComma: false)
            return inner.with(range: token.range.union(closing.range))
        case .symbol(.leftBracket):
            advance()
            try enterNesting(at: token)
            defer { nesting -= 1 }
            if current.is(.rightBracket) {
                return .list([], token.range.union(advance().range))
            }
            let (elements, closing) = try parseElements(openedBy: token)
            return .list(elements, token.range.union(closing.range))
        case .symbol(.partial):
            return try parsePartialDerivative()
        default:
            let previous = position > 0 ? tokens[position - 1].quoted : "the start"
            throw error(.expectedExpression(after: previous, found: token.quoted), at: token.range)
        }
    }

    /// `f(a, key=value)`; `d(A)/d(B)` and `grad(A, B)` become derivatives.
    private mutating func parseCall() throws(Diagnostic) -> Expression {
        let nameToken = advance()
        let name = nameToken.text
        let opening = advance()
        try enterNesting(at: opening)
        defer { nesting -= 1 }
        let (arguments, closing) = try parseArguments(openedBy: opening)
        let range = nameToken.range.union(closing.range)
        if name == "d" {
            return try parseDerivativeDenominator(numerator: arguments, numeratorRange: range)
        }
        if name == "grad" {
            guard arguments.count == 2, arguments.allSatisfy({ $0.label == nil }) else {
                throw error(.gradNeedsTwoArguments, at: range)
            }
            return .derivative(of: arguments[0].value, wrt: arguments[1].value, range)
        }
        return .call(name: name, arguments: arguments, range)
    }

    /// After `d(A)`: `/d(B)`.
    private mutating func parseDerivativeDenominator(
        numerator: [Argument], numeratorRange: SourceRange
    ) throws(Diagnostic) -> Expression {
        guard current.is(.slash), peek(1).isWord("d"), peek(2).is(.leftParenthesis) else {
            let text = source.text(
                onLine: numeratorRange.start.line, from: numeratorRange.start.column, to: numeratorRange.end.column)
            let shown = numeratorRange.start.line == numeratorRange.end.line && text.count <= 40 ? text : "d(y)"
            throw error(.halfDerivative(shown), at: numeratorRange)
        }
        guard numerator.count == 1, let of = numerator.first, of.label == nil else {
            throw error(.derivativeNeedsOneExpression, at: numeratorRange)
        }
        advance()
        let dToken = advance()
        let opening = advance()
        let (denominator, closing) = try parseArguments(openedBy: opening)
        let denominatorRange = dToken.range.union(closing.range)
        guard denominator.count == 1, let wrt = denominator.first, wrt.label == nil else {
            throw error(.derivativeNeedsOneExpression, at: denominatorRange)
        }
        return .derivative(of: of.value, wrt: wrt.value, numeratorRange.union(denominatorRange))
    }

    /// `∂A/∂B`, where A and B are postfix expressions (a name, a call, a parenthesized expression).
    private mutating func parsePartialDerivative() throws(Diagnostic) -> Expression {
        let partial = advance()
        try enterNesting(at: partial)
        defer { nesting -= 1 }
        let start = position
        let numerator = try parsePostfix()
        guard current.is(.slash), peek(1).is(.partial) else {
            let text = source.text(of: tokens[start..<position])
            throw error(
                .partialNeedsDenominator(text.count <= 40 ? text : "y"), at: partial.range.union(numerator.range))
        }
        advance()
        advance()
        let denominator = try parsePostfix()
        return .derivative(of: numerator, wrt: denominator, partial.range.union(denominator.range))
    }

    /// The arguments of a call after its `(`, through the closing `)`.
    mutating func parseArguments(openedBy opening: Token) throws(Diagnostic) -> ([Argument], Token) {
        var arguments: [Argument] = []
        var labels: Set<String> = []
        while !current.is(.rightParenthesis) {
            if let label = current.identifier, peek(1).is(.equal) {
                let labelToken = advance()
                advance()
                if !labels.insert(label).inserted {
                    throw error(.duplicateArgument(label), at: labelToken.range)
                }
                arguments.append(Argument(label: label, labelRange: labelToken.range, value: try parseExpression()))
            } else {
                arguments.append(Argument(value: try parseExpression()))
            }
            if accept(.comma) == nil {
                break
            }
        }
        return (arguments, try expectClosing(openedBy: opening, allowsComma: true))
    }

    /// Comma-separated expressions after `[` (list elements or indices), through the closing `]`.
    private mutating func parseElements(openedBy opening: Token) throws(Diagnostic) -> ([Expression], Token) {
        var elements: [Expression] = []
        repeat {
            if current.is(.rightBracket), !elements.isEmpty {
                break
            }
            elements.append(try parseExpression())
        } while accept(.comma) != nil
        if current.is(.colon) {
            throw error(.sliceNotSupported, at: current.range)
        }
        return (elements, try expectClosing(openedBy: opening, allowsComma: true))
    }

    /// The bracket that closes `opening`, or an error naming where `opening` stands.
    private mutating func expectClosing(openedBy opening: Token, allowsComma: Bool) throws(Diagnostic) -> Token {
        guard case .symbol(let symbol) = opening.kind, let closing = symbol.closing else {
            return advance()
        }
        if current.is(closing) {
            return advance()
        }
        let message = ParsingError.unclosed(
            opening: symbol.rawValue, closing: closing.rawValue, openedAt: opening.range.start,
            allowsComma: allowsComma && Self.startsExpression(current))
        throw error(
            message, at: current.range,
            notes: [Diagnostic.Note(message: "'\(symbol.rawValue)' opened here", range: opening.range)])
    }

    /// Counts one more level of nesting; past the limit, an error at `token`.
    mutating func enterNesting(at token: Token) throws(Diagnostic) {
        nesting += 1
        if nesting > Self.maximumNesting {
            throw error(.tooDeeplyNested, at: token.range)
        }
    }

    static func startsExpression(_ token: Token) -> Bool {
        switch token.kind {
        case .number, .identifier: return true
        case .symbol(.leftParenthesis), .symbol(.leftBracket), .symbol(.minus), .symbol(.plus), .symbol(.partial):
            return true
        default: return false
        }
    }

    private static func additiveOperator(_ token: Token) -> BinaryOperator? {
        switch token.kind {
        case .symbol(.plus): return .add
        case .symbol(.minus): return .subtract
        default: return nil
        }
    }

    private static func multiplicativeOperator(_ token: Token) -> BinaryOperator? {
        switch token.kind {
        case .symbol(.star): return .multiply
        case .symbol(.slash): return .divide
        case .symbol(.at): return .matmul
        default: return nil
        }
    }
}

extension Expression {
    /// The same expression with another range (a parenthesized expression covers its parentheses).
    func with(range: SourceRange) -> Expression {
        switch self {
        case .number(let value, _): return .number(value, range)
        case .name(let name, _): return .name(name, range)
        case .list(let elements, _): return .list(elements, range)
        case .unary(let op, let operand, _): return .unary(op, operand, range)
        case .binary(let op, let left, let right, _): return .binary(op, left, right, range)
        case .call(let name, let arguments, _): return .call(name: name, arguments: arguments, range)
        case .index(let base, let indices, _): return .index(base, indices, range)
        case .member(let base, let member, _): return .member(base, member, range)
        case .derivative(let of, let wrt, _): return .derivative(of: of, wrt: wrt, range)
        case .cast(let base, let dtype, _): return .cast(base, dtype, range)
        }
    }
}
