/// How to reach an MQTT broker: the `local_broker:` section, and the connection part of `upstream:`.
public struct BrokerConfig: Sendable {
    /// `url`: `mqtt://host[:port]` (default port 1883) or `mqtts://host[:port]` (TLS, default 8883).
    public var url: BrokerURL
    /// `client_id`: defaults to `edgewise-GATEWAY_ID` (local) or `edgewise-GATEWAY_ID-upstream`.
    public var clientID: String?
    /// `username`, sent with the password read from `password_file`.
    public var username: String?
    /// `password_file`: a file holding the password, so it stays out of the config.
    public var passwordFile: String?
    /// `keepalive`: how often the broker expects to hear from us (default 30s).
    public var keepAlive: Duration
    /// `protocol_version`: `3.1.1` (default) or `5`.
    public var protocolVersion: MQTTProtocolVersion
    /// `ca_file`: the CA certificate(s) that sign the broker's certificate (mqtts only; default:
    /// the system's CA store).
    public var caFile: String?
    /// `cert_file` and `key_file`: a client certificate, for brokers that require one.
    public var certFile: String?
    public var keyFile: String?

    public init(
        url: BrokerURL, clientID: String? = nil, username: String? = nil, passwordFile: String? = nil, keepAlive: Duration = .seconds(30),
        protocolVersion: MQTTProtocolVersion = .v311, caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil
    ) {
        self.url = url
        self.clientID = clientID
        self.username = username
        self.passwordFile = passwordFile
        self.keepAlive = keepAlive
        self.protocolVersion = protocolVersion
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
    }
}

/// The MQTT protocol version spoken to a broker.
public enum MQTTProtocolVersion: String, Sendable, Hashable, CaseIterable {
    case v311 = "3.1.1"
    case v5 = "5"
}
