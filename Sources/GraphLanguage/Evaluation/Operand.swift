import Autodiff

/// A value as the interpreter holds it while evaluating: a weak number (a literal, a loop counter,
/// arithmetic on those) or a weak list of such numbers, which take the dtype of the tensor they
/// meet, or a tensor on the tape.
enum Operand {
    case number(Double)
    /// A list of plain numbers (`[0.6, 1.1]`, `[[1, 2], [3, 4]]`, `-[1, i]`), elements in row-major
    /// order: weak like a number until it meets a tensor or is used alone.
    case numbers([Double], shape: [Int])
    case tensor(Tensor)
}

/// What a name of the scope is bound to.
enum Binding {
    case unbound
    /// A loop counter of `range(...)`: a weak number, like a Python int.
    case number(Double)
    case tensor(Tensor)
    /// A leaf made by `param`: it collects gradients and is updated in place.
    case param(Tensor)

    /// The tensor bound, if any.
    var tensor: Tensor? {
        switch self {
        case .tensor(let t), .param(let t): return t
        case .unbound, .number: return nil
        }
    }
}
