/// Finds the closest known name to a misspelt one, for "did you mean" hints.
public enum Suggestion {
    /// The candidate nearest to `name` by edit distance, if it is close enough to be a
    /// plausible typo (at most a third of the name's length, and at least one edit).
    ///
    /// - Complexity: O(*n* × *m* × *k*) for *k* candidates of length *m*.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            // Ties go to the name that sorts first, so hints do not depend on the order of
            // a dictionary's keys, which changes between runs.
            let better = distance < (best?.distance ?? .max)
                || (distance == best?.distance && candidate < (best?.name ?? ""))
            if distance <= max(1, (target.count + 2) / 3), better {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// `did you mean 'X'?`, or nil when nothing is close.
    public static func hint(for name: String, among candidates: some Sequence<String>) -> String? {
        closest(to: name, among: candidates).map { "did you mean '\($0)'?" }
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
