import EdgewiseCore

/// A message from the local broker, as the pipeline needs it (independent of the MQTT library).
public struct InboundMessage: Sendable {
    public var topic: String
    public var payload: [UInt8]
    public var receivedAt: Timestamp

    public init(topic: String, payload: [UInt8], receivedAt: Timestamp) {
        self.topic = topic
        self.payload = payload
        self.receivedAt = receivedAt
    }
}
