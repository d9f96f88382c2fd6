import EdgewiseCore

/// Counts of what the pipeline did since start, for logs, the status endpoint and metrics.
public struct PipelineStatistics: Sendable, Hashable {
    /// MQTT messages received.
    public var messages = 0
    /// Modbus polls answered (one per device and cycle, however many requests it took).
    public var polls = 0
    /// Messages no device's topic matched (the subscription is wider than the devices).
    public var unroutedMessages = 0
    /// Messages dropped as redeliveries of one already seen.
    public var duplicateMessages = 0
    public var readings = 0
    public var rejectionsByReason: [Rejection.Reason: Int] = [:]
    public var eventsByName: [String: Int] = [:]

    public var rejections: Int { rejectionsByReason.values.reduce(0, +) }
    public var events: Int { eventsByName.values.reduce(0, +) }

    public init() {}
}
