/// The names of a session's scope, each with a fixed slot: the interpreter reads and writes
/// variables by slot index, never by string.
struct NameTable {
    private(set) var slots: [String: Int] = [:]
    private(set) var names: [String] = []

    /// The slot of `name`, allocating one the first time the name is seen.
    mutating func slot(for name: String) -> Int {
        if let slot = slots[name] { return slot }
        let slot = names.count
        slots[name] = slot
        names.append(name)
        return slot
    }
}
