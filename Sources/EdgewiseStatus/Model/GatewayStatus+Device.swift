import EdgewiseCore

extension GatewayStatus {
    /// One device: whether it is heard from, and how much.
    public struct Device: Sendable, Hashable, Codable {
        /// The device's name (`device:` in its file, or the name a `{device}` topic gave it).
        public var id: String
        /// `mqtt`, `modbus-tcp` or `modbus-rtu`.
        public var `protocol`: String
        /// See ``DeviceState``.
        public var state: DeviceState
        /// When it entered `state`; `nil` while `unknown`.
        public var since: String?
        /// When a message or poll answer from it last arrived; `nil` when never since start.
        public var lastSeen: String?
        /// MQTT messages routed to it since start (0 for Modbus devices).
        public var messages: Int
        /// Modbus polls it answered since start (0 for MQTT devices).
        public var polls: Int
        /// Modbus requests that failed since start: exception answers, timeouts, lost connections
        /// (0 for MQTT devices).
        public var errors: Int
        /// Its values rejected since start (`ReadingRejected` events), all reasons together.
        public var rejections: Int

        public init(
            id: String, protocol: String, state: DeviceState, since: Timestamp? = nil, lastSeen: Timestamp? = nil,
            messages: Int = 0, polls: Int = 0, errors: Int = 0, rejections: Int = 0
        ) {
            self.id = id
            self.protocol = `protocol`
            self.state = state
            self.since = since?.rfc3339
            self.lastSeen = lastSeen?.rfc3339
            self.messages = messages
            self.polls = polls
            self.errors = errors
            self.rejections = rejections
        }

        enum CodingKeys: String, CodingKey {
            case id, `protocol`, state, since
            case lastSeen = "last_seen"
            case messages, polls, errors, rejections
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(`protocol`, forKey: .protocol)
            try container.encode(state, forKey: .state)
            try container.encode(since, forKey: .since)
            try container.encode(lastSeen, forKey: .lastSeen)
            try container.encode(messages, forKey: .messages)
            try container.encode(polls, forKey: .polls)
            try container.encode(errors, forKey: .errors)
            try container.encode(rejections, forKey: .rejections)
        }
    }

    /// A device's liveness, as the `DeviceOnline` / `DeviceOffline` events tell it, written as a
    /// plain string; decoding accepts states this version does not know.
    public struct DeviceState: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Heard from within its `stale_after` (MQTT) or answering polls (Modbus).
        public static let online = DeviceState(rawValue: "online")
        /// Silent beyond `stale_after`, or not answering polls.
        public static let offline = DeviceState(rawValue: "offline")
        /// Not heard from since start, and not yet declared offline.
        public static let unknown = DeviceState(rawValue: "unknown")

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
