/// Something that happened, as the core derives it: a reading reported or rejected, a threshold
/// crossed or cleared, a device gone offline or back. Deterministic: it carries no id, so the
/// same input always derives the same events. `Event` adds the id when it is published.
public struct DomainEvent: Sendable, Hashable {
    public var name: EventName
    /// When it happened (for readings: when the value was measured).
    public var time: Timestamp
    public var device: String?
    public var point: String?
    public var data: EventData

    public init(_ name: EventName, time: Timestamp, device: String?, point: String? = nil, data: EventData) {
        self.name = name
        self.time = time
        self.device = device
        self.point = point
        self.data = data
    }
}

/// The event-specific fields, as listed in docs/events.md.
public enum EventData: Sendable, Hashable {
    case readingReported(value: ReadingValue, unit: MeasurementUnit?)
    case readingRejected(source: String, reason: Rejection.Reason, detail: String, payloadExcerpt: String?)
    case thresholdCrossed(ThresholdEventData)
    case thresholdCleared(ThresholdEventData)
    /// `lastSeen`: the last message before silence, `nil` when the device was never heard from.
    case deviceOffline(lastSeen: Timestamp?, staleAfter: Duration)
    /// `offlineSince`: when it was reported offline, `nil` on first contact.
    case deviceOnline(offlineSince: Timestamp?)
}

/// The fields of `ThresholdCrossed` and `ThresholdCleared`.
public struct ThresholdEventData: Sendable, Hashable {
    public var value: Double
    public var unit: MeasurementUnit?
    public var direction: Threshold.Direction
    public var limit: Double
    public var hysteresis: Double

    public init(value: Double, unit: MeasurementUnit?, direction: Threshold.Direction, limit: Double, hysteresis: Double) {
        self.value = value
        self.unit = unit
        self.direction = direction
        self.limit = limit
        self.hysteresis = hysteresis
    }
}

extension EventName {
    public static let readingReported = EventName("ReadingReported")
    public static let readingRejected = EventName("ReadingRejected")
    public static let thresholdCrossed = EventName("ThresholdCrossed")
    public static let thresholdCleared = EventName("ThresholdCleared")
    public static let deviceOffline = EventName("DeviceOffline")
    public static let deviceOnline = EventName("DeviceOnline")
}
