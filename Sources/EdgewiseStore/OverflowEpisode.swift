/// A stretch of time in which the durable queue was full and evicted or refused events: the
/// content of one `BufferOverflow` event.
///
/// An episode starts with the first event evicted or refused and ends once the queue has room
/// again (it has fallen to 90% of its limit), so a queue that stays full during a long outage
/// makes one episode, not one per eviction. Episodes are numbered from 1 each time the queue opens.
public struct OverflowEpisode: Sendable, Hashable {
    /// 1 for the first episode since the queue was opened, then 2, …
    public var number: Int
    /// When the first event was evicted or refused, in milliseconds since the Unix epoch.
    public var startedAt: Int64
    /// When the queue had room again; `nil` while the episode lasts.
    public var endedAt: Int64?
    /// Stored events removed to make room, by class.
    public var evicted: QueuePriorityCounts
    /// Incoming events not stored (`drop_newest`, an event lower than everything stored under
    /// `priority`, an event larger than the whole limit, or a full disk).
    public var refused: Int
    /// Whether a full disk (`SQLITE_FULL`) caused some of it.
    public var diskFull: Bool

    public init(
        number: Int, startedAt: Int64, endedAt: Int64? = nil, evicted: QueuePriorityCounts = .init(), refused: Int = 0,
        diskFull: Bool = false
    ) {
        self.number = number
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.evicted = evicted
        self.refused = refused
        self.diskFull = diskFull
    }

    /// Whether the episode is still going on.
    public var isActive: Bool { endedAt == nil }

    /// Events lost in the episode: evicted plus refused.
    public var dropped: Int { evicted.total + refused }
}
