import EdgewiseCore

extension GatewayStatus {
    /// One link the gateway keeps up: the local broker, the upstream broker, a Modbus bus.
    public struct Connection: Sendable, Hashable, Codable {
        /// `local_broker`, `upstream`, or `modbus:` + the bus (`modbus:192.168.1.50:502`,
        /// `modbus:/dev/ttyUSB0`).
        public var name: String
        /// `mqtt`, `modbus-tcp` or `modbus-rtu`.
        public var kind: String
        /// Where it goes: the broker URL without credentials, `HOST:PORT`, or the serial port.
        public var target: String
        /// See ``ConnectionState``.
        public var state: ConnectionState
        /// When it entered `state`; `nil` when not known.
        public var since: String?
        /// The last error, as the library reported it (`connection refused`, `timed out`); kept after
        /// the connection recovers, so a flapping link leaves a trace. `nil` when there was none.
        public var lastError: String?
        /// When the last error happened.
        public var lastErrorAt: String?

        public init(
            name: String, kind: String, target: String, state: ConnectionState, since: Timestamp? = nil,
            lastError: String? = nil, lastErrorAt: Timestamp? = nil
        ) {
            self.name = name
            self.kind = kind
            self.target = target
            self.state = state
            self.since = since?.rfc3339
            self.lastError = lastError
            self.lastErrorAt = lastErrorAt?.rfc3339
        }

        enum CodingKeys: String, CodingKey {
            case name, kind, target, state, since
            case lastError = "last_error"
            case lastErrorAt = "last_error_at"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(kind, forKey: .kind)
            try container.encode(target, forKey: .target)
            try container.encode(state, forKey: .state)
            try container.encode(since, forKey: .since)
            try container.encode(lastError, forKey: .lastError)
            try container.encode(lastErrorAt, forKey: .lastErrorAt)
        }
    }

    /// A connection's state, written as a plain string. Decoding accepts states this version does
    /// not know, so an older `edgewise status` reads a newer gateway.
    public struct ConnectionState: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Up: messages or requests go through.
        public static let connected = ConnectionState(rawValue: "connected")
        /// Trying to (re)connect, after a start or a loss.
        public static let connecting = ConnectionState(rawValue: "connecting")
        /// Down, waiting before the next attempt.
        public static let disconnected = ConnectionState(rawValue: "disconnected")

        public var description: String { rawValue }

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }
}
