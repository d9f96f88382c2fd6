/// A snapshot of the durable queue: what it holds, what it has done since it was opened, and how
/// it used the disk. For the status endpoint and metrics.
///
/// Counters (`appended`, `acknowledged`, `evicted`, …) start at zero when the queue opens; the
/// contents (`depth`, `bytes`, `nextSequence`) are those of the file.
public struct QueueStatistics: Sendable, Hashable {
    /// Events stored, not yet acknowledged.
    public var depth: Int = 0
    /// Their size as the queue accounts it against `buffer.max_size`: each event's id, type, topic
    /// and payload plus a fixed per-row overhead for SQLite's records and the eviction index
    /// (payloads that spill into overflow pages count whole pages). Within a few percent of the
    /// space the rows take in the file.
    public var bytes: Int64 = 0
    /// The limit (`buffer.max_size`).
    public var maxBytes: Int64 = 0
    /// The size of the database file and its write-ahead log now, as `stat` reports them. It can
    /// lag `bytes` after a drain: free pages are returned to the file system in steps.
    public var fileBytes: Int64 = 0
    /// When the oldest stored event was accepted (milliseconds since the Unix epoch); `nil` when empty.
    public var oldestAcceptedAt: Int64?
    /// The sequence the next stored event will get; events with sequences from a mark taken here
    /// onwards were accepted after that moment.
    public var nextSequence: Int64 = 1
    /// Events stored since the queue was opened.
    public var appended: Int = 0
    /// Events removed by acknowledgement.
    public var acknowledged: Int = 0
    /// Events removed to make room, by class.
    public var evicted = QueuePriorityCounts()
    /// Incoming events not stored.
    public var refused: Int = 0
    /// The overflow episode going on now, if any.
    public var overflow: OverflowEpisode?
    /// The last overflow episode that has ended, if any.
    public var lastOverflow: OverflowEpisode?
    /// Overflow episodes since the queue was opened (including one going on).
    public var overflowEpisodes: Int = 0
    /// Transactions that failed with `SQLITE_FULL` (a full disk, or the file's page limit) and
    /// were retried as if the queue were full.
    public var diskFullCount: Int = 0
    /// Transactions committed; with group commit, several appends and acknowledgements share one.
    public var transactions: Int = 0
    /// Syncs of the write-ahead log to disk (`fdatasync`) made to keep the durability promise.
    public var syncs: Int = 0

    public init() {}
}
