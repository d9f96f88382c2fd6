/// Everything an ``MqttClient`` needs to know about its broker and how to behave towards it.
///
/// A plain value: build it from the gateway configuration, then hand it to
/// ``MqttClient/init(configuration:logger:)``. The defaults suit a gateway subscribing to a
/// broker on the same machine; for the upstream publisher set `useTLS`, credentials and a
/// persistent client ID. Values out of range (a port above 65535, a keep-alive of 3 s) are
/// programming errors that the configuration layer must reject first: the client traps on them.
public struct MqttClientConfiguration: Sendable, Hashable {
    /// The broker's host name or IP address, e.g. `127.0.0.1` or `mqtt.example.com`.
    public var host: String
    /// The broker's TCP port: 1883 is usual for plain MQTT, 8883 for MQTT over TLS.
    public var port: Int
    /// The client identifier the broker knows this connection by; unique per broker (a second
    /// connection with the same ID makes the broker drop the first).
    public var clientID: String
    /// How often the client proves it is alive when idle (PINGREQ); the broker drops it after
    /// 1.5 times this without traffic. 0 turns keep-alive off; otherwise 5 s to 65535 s. Default 60 s.
    ///
    /// A consumer that leaves the receive queue full blocks the network thread, which then sends
    /// nothing: stalls longer than 1.5 × keep-alive end the connection (see ``MqttClient``).
    public var keepAlive: Duration
    /// The user name to authenticate with, or `nil` for none.
    public var username: String?
    /// The password to authenticate with (ignored without a `username`); see
    /// ``readPasswordFile(_:)`` to read it from a file rather than the configuration.
    public var password: String?
    /// Whether to speak MQTT over TLS (`mqtts`), verifying the broker's certificate and host name.
    public var useTLS: Bool
    /// A PEM file of the certificate authorities trusted to sign the broker's certificate.
    public var caFile: String?
    /// A directory of trusted CA certificates (hashed names, as `c_rehash` makes them). When TLS
    /// is on and neither this nor ``caFile`` is set, ``systemCADirectory`` is used.
    public var caDirectory: String?
    /// The client certificate (PEM) for brokers that require one; needs ``keyFile`` too.
    public var certFile: String?
    /// The client certificate's unencrypted private key (PEM); needs ``certFile`` too.
    public var keyFile: String?
    /// The MQTT protocol version; default 3.1.1.
    public var protocolVersion: MqttProtocolVersion
    /// Whether the broker should forget this client's subscriptions and queued messages when it
    /// disconnects (MQTT "clean session" / "clean start"). Default `true`: the client subscribes
    /// again on every connect anyway. With `false`, the broker keeps QoS 1 messages for a
    /// disconnected client (up to its `max_queued_messages`), which needs a stable ``clientID``.
    public var cleanSession: Bool
    /// The first delay before reconnecting after a failed attempt or a lost connection; it
    /// doubles with every further failure up to ``reconnectMaximumDelay``. Default 1 s.
    public var reconnectMinimumDelay: Duration
    /// The longest delay between reconnection attempts. Default 60 s.
    public var reconnectMaximumDelay: Duration
    /// How many QoS 1 messages may await the broker's PUBACK at once (libmosquitto's
    /// `MOSQ_OPT_SEND_MAXIMUM`); further publishes wait inside libmosquitto. 1 to 65535, default 20.
    public var maxInflightMessages: Int
    /// How many received messages may wait for the consumer (``MqttClient/nextBatch(maxCount:)``)
    /// before the network thread stops reading from the broker. Default 512, two of the gateway's
    /// batches. libmosquitto acknowledges a QoS 1 message before handing it over, so what waits
    /// here is what a crash loses; 4,096 forwarded no faster (docs/deployment.md, "Shutdown").
    public var receiveQueueCapacity: Int

    /// The directory of CA certificates Debian and Raspberry Pi OS keep up to date.
    public static let systemCADirectory = "/etc/ssl/certs"

    /// A configuration with the defaults described on each property.
    public init(
        host: String, port: Int = 1883, clientID: String,
        keepAlive: Duration = .seconds(60),
        username: String? = nil, password: String? = nil,
        useTLS: Bool = false, caFile: String? = nil, caDirectory: String? = nil,
        certFile: String? = nil, keyFile: String? = nil,
        protocolVersion: MqttProtocolVersion = .v311,
        cleanSession: Bool = true,
        reconnectMinimumDelay: Duration = .seconds(1), reconnectMaximumDelay: Duration = .seconds(60),
        maxInflightMessages: Int = 20,
        receiveQueueCapacity: Int = 512
    ) {
        self.host = host
        self.port = port
        self.clientID = clientID
        self.keepAlive = keepAlive
        self.username = username
        self.password = password
        self.useTLS = useTLS
        self.caFile = caFile
        self.caDirectory = caDirectory
        self.certFile = certFile
        self.keyFile = keyFile
        self.protocolVersion = protocolVersion
        self.cleanSession = cleanSession
        self.reconnectMinimumDelay = reconnectMinimumDelay
        self.reconnectMaximumDelay = reconnectMaximumDelay
        self.maxInflightMessages = maxInflightMessages
        self.receiveQueueCapacity = receiveQueueCapacity
    }

    /// `host:port`, as logs and messages name the broker.
    public var brokerAddress: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The keep-alive in whole seconds, as libmosquitto takes it.
    var keepAliveSeconds: Int32 {
        Int32(keepAlive.components.seconds)
    }

    /// Traps on values no configuration may hold (see the type's documentation).
    func checkPreconditions() {
        precondition(!host.isEmpty, "MQTT broker host is empty")
        precondition((1...65535).contains(port), "MQTT broker port \(port) is not a TCP port")
        let keepAlive = self.keepAlive.components.seconds
        precondition(keepAlive == 0 || (5...65535).contains(keepAlive), "MQTT keep-alive \(self.keepAlive) is not 0 or 5 s to 65535 s")
        precondition(
            reconnectMinimumDelay > .zero && reconnectMinimumDelay <= reconnectMaximumDelay,
            "MQTT reconnect delays \(reconnectMinimumDelay)...\(reconnectMaximumDelay) are not a range of positive durations")
        precondition((1...65535).contains(maxInflightMessages), "MQTT max in-flight messages \(maxInflightMessages) is not 1 to 65535")
        precondition(receiveQueueCapacity > 0, "MQTT receive queue capacity \(receiveQueueCapacity) is not positive")
        precondition((certFile == nil) == (keyFile == nil), "MQTT client certificate and key must be given together")
    }
}
