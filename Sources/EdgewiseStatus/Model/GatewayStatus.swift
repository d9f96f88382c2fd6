import EdgewiseCore

/// What `GET /status` answers: the whole gateway at one moment, for people (`edgewise status`,
/// the dashboard) and scripts.
///
/// Every field is a plain value — strings, integers, doubles, booleans, and times as RFC 3339 /
/// ISO 8601 UTC strings with milliseconds (`2026-11-23T19:05:00.123Z`) — so the JSON schema stays
/// stable; docs/status.md describes each field. Keys are `snake_case`; an optional field without a
/// value is written as `null`, never left out. Lists are in the order the source gives them (the
/// gateway keeps configuration order).
///
/// Not for: metrics over time (use `GET /metrics`) or events (use the upstream channel).
public struct GatewayStatus: Sendable, Hashable, Codable {
    /// The version of Edgewise (`EdgewiseVersion.current`).
    public var version: String
    /// `gateway.id`.
    public var gatewayID: String
    /// When the process started.
    public var startedAt: String
    /// Seconds since the process started, with milliseconds.
    public var uptimeSeconds: Double
    /// When this snapshot was taken.
    public var generatedAt: String
    /// The configuration running now and the last reload.
    public var config: Config
    /// The local broker, the upstream broker and each Modbus bus.
    public var connections: [Connection]
    /// Every configured device (for device templates such as `{device}`, each one seen so far).
    public var devices: [Device]
    /// Every point with a value so far.
    public var points: [Point]
    /// Every rule.
    public var rules: [Rule]
    /// The durable buffer in front of the upstream broker; `nil` when no upstream is configured.
    public var buffer: Buffer?

    public init(
        version: String = EdgewiseVersion.current, gatewayID: String, startedAt: Timestamp, generatedAt: Timestamp,
        config: Config, connections: [Connection] = [], devices: [Device] = [], points: [Point] = [], rules: [Rule] = [],
        buffer: Buffer? = nil
    ) {
        self.version = version
        self.gatewayID = gatewayID
        self.startedAt = startedAt.rfc3339
        self.uptimeSeconds = Double(generatedAt.epochMilliseconds - startedAt.epochMilliseconds) / 1_000
        self.generatedAt = generatedAt.rfc3339
        self.config = config
        self.connections = connections
        self.devices = devices
        self.points = points
        self.rules = rules
        self.buffer = buffer
    }

    enum CodingKeys: String, CodingKey {
        case version
        case gatewayID = "gateway_id"
        case startedAt = "started_at"
        case uptimeSeconds = "uptime_seconds"
        case generatedAt = "generated_at"
        case config, connections, devices, points, rules, buffer
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(gatewayID, forKey: .gatewayID)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(uptimeSeconds, forKey: .uptimeSeconds)
        try container.encode(generatedAt, forKey: .generatedAt)
        try container.encode(config, forKey: .config)
        try container.encode(connections, forKey: .connections)
        try container.encode(devices, forKey: .devices)
        try container.encode(points, forKey: .points)
        try container.encode(rules, forKey: .rules)
        try container.encode(buffer, forKey: .buffer)
    }
}
