/// One event to forward upstream, as the durable queue stores it: the encoded message and what
/// the queue needs to order, bound and evict it.
public struct QueuedEvent: Sendable, Hashable {
    /// The event's id (the CloudEvents `id`): a redelivery after a crash carries the same one.
    public var eventID: String
    /// The event's name, e.g. `ThresholdCrossed`.
    public var type: String
    /// Its class for the `priority` overflow policy.
    public var priority: QueuePriority
    /// The upstream topic it is published on.
    public var topic: String
    /// The message body (CloudEvents JSON).
    public var payload: [UInt8]
    /// When the gateway accepted it, in milliseconds since the Unix epoch.
    public var acceptedAt: Int64

    public init(
        eventID: String, type: String, priority: QueuePriority, topic: String, payload: [UInt8], acceptedAt: Int64
    ) {
        self.eventID = eventID
        self.type = type
        self.priority = priority
        self.topic = topic
        self.payload = payload
        self.acceptedAt = acceptedAt
    }
}
