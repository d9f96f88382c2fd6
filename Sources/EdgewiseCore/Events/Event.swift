/// A domain event with its identity: what is logged, queued and forwarded upstream.
///
/// `id` is a UUIDv7, unique per gateway and never reused across restarts (it embeds the time and
/// random bits); a redelivered event keeps its id, so consumers can deduplicate.
public struct Event: Sendable, Hashable {
    public var id: EventID
    public var event: DomainEvent

    public init(id: EventID, event: DomainEvent) {
        self.id = id
        self.event = event
    }

    public var name: EventName { event.name }
    public var time: Timestamp { event.time }
    public var device: String? { event.device }
    public var point: String? { event.point }
    public var data: EventData { event.data }
}
