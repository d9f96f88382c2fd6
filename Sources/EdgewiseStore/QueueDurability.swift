import EdgewiseCore

/// When appended events reach stable storage. The queue always uses SQLite's write-ahead log, and
/// an append returns only after its transaction has committed, so a killed process (`kill -9`, a
/// crash) never loses an event whose append returned. The modes differ in power cuts.
///
/// Both modes group commit: appends that arrive while the writer is busy share the next
/// transaction (and its sync).
public enum QueueDurability: Sendable, Hashable {
    /// Commit at once, sync the log to disk at most `maxDelay` after the first unsynced commit
    /// (`durability: batch`, `commit_interval`). A power cut loses at most the last `maxDelay` of
    /// accepted events. Many commits share one sync: the choice for SD cards and high rates.
    case batch(maxDelay: Duration)
    /// Sync the log before an append returns (`durability: full`): nothing accepted is lost even
    /// in a power cut, at the cost of one sync (a few ms on flash) per group commit.
    case full

    /// The mode `buffer.durability` and `buffer.commit_interval` describe.
    public init(_ buffer: BufferConfig) {
        switch buffer.durability {
        case .batch: self = .batch(maxDelay: buffer.commitInterval)
        case .full: self = .full
        }
    }
}

extension QueueDurability: CustomStringConvertible {
    /// `batch (sync within 50ms)` or `full`, for logs.
    public var description: String {
        switch self {
        case .batch(let maxDelay): "batch (sync within \(DurationSyntax.format(maxDelay)))"
        case .full: "full"
        }
    }
}
