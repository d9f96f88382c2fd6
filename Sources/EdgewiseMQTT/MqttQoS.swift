/// An MQTT quality-of-service level, for subscribing and publishing.
public enum MqttQoS: Int32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// QoS 0: sent once, never acknowledged; lost if the connection drops.
    case atMostOnce = 0
    /// QoS 1: acknowledged by the receiver (PUBACK), resent until then; may arrive twice.
    case atLeastOnce = 1
    /// QoS 2: a four-packet handshake delivers it exactly once. Costly; Edgewise does not need it.
    case exactlyOnce = 2

    /// `QoS 0`, `QoS 1` or `QoS 2`.
    public var description: String { "QoS \(rawValue)" }
}
