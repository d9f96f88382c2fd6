/// `upstream.batch`: send several events as one MQTT message, a CloudEvents batch
/// (`application/cloudevents-batch+json`: a JSON array of the events), to save bandwidth and
/// per-message overhead on metered links.
///
/// A batch holds up to `maxEvents` events in queue order and goes out when it is full or when its
/// oldest event has waited `maxDelay`, whichever comes first; a backlog after an outage goes out
/// in full batches at once. Every event in it keeps its own `id` (and replay mark), so consumers
/// deduplicate as before; the broker's PUBACK acknowledges the whole batch.
public struct UpstreamBatchConfig: Sendable, Hashable {
    /// `max_events`: at most this many events per message (1–1000; default 100).
    public var maxEvents: Int
    /// `max_delay`: the longest an event waits for its batch to fill (default `1s`).
    public var maxDelay: Duration
    /// `topic`: where batches are published; `{gateway}` is the only placeholder, since a batch
    /// mixes event types and devices (default `edgewise/{gateway}/batch`).
    public var topic: TopicTemplate

    /// The default batch topic.
    public static let defaultTopic = TopicTemplate(unchecked: "edgewise/{gateway}/batch")
    /// The most events `max_events` allows.
    public static let maximumEvents = 1_000

    public init(maxEvents: Int = 100, maxDelay: Duration = .seconds(1), topic: TopicTemplate = Self.defaultTopic) {
        self.maxEvents = maxEvents
        self.maxDelay = maxDelay
        self.topic = topic
    }

    /// The batch topic with `{gateway}` filled in.
    public func topic(gateway: String) -> String {
        topic.text.replacingPlaceholder("{gateway}", with: gateway)
    }
}
