/// A message received from the broker, copied out of libmosquitto's buffers.
public struct MqttMessage: Sendable, Hashable {
    /// The topic it was published on (not the filter that matched it).
    public var topic: String
    /// The payload bytes exactly as published; may be empty and need not be UTF-8.
    public var payload: [UInt8]
    /// The QoS it was delivered with: the lower of the publisher's and the subscription's.
    public var qos: MqttQoS
    /// Whether the broker delivered it from its retained store (typically right after subscribing).
    public var retain: Bool
    /// When libmosquitto handed it to Edgewise: wall-clock milliseconds since the Unix epoch
    /// (`CLOCK_REALTIME`), taken before any wait for room in the receive queue.
    public var receivedAt: Int64

    /// A message as received; tests and other sources of messages build them too.
    public init(topic: String, payload: [UInt8], qos: MqttQoS, retain: Bool, receivedAt: Int64) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.receivedAt = receivedAt
    }
}
