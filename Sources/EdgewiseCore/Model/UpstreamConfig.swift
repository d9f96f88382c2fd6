/// The `upstream:` section of `gateway.yaml`: the broker that receives this gateway's events.
public struct UpstreamConfig: Sendable {
    public var broker: BrokerConfig
    /// `topic`: a template with `{gateway}`, `{type}`, `{device}` and `{point}` placeholders.
    public var topic: TopicTemplate
    /// `events`: the event names forwarded; `nil` (the default) forwards every event.
    public var events: Set<String>?
    /// `max_rate`: at most this many events per second, e.g. on a metered link; `nil` is unlimited.
    public var maxRate: Double?
    /// `batch`: several events per message as a CloudEvents batch; `nil` (the default) sends one
    /// event per message on `topic`.
    public var batch: UpstreamBatchConfig?
    /// `cloudevents`: how events are put into MQTT messages (default `structured`).
    public var contentMode: CloudEventsContentMode

    public init(
        broker: BrokerConfig, topic: TopicTemplate, events: Set<String>? = nil, maxRate: Double? = nil, batch: UpstreamBatchConfig? = nil,
        contentMode: CloudEventsContentMode = .structured
    ) {
        self.broker = broker
        self.topic = topic
        self.events = events
        self.maxRate = maxRate
        self.batch = batch
        self.contentMode = contentMode
    }

    /// Whether events named `name` go upstream.
    public func forwards(_ name: EventName) -> Bool { events?.contains(name.name) ?? true }

    /// The topic for `event`: the template with `{gateway}`, `{type}` (the event's name), `{device}`
    /// and `{point}` filled in; an event without a device or point leaves that level as `-`.
    /// For many events, make a ``topicFormatter(gateway:)`` once instead.
    public func topic(for event: Event, gateway: String) -> String {
        topicFormatter(gateway: gateway).topic(for: event)
    }
}

/// The content modes of the CloudEvents MQTT binding.
public enum CloudEventsContentMode: String, Sendable, Hashable, CaseIterable {
    /// The whole event as one JSON object in the payload (MQTT 3.1.1 and 5; over MQTT 5 with
    /// Content Type `application/cloudevents+json`).
    case structured
    /// MQTT 5 only: `data` as the payload, `datacontenttype` as Content Type, the other attributes
    /// as user properties.
    case binary
}
