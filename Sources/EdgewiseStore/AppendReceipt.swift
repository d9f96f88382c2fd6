/// What ``DurableQueue/append(_:)`` did with a batch of events.
public struct AppendReceipt: Sendable, Hashable {
    /// The sequence given to each event, in the order passed in; `nil` for an event the queue
    /// refused (it was not stored and will not be sent).
    public var sequences: [Int64?]
    /// Stored events removed to make room for these (possibly some of these very events, when the
    /// batch alone is larger than the limit under `drop_oldest`).
    public var evicted: Int
    /// Events of this batch that were not stored.
    public var refused: Int
    /// The overflow episode this append started, if it started one: report it (for example as a
    /// `BufferOverflow` event). Each episode is reported as started exactly once.
    public var overflowStarted: OverflowEpisode?
    /// An overflow episode that ended with this call (the queue had room again), if one did.
    public var overflowEnded: OverflowEpisode?

    public init(
        sequences: [Int64?], evicted: Int = 0, refused: Int = 0, overflowStarted: OverflowEpisode? = nil,
        overflowEnded: OverflowEpisode? = nil
    ) {
        self.sequences = sequences
        self.evicted = evicted
        self.refused = refused
        self.overflowStarted = overflowStarted
        self.overflowEnded = overflowEnded
    }

    /// How many events of the batch were stored.
    public var storedCount: Int { sequences.count - refused }
}
