/// One node of a value's graph as `trace` and `diagram` show it.
public struct GraphNode: Sendable, Hashable {
    /// The node's handle (to match it with the names the language bound).
    public var tensor: Tensor
    /// The operation that made the node.
    public var kind: OpKind
    /// The operation's inputs, in order (none for a leaf).
    public var inputs: [Tensor]
    /// The node's value.
    public var value: TensorValue
    /// The exponent of `powScalar`, the floor of `clampMin`; `nil` for other kinds.
    public var attribute: Double?
    /// The reduced or softmax dimension; `nil` when the operation has none (or reduces everything).
    public var dim: Int?
    /// The indices of an `index` node.
    public var indices: [Int]
    /// The param's name, for a param.
    public var paramName: String?
    /// `∂node/∂input` for each input, element-wise (in the broadcast shape), for element-wise
    /// operations and losses of scalars; `nil` where the operation is not element-wise.
    public var localGradients: [TensorValue?]
    /// d(root)/d(node): the gradient of `sum(root)` with respect to this node.
    public var gradient: TensorValue

    /// A node as `Tape.graph(of:)` describes it.
    public init(
        tensor: Tensor, kind: OpKind, inputs: [Tensor], value: TensorValue, attribute: Double?, dim: Int?,
        indices: [Int], paramName: String?, localGradients: [TensorValue?], gradient: TensorValue
    ) {
        self.tensor = tensor
        self.kind = kind
        self.inputs = inputs
        self.value = value
        self.attribute = attribute
        self.dim = dim
        self.indices = indices
        self.paramName = paramName
        self.localGradients = localGradients
        self.gradient = gradient
    }
}
