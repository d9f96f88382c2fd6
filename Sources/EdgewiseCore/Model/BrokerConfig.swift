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

    public init(url: BrokerURL, clientID: String? = nil, username: String? = nil, passwordFile: String? = nil, keepAlive: Duration = .seconds(30)) {
        self.url = url
        self.clientID = clientID
        self.username = username
        self.passwordFile = passwordFile
        self.keepAlive = keepAlive
    }
}
