extension GatewayStatus {
    /// The durable buffer (`buffer:` in gateway.yaml) that holds events until the upstream broker
    /// acknowledges them.
    public struct Buffer: Sendable, Hashable, Codable {
        /// Events stored, not yet acknowledged upstream.
        public var depth: Int
        /// Their size as counted against `buffer.max_size`, in bytes.
        public var bytes: Int
        /// `buffer.max_size`, in bytes.
        public var maxBytes: Int
        /// Seconds since the oldest stored event was accepted; `nil` when the buffer is empty.
        public var oldestEventAgeSeconds: Double?
        /// Events removed unsent to make room since start, by class.
        public var evicted: Evicted
        /// New events not stored because the buffer was full (per `buffer.overflow`), since start.
        public var refused: Int
        /// Events acknowledged upstream per second, averaged over the last minute.
        public var drainRate: Double

        public init(
            depth: Int, bytes: Int, maxBytes: Int, oldestEventAgeSeconds: Double?, evicted: Evicted = Evicted(), refused: Int = 0,
            drainRate: Double
        ) {
            self.depth = depth
            self.bytes = bytes
            self.maxBytes = maxBytes
            self.oldestEventAgeSeconds = oldestEventAgeSeconds
            self.evicted = evicted
            self.refused = refused
            self.drainRate = drainRate
        }

        enum CodingKeys: String, CodingKey {
            case depth, bytes
            case maxBytes = "max_bytes"
            case oldestEventAgeSeconds = "oldest_event_age_seconds"
            case evicted, refused
            case drainRate = "drain_rate"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(depth, forKey: .depth)
            try container.encode(bytes, forKey: .bytes)
            try container.encode(maxBytes, forKey: .maxBytes)
            try container.encode(oldestEventAgeSeconds, forKey: .oldestEventAgeSeconds)
            try container.encode(evicted, forKey: .evicted)
            try container.encode(refused, forKey: .refused)
            try container.encode(drainRate, forKey: .drainRate)
        }
    }

    /// Evicted events by class, as `BufferOverflow` counts them (docs/events.md): telemetry goes
    /// first, alarms last.
    public struct Evicted: Sendable, Hashable, Codable {
        /// `ReadingReported` events.
        public var telemetry: Int
        /// `ReadingRejected` and `ActionConfirmed` events.
        public var normal: Int
        /// All other events: thresholds, liveness, rules, failed actions, custom events.
        public var alarm: Int

        public init(telemetry: Int = 0, normal: Int = 0, alarm: Int = 0) {
            self.telemetry = telemetry
            self.normal = normal
            self.alarm = alarm
        }
    }
}
