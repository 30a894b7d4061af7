/// What the tape keeps for a param beyond its node: its name, gradient and version.
struct ParamState {
    var name: String
    /// The param's node.
    var slot: Int32
    /// `nil` until a `backward` reaches the param.
    var gradient: [Double]?
    /// The tape's `updateEpoch` after the param's last in-place update.
    var lastUpdate: UInt32 = 0
    /// How many times the param was updated in place.
    var version: Int = 0
}
