/// What ``DurableQueue/acknowledge(_:)`` removed.
public struct AcknowledgeReceipt: Sendable, Hashable {
    /// Events removed. Sequences that were not (or no longer) in the queue — evicted meanwhile, or
    /// acknowledged twice — are skipped without error.
    public var removed: Int
    /// The overflow episode that ended because these removals gave the queue room again, if one
    /// did: report it once (for example in a `BufferOverflow` event's closing counts).
    public var overflowEnded: OverflowEpisode?

    public init(removed: Int, overflowEnded: OverflowEpisode? = nil) {
        self.removed = removed
        self.overflowEnded = overflowEnded
    }
}
