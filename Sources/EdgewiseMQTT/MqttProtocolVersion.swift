import CMosquitto

/// The MQTT protocol version a client speaks to the broker.
public enum MqttProtocolVersion: Sendable, Hashable, CustomStringConvertible {
    /// MQTT 3.1.1, understood by every broker; the default.
    case v311
    /// MQTT 5: reason codes on every acknowledgement (e.g. "Not authorized" in CONNACK and PUBACK).
    case v5

    /// The value for libmosquitto's `MOSQ_OPT_PROTOCOL_VERSION`.
    var mosquittoValue: Int32 {
        switch self {
        case .v311: MQTT_PROTOCOL_V311
        case .v5: MQTT_PROTOCOL_V5
        }
    }

    /// `MQTT 3.1.1` or `MQTT 5`.
    public var description: String {
        switch self {
        case .v311: "MQTT 3.1.1"
        case .v5: "MQTT 5"
        }
    }
}
