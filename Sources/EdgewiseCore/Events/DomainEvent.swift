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
    /// `lastSeen`: the last message or answer before it went offline, `nil` when the device was
    /// never heard from; `cause`: silence past `stale_after`, or polls that failed.
    case deviceOffline(lastSeen: Timestamp?, cause: OfflineCause)
    /// `offlineSince`: when it was reported offline, `nil` on first contact.
    case deviceOnline(offlineSince: Timestamp?)
    /// A write a rule or an operator asked for was made and, when read back, confirmed.
    case actionConfirmed(ActionEventData)
    /// A write failed, or its read-back did not show the value written.
    case actionFailed(ActionEventData)
    /// A rule triggered (its `then:` actions run).
    case ruleTriggered(RuleEventData)
    /// A rule cleared (its `on_clear:` actions run).
    case ruleCleared(RuleEventData)
    /// A custom event a rule's `emit:` raised.
    case emitted(RuleEventData)
    /// The upstream buffer was full and events were evicted or refused: one per episode.
    case bufferOverflow(BufferOverflowData)
}

/// The fields of `BufferOverflow`: one episode of a full upstream buffer, reported when it ends
/// (the buffer is back below 90 % of `buffer.max_size`).
public struct BufferOverflowData: Sendable, Hashable {
    /// Counts episodes since the buffer was created.
    public var episode: Int
    public var since: Timestamp
    public var until: Timestamp?
    /// `buffer.overflow`: `priority`, `drop_oldest` or `drop_newest`.
    public var policy: String
    /// Events evicted to make room, by class.
    public var evictedTelemetry: Int
    public var evictedNormal: Int
    public var evictedAlarm: Int
    /// New events refused (`drop_newest`, or nothing evictable).
    public var refused: Int

    public init(episode: Int, since: Timestamp, until: Timestamp?, policy: String, evictedTelemetry: Int, evictedNormal: Int, evictedAlarm: Int, refused: Int) {
        self.episode = episode
        self.since = since
        self.until = until
        self.policy = policy
        self.evictedTelemetry = evictedTelemetry
        self.evictedNormal = evictedNormal
        self.evictedAlarm = evictedAlarm
        self.refused = refused
    }
}

/// The fields of `RuleTriggered`, `RuleCleared` and events rules `emit`: which rule, why, and the
/// values of the points its conditions read at that moment.
public struct RuleEventData: Sendable, Hashable {
    public var rule: String
    /// Why, in words: `condition held for 2m`, `until condition met`, `data unknown (on_unknown: clear)`.
    public var reason: String
    /// Each point the rule's conditions read (`device.point`), with its value then; `nil` when unknown.
    public var values: [PointValue]

    /// A point's value at the moment of the event.
    public struct PointValue: Sendable, Hashable {
        public var point: String
        public var value: ReadingValue?

        public init(point: String, value: ReadingValue?) {
            self.point = point
            self.value = value
        }
    }

    public init(rule: String, reason: String, values: [PointValue]) {
        self.rule = rule
        self.reason = reason
        self.values = values
    }
}

/// Why a device is reported offline.
public enum OfflineCause: Sendable, Hashable {
    /// It sent nothing for its `stale_after` (`reason: stale`).
    case silent(staleAfter: Duration)
    /// `failedPolls` polls in a row failed, the last with `error` (`reason: unreachable`).
    case unreachable(failedPolls: Int, error: String)
}

/// The fields of `ActionConfirmed` and `ActionFailed`: which write, by whom, and how it went.
public struct ActionEventData: Sendable, Hashable {
    /// The value asked for, in the point's reported unit.
    public var value: ReadingValue
    public var unit: MeasurementUnit?
    /// The rule whose action it was; `nil` for a write from elsewhere (an operator's command).
    public var rule: String?
    /// What the read-back returned, when the point was read back.
    public var readBack: ReadingValue?
    /// Why it failed (`nil` when confirmed).
    public var error: String?
    /// From the request to the confirmation or failure.
    public var duration: Duration

    public init(value: ReadingValue, unit: MeasurementUnit?, rule: String?, readBack: ReadingValue? = nil, error: String? = nil, duration: Duration) {
        self.value = value
        self.unit = unit
        self.rule = rule
        self.readBack = readBack
        self.error = error
        self.duration = duration
    }
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
    public static let actionConfirmed = EventName("ActionConfirmed")
    public static let actionFailed = EventName("ActionFailed")
    public static let ruleTriggered = EventName("RuleTriggered")
    public static let ruleCleared = EventName("RuleCleared")
    public static let bufferOverflow = EventName("BufferOverflow")
}
