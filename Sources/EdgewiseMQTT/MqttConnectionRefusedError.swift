import CMosquitto

/// The broker answered the CONNECT with a refusal (a non-zero CONNACK code), e.g. because the
/// credentials are wrong. The client keeps retrying; this is what its
/// ``MqttClientStatus/lastError`` then says.
public struct MqttConnectionRefusedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The CONNACK return code (MQTT 3.1.1: 1 to 5) or reason code (MQTT 5: 0x80 and above).
    public var code: Int32
    /// The protocol version the code belongs to.
    public var protocolVersion: MqttProtocolVersion
    /// libmosquitto's text for the code, e.g. "Connection Refused: not authorised." (3.1.1) or
    /// "Not authorized" (5).
    public var reason: String

    /// A refusal with `code` under `protocolVersion`, explained by libmosquitto.
    public init(code: Int32, protocolVersion: MqttProtocolVersion) {
        self.code = code
        self.protocolVersion = protocolVersion
        switch protocolVersion {
        case .v311: reason = String(cString: mosquitto_connack_string(code))
        case .v5: reason = String(cString: mosquitto_reason_string(code))
        }
    }

    /// `the MQTT broker refused the connection: Connection Refused: not authorised. (CONNACK code 5)`.
    public var description: String {
        "the MQTT broker refused the connection: \(reason) (CONNACK code \(code))"
    }
}
