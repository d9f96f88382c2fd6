/// The contents of `gateway.yaml`: who this gateway is and how it talks to the world.
public struct GatewayConfig: Sendable {
    /// `gateway.id`: names this gateway in event sources (`edgewise://ID/...`) and upstream topics.
    public var id: String
    /// `gateway.timezone`: the IANA time zone for time-of-day rule conditions; `nil` means the system's.
    public var timeZone: String?
    /// `gateway.state_dir`: where the gateway keeps what must survive a restart (threshold and
    /// device states, rule timers); default `/var/lib/edgewise`, systemd's StateDirectory.
    public var stateDirectory: String
    /// `local_broker`: the MQTT broker the sensors publish to.
    public var localBroker: BrokerConfig
    /// `upstream`: where events are forwarded; `nil` when the gateway works on its own.
    public var upstream: UpstreamConfig?
    /// `buffer`: the durable store-and-forward queue.
    public var buffer: BufferConfig
    /// `status`: the local HTTP status endpoint.
    public var status: StatusConfig
    /// `logging`: how much the daemon logs.
    public var logging: LoggingConfig

    public init(
        id: String, timeZone: String? = nil, stateDirectory: String = "/var/lib/edgewise", localBroker: BrokerConfig, upstream: UpstreamConfig? = nil,
        buffer: BufferConfig = BufferConfig(), status: StatusConfig = StatusConfig(), logging: LoggingConfig = LoggingConfig()
    ) {
        self.id = id
        self.timeZone = timeZone
        self.stateDirectory = stateDirectory
        self.localBroker = localBroker
        self.upstream = upstream
        self.buffer = buffer
        self.status = status
        self.logging = logging
    }
}
