/// Why ``MqttClient/publish(topic:payload:qos:retain:)`` could not confirm a message.
///
/// Only ``notConnected`` and ``clientStopped`` (thrown before anything was handed to
/// libmosquitto) guarantee that the message was not sent. After the others it may still reach
/// the broker: publish it again if it matters, and expect the occasional duplicate (QoS 1 is
/// "at least once").
public enum MqttPublishError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The client was not connected, so nothing was sent. Try again once
    /// ``MqttClient/status()`` says `connected`.
    case notConnected
    /// The connection ended before the broker acknowledged the message. libmosquitto keeps the
    /// message and resends it after reconnecting, so the broker may still get it.
    case connectionLost
    /// The broker answered with an MQTT 5 error reason code (0x80 or above), e.g. 0x87
    /// "Not authorized"; it did not accept the message.
    case rejectedByBroker(reasonCode: Int32, reason: String)
    /// libmosquitto refused the call, e.g. an invalid topic or an oversized payload.
    case library(MosquittoError)
    /// ``MqttClient/shutdown()`` was called before the message was acknowledged (or before
    /// the call).
    case clientStopped
    /// The task waiting for the acknowledgement was cancelled; the message may still be delivered.
    case cancelled

    /// What happened, in one sentence for logs.
    public var description: String {
        switch self {
        case .notConnected:
            "not connected to the MQTT broker; the message was not sent"
        case .connectionLost:
            "the MQTT connection was lost before the broker acknowledged the message"
        case .rejectedByBroker(let reasonCode, let reason):
            "the MQTT broker rejected the message: \(reason) (reason code \(reasonCode))"
        case .library(let error):
            "\(error)"
        case .clientStopped:
            "the MQTT client was shut down before the message was acknowledged"
        case .cancelled:
            "cancelled while waiting for the broker to acknowledge the message"
        }
    }
}
