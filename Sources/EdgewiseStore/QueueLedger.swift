/// What the queue holds, per priority class, and the next sequence: kept in memory for the size
/// check before each insert, and in the `queue_state` row in the same transaction as every change,
/// so opening a file needs no scan.
struct QueueLedger: Sendable, Hashable {
    var nextSequence: Int64 = 1
    /// Events per class, indexed by `QueuePriority.rawValue`.
    var depth: [Int64] = [0, 0, 0]
    /// Accounted bytes per class.
    var bytes: [Int64] = [0, 0, 0]

    var totalDepth: Int64 { depth.reduce(0, +) }
    var totalBytes: Int64 { bytes.reduce(0, +) }

    /// Bytes held by events of `priority` and every lower class: what the `priority` policy may
    /// evict for an event of that class.
    func bytes(atOrBelow priority: QueuePriority) -> Int64 {
        bytes[...priority.rawValue].reduce(0, +)
    }

    mutating func add(_ priority: QueuePriority, size: Int64) {
        depth[priority.rawValue] += 1
        bytes[priority.rawValue] += size
    }

    mutating func remove(_ priority: QueuePriority, size: Int64) {
        depth[priority.rawValue] -= 1
        bytes[priority.rawValue] -= size
    }
}
