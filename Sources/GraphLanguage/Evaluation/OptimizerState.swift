import Autodiff

/// The optimizer of one `step` statement; its state (momentum buffers, Adam's moments) lives as
/// long as the block runs, so a loop's steps continue one another as in PyTorch.
struct OptimizerState {
    enum Optimizer {
        case sgd(SGD)
        case adam(Adam)
    }

    var optimizer: Optimizer
    /// The params this statement has stepped.
    var stepped: Set<Tensor> = []
    /// Whether the optimizer keeps a state per param (SGD's momentum buffers, Adam's moments), so
    /// that a param it stepped cannot be reused for a new declaration.
    var keepsParamState = false
    /// Whether this statement already warned that it found nothing to step.
    var warned = false
}
