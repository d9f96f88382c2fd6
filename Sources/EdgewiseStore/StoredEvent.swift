/// An event read back from the durable queue, with its place in the order of acceptance.
public struct StoredEvent: Sendable, Hashable {
    /// The event's position in the order of acceptance: strictly increasing, never reused, also
    /// across restarts and after the queue has been drained. Acknowledge with it.
    public var sequence: Int64
    public var event: QueuedEvent
    /// Whether an earlier run of the gateway accepted the event (it was in the file when the queue
    /// was opened): it comes from the backlog and may have been sent before the restart, so
    /// upstream may see it twice (with the same id). Events queued during an outage in this run
    /// are backlog too; the forwarder knows those by their sequence (see
    /// ``QueueStatistics/nextSequence``).
    public var isReplay: Bool

    public init(sequence: Int64, event: QueuedEvent, isReplay: Bool) {
        self.sequence = sequence
        self.event = event
        self.isReplay = isReplay
    }
}
