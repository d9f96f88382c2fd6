/// The `upstream:` section of `gateway.yaml`: the broker that receives this gateway's events.
public struct UpstreamConfig: Sendable {
    public var broker: BrokerConfig
    /// `topic`: a template with `{gateway}`, `{type}`, `{device}` and `{point}` placeholders.
    public var topic: TopicTemplate

    public init(broker: BrokerConfig, topic: TopicTemplate) {
        self.broker = broker
        self.topic = topic
    }
}
