/// Finds the closest known word to a misspelt one, for "did you mean …?" hints.
///
/// Used wherever the user names something from a fixed set: config keys, units, device and point
/// names in rules. Matching is case-insensitive and allows about one edit per three characters.
public enum SpellingSuggestion {
    /// The candidate nearest to `word`, or `nil` when none is close enough to be a likely typo.
    public static func closest<Candidates: Sequence<String>>(to word: String, among candidates: Candidates) -> String? {
        let needle = Array(word.lowercased().unicodeScalars)
        let allowed = max(1, (needle.count + 1) / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(needle, Array(candidate.lowercased().unicodeScalars))
            guard distance <= allowed, distance < needle.count else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.candidate) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
