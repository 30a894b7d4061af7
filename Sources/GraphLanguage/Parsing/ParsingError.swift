/// What can go wrong while parsing a graph block's tokens; each message says what to write instead.
enum ParsingError: Sendable, Hashable {
    case unexpectedIndentation
    case unexpectedToken(found: String, hint: String?)
    /// `shwo x`: a name close to a statement keyword.
    case misspelledKeyword(found: String, keyword: String)
    /// `print`, `if`, `assert`, ...: words from Python that the language spells differently or lacks.
    case foreignStatement(word: String, advice: String)
    /// `within TOL` on a line of its own.
    case detachedWithin
    /// A statement starting with a name that no `=` follows.
    case expectedAssignment(name: String)
    /// A statement starting with something other than a name.
    case expectedStatement(found: String)
    case continuationOutsideCheck
    /// `x[0] = 1`, `w.grad = 0`.
    case assignmentToNonName(target: String, advice: String)
    /// `x - = 1`.
    case spacedUpdateOperator(String)
    case comparisonWithoutCheck(name: String, symbol: String)
    /// A statement that needs a value, a name or an optimizer it does not have.
    case missing(subject: String, noun: String, example: String, found: String?)
    case expectedExpression(after: String, found: String)
    case unclosed(opening: String, closing: String, openedAt: SourcePosition, allowsComma: Bool)
    case tooDeeplyNested
    case loopsTooDeeplyNested
    case halfDerivative(String)
    case derivativeNeedsOneExpression
    case gradNeedsTwoArguments
    case partialNeedsDenominator(String)
    case expectedMember(found: String)
    case unknownMember(String, suggestion: String?)
    case expectedDType(found: String)
    case duplicateArgument(String)
    case emptyIndex
    case sliceNotSupported
    case paramNeedsEqual(name: String, found: String)
    case forNeedsIn(found: String)
    case forNeedsColon(found: String)
    case forBodyOnSameLine
    case forNeedsBody
    case checkNeedsComparison
    case checkMixesComparisons
    case checkChainsComparisons
    case stepNeedsArguments(optimizer: String)
    case backwardTakesAtMostAGradient
    case gradcheckNeedsWrt(found: String)

    var message: String {
        switch self {
        case .unexpectedIndentation:
            return "unexpected indentation: only the body of a 'for' loop is indented"
        case .unexpectedToken(let found, let hint):
            return "unexpected \(found)" + (hint.map { "; \($0)" } ?? "")
        case .misspelledKeyword(let found, let keyword):
            return "unknown statement '\(found)'; did you mean '\(keyword)'?"
        case .foreignStatement(let word, let advice):
            return "'\(word)' is not part of the graph language: \(advice)"
        case .detachedWithin:
            return "'within' belongs on the line of its check: check a = b within 1e-6"
        case .expectedAssignment(let name):
            return "expected '=' after '\(name)': write \(name) = ... to assign a value, or show \(name) to display it"
        case .expectedStatement(let found):
            return "a statement starts with a name or a keyword (\(Self.keywordList)); found \(found)"
        case .continuationOutsideCheck:
            return
                "only a 'check' chain continues on a line starting with '='; start a new statement, or write check a = b"
        case .assignmentToNonName(let target, let advice):
            return "can't assign to \(target): \(advice)"
        case .spacedUpdateOperator(let symbol):
            return "unexpected '=': did you mean '\(symbol)='? (no space between '\(symbol)' and '=')"
        case .comparisonWithoutCheck(let name, let symbol):
            return "a comparison is not a statement: write check \(name) \(symbol) ..."
        case .missing(let subject, let noun, let example, let found):
            return "\(subject) needs \(noun)" + (found.map { ", found \($0)" } ?? "") + ": \(example)"
        case .expectedExpression(let after, let found):
            return "expected an expression after \(after), found \(found)"
        case .unclosed(let opening, let closing, _, let allowsComma):
            return "expected \(allowsComma ? "',' or " : "")'\(closing)' to close '\(opening)'"
        case .tooDeeplyNested:
            return
                "the expression nests deeper than \(Parser.maximumNesting) levels (brackets, operators, calls); split it into named steps"
        case .loopsTooDeeplyNested:
            return "loops nest deeper than \(Parser.maximumNesting) levels"
        case .halfDerivative(let text):
            return "'\(text)' starts a derivative: write \(text)/d(w)"
        case .derivativeNeedsOneExpression:
            return "d(...) takes one expression: d(loss)/d(w)"
        case .gradNeedsTwoArguments:
            return "grad takes two arguments, the value and what to differentiate by: grad(loss, w)"
        case .partialNeedsDenominator(let text):
            return
                "expected '/∂' after '∂\(text)': write ∂\(text)/∂w (put a longer numerator in parentheses: ∂(x^2)/∂x)"
        case .expectedMember(let found):
            return "expected grad, T or shape after '.', found \(found)"
        case .unknownMember(let name, let suggestion):
            if let suggestion {
                return "unknown member '.\(name)'; did you mean '.\(suggestion)'? (a value has .grad, .T and .shape)"
            }
            return "unknown member '.\(name)': a value has .grad, .T and .shape"
        case .expectedDType(let found):
            return "expected f32 or f64 after 'as', found \(found)"
        case .duplicateArgument(let label):
            return "argument '\(label)' is given twice"
        case .emptyIndex:
            return "expected an index inside '[]': x[0] or x[i, j]"
        case .sliceNotSupported:
            return "slices are not supported; index single elements: x[0] or x[i, j]"
        case .paramNeedsEqual(let name, let found):
            return "expected '=' after 'param \(name)', found \(found): param \(name) = 1"
        case .forNeedsIn(let found):
            return "expected 'in' after the loop variables, found \(found): for i in range(10):"
        case .forNeedsColon(let found):
            return "expected ':' at the end of the 'for' line, found \(found): for i in range(10):"
        case .forBodyOnSameLine:
            return "the loop body goes on the following lines, indented under 'for'"
        case .forNeedsBody:
            return "expected an indented body after the 'for' line"
        case .checkNeedsComparison:
            return "a check needs a comparison: check x = 1, or check x < 1"
        case .checkMixesComparisons:
            return "a check is either a chain of '=' or one comparison (<, <=, >, >=), not both"
        case .checkChainsComparisons:
            return "a check makes one comparison, as in check a < b; only '=' links chain"
        case .stepNeedsArguments(let optimizer):
            return "expected '(' after '\(optimizer)': step \(optimizer)(lr=0.01)"
        case .backwardTakesAtMostAGradient:
            return "backward takes a value and at most one gradient: backward y, ones(2, 2)"
        case .gradcheckNeedsWrt(let found):
            return "expected 'wrt' after gradcheck's expression, found \(found): gradcheck loss wrt w, b"
        }
    }

    /// The statement keywords, in the order SPEC §2.2 lists them.
    static let statementKeywords = [
        "param", "backward", "zero_grad", "step", "for", "show", "log", "plot", "check", "trace", "diagram",
        "gradcheck",
    ]

    static var keywordList: String { statementKeywords.joined(separator: ", ") }
}
