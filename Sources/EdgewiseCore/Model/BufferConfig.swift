/// The `buffer:` section of `gateway.yaml`: the on-disk queue that holds events while upstream is away.
public struct BufferConfig: Sendable, Hashable {
    /// What to do when the buffer is full (`overflow`).
    public enum Overflow: String, Sendable, Hashable, CaseIterable {
        /// Evict the oldest telemetry (`ReadingReported`) first, alarms and rule events last.
        case priority
        /// Evict the oldest events, whatever they are.
        case dropOldest = "drop_oldest"
        /// Keep what is stored; refuse new events.
        case dropNewest = "drop_newest"
    }

    /// When accepted events reach the disk (`durability`).
    public enum Durability: String, Sendable, Hashable, CaseIterable {
        /// Synced at least every `commit_interval`: a power cut loses at most that much.
        case batch
        /// Synced before an event counts as accepted.
        case full
    }

    /// `path`: the SQLite file (default `/var/lib/edgewise/buffer.db`, in systemd's StateDirectory).
    public var path: String
    /// `max_size`: the most disk the queue may use (default 256MB).
    public var maxSize: ByteSize
    /// `overflow`: the policy when full (default `priority`).
    public var overflow: Overflow
    /// `durability`: `batch` (default) or `full`.
    public var durability: Durability
    /// `commit_interval`: with `batch`, the longest an accepted event waits to be synced (default 50ms).
    public var commitInterval: Duration

    public init(
        path: String = "/var/lib/edgewise/buffer.db", maxSize: ByteSize = ByteSize(bytes: 256_000_000),
        overflow: Overflow = .priority, durability: Durability = .batch, commitInterval: Duration = .milliseconds(50)
    ) {
        self.path = path
        self.maxSize = maxSize
        self.overflow = overflow
        self.durability = durability
        self.commitInterval = commitInterval
    }
}
