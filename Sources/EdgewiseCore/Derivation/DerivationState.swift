/// What the `EventDeriver` remembers between messages — and between runs: the gateway saves it in
/// its state directory, so a restart (or retained messages replayed by the broker) never announces
/// again a threshold crossing or an offline device that was already announced.
public struct DerivationState: Sendable, Hashable {
    /// Threshold `device/point/index` → whether it is crossed.
    public var crossedThresholds: [String: Bool] = [:]
    /// Per device: online or offline, and when it was last heard from.
    public var devices: [String: DeviceLiveness] = [:]
    /// Per `device/point`: the value last reported, for `deadband` and `min_interval`.
    public var lastReported: [String: ReportedValue] = [:]
    /// Per device: the message keys seen most recently, to drop redeliveries.
    public var recentMessageKeys: [String: RecentKeys] = [:]

    public init() {}

    /// Keyed by the threshold's definition, not its position: a threshold whose limit changes in a
    /// reload starts unannounced instead of inheriting the old limit's state.
    static func thresholdKey(device: String, point: String, threshold: Threshold) -> String {
        "\(device)/\(point)/\(threshold.direction.rawValue) \(Normalizer.format(threshold.limit))"
    }
    static func pointKey(device: String, point: String) -> String { "\(device)/\(point)" }
}

/// A device's online/offline state.
public struct DeviceLiveness: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// Not heard from since this state began.
        case unknown, online, offline
    }

    public var status: Status
    public var lastSeen: Timestamp?
    /// When it went offline (for `DeviceOnline.offline_since`).
    public var offlineSince: Timestamp?

    public init(status: Status = .unknown, lastSeen: Timestamp? = nil, offlineSince: Timestamp? = nil) {
        self.status = status
        self.lastSeen = lastSeen
        self.offlineSince = offlineSince
    }
}

/// The value last reported for a point, and when.
public struct ReportedValue: Sendable, Hashable {
    public var value: ReadingValue
    public var time: Timestamp

    public init(value: ReadingValue, time: Timestamp) {
        self.value = value
        self.time = time
    }
}

/// The last `capacity` message keys of a device: a ring for order, a set for fast lookup.
public struct RecentKeys: Sendable, Hashable {
    public static let capacity = 256
    var ring: [String] = []
    /// Where the next key goes once the ring is full (the oldest key).
    var next = 0
    var members: Set<String> = []

    public init(keys: [String] = []) {
        for key in keys.suffix(Self.capacity) { insert(key) }
    }

    /// The keys, oldest first.
    public var keys: [String] { Array(ring[next...] + ring[..<next]) }

    public func contains(_ key: String) -> Bool { members.contains(key) }

    mutating func insert(_ key: String) {
        guard members.insert(key).inserted else { return }
        if ring.count < Self.capacity {
            ring.append(key)
        } else {
            members.remove(ring[next])
            ring[next] = key
            next = (next + 1) % Self.capacity
        }
    }

    public static func == (lhs: RecentKeys, rhs: RecentKeys) -> Bool { lhs.keys == rhs.keys }
    public func hash(into hasher: inout Hasher) { hasher.combine(keys) }
}
