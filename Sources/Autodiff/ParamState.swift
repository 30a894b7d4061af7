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

    /// Sets the gradient to `count` zeros: in place when it has `count` elements (taken out of the
    /// optional while it is written, so that no element write checks or copies the array).
    mutating func zeroGradient(count: Int) {
        guard var elements = gradient.take(), elements.count == count else {
            gradient = [Double](repeating: 0, count: count)
            return
        }
        for e in elements.indices { elements[e] = 0 }
        gradient = elements
    }
}
