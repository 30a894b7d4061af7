/// "Did you mean ...?" suggestions for misspelled names, by edit distance.
enum Suggestion {
    /// The candidate closest to `name`, if it is close enough to be a plausible typo: at most
    /// 1 edit for names of 2 or 3 characters, 2 up to 6, 3 beyond (and none for a one-letter
    /// name, which is one edit away from every other one-letter name).
    static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name)
        let allowed = target.count <= 1 ? 0 : target.count <= 3 ? 1 : target.count <= 6 ? 2 : 3
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(target, Array(candidate))
            guard distance <= allowed else { continue }
            if let current = best,
                current.distance < distance || (current.distance == distance && current.name <= candidate)
            {
                continue
            }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// Levenshtein distance, with a swap of two neighbours counting as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
