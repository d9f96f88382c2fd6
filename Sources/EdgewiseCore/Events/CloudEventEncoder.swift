/// Writes events as CloudEvents 1.0 in structured JSON mode (`application/cloudevents+json`),
/// the format of every event Edgewise logs or forwards. See docs/events.md for each event's `data`.
public struct CloudEventEncoder: Sendable {
    /// The gateway's id, which names the event source: `edgewise://GATEWAY/devices/DEVICE`.
    public let gatewayID: String

    public init(gatewayID: String) {
        self.gatewayID = gatewayID
    }

    /// The event as one JSON object.
    public func encode(_ event: Event) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 384)
        write(event, to: &writer)
        return writer.takeBytes()
    }

    /// Several events as a CloudEvents batch (`application/cloudevents-batch+json`): a JSON array.
    public func encodeBatch(_ events: some Sequence<Event>) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 1024)
        writer.beginArray()
        for event in events { write(event, to: &writer) }
        writer.endArray()
        return writer.takeBytes()
    }

    /// `edgewise://GATEWAY/devices/DEVICE`, or `edgewise://GATEWAY` for gateway-wide events.
    public func source(of event: Event) -> String {
        event.device.map { "edgewise://\(gatewayID)/devices/\($0)" } ?? "edgewise://\(gatewayID)"
    }

    /// `DEVICE/POINT`, `DEVICE`, or `nil`.
    public static func subject(of event: Event) -> String? {
        guard let device = event.device else { return nil }
        return event.point.map { "\(device)/\($0)" } ?? device
    }

    func write(_ event: Event, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("specversion")
        writer.string("1.0")
        writer.key("id")
        writer.string(event.id.description)
        writer.key("source")
        writer.string(source(of: event))
        writer.key("type")
        writer.string(event.name.cloudEventType())
        if let subject = Self.subject(of: event) {
            writer.key("subject")
            writer.string(subject)
        }
        writer.key("time")
        writer.string(event.time.rfc3339)
        writer.key("datacontenttype")
        writer.string("application/json")
        writer.key("data")
        writer.beginObject()
        if let device = event.device {
            writer.key("device")
            writer.string(device)
        }
        if let point = event.point {
            writer.key("point")
            writer.string(point)
        }
        EventDataFields.write(event.data, to: &writer)
        writer.endObject()
        writer.endObject()
    }
}

/// The `data` members specific to each event, after `device` and `point`.
enum EventDataFields {
    static func write(_ data: EventData, to writer: inout JSONWriter) {
        switch data {
        case .readingReported(let value, let unit):
            writer.key("value")
            write(value, to: &writer)
            unit.map { writeUnit($0, to: &writer) }
        case .readingRejected(let source, let reason, let detail, let payload):
            writer.key("source")
            writer.string(source)
            writer.key("reason")
            writer.string(reason.rawValue)
            writer.key("detail")
            writer.string(detail)
            if let payload {
                writer.key("payload")
                writer.string(payload)
            }
        case .thresholdCrossed(let threshold), .thresholdCleared(let threshold):
            writer.key("value")
            writer.number(threshold.value)
            threshold.unit.map { writeUnit($0, to: &writer) }
            writer.key("direction")
            writer.string(threshold.direction.rawValue)
            writer.key("limit")
            writer.number(threshold.limit)
            writer.key("hysteresis")
            writer.number(threshold.hysteresis)
        case .deviceOffline(let lastSeen, let cause):
            if let lastSeen {
                writer.key("last_seen")
                writer.string(lastSeen.rfc3339)
            }
            writer.key("reason")
            switch cause {
            case .silent(let staleAfter):
                writer.string("stale")
                writer.key("stale_after")
                writer.string(DurationSyntax.format(staleAfter))
            case .unreachable(let failedPolls, let error):
                writer.string("unreachable")
                writer.key("failed_polls")
                writer.integer(Int64(failedPolls))
                writer.key("error")
                writer.string(error)
            }
        case .deviceOnline(let offlineSince):
            if let offlineSince {
                writer.key("offline_since")
                writer.string(offlineSince.rfc3339)
            }
        case .actionConfirmed(let action), .actionFailed(let action):
            writer.key("value")
            write(action.value, to: &writer)
            action.unit.map { writeUnit($0, to: &writer) }
            if let rule = action.rule {
                writer.key("rule")
                writer.string(rule)
            }
            if let readBack = action.readBack {
                writer.key("read_back")
                write(readBack, to: &writer)
            }
            if let error = action.error {
                writer.key("error")
                writer.string(error)
            }
            writer.key("duration_ms")
            let (seconds, attoseconds) = action.duration.components
            writer.integer(seconds * 1_000 + attoseconds / 1_000_000_000_000_000)
        case .ruleTriggered(let rule), .ruleCleared(let rule), .emitted(let rule):
            writer.key("rule")
            writer.string(rule.rule)
            writer.key("reason")
            writer.string(rule.reason)
            writer.key("values")
            writer.beginObject()
            for entry in rule.values {
                writer.key(entry.point)
                if let value = entry.value { write(value, to: &writer) } else { writer.null() }
            }
            writer.endObject()
        case .bufferOverflow(let overflow):
            writer.key("episode")
            writer.integer(Int64(overflow.episode))
            writer.key("since")
            writer.string(overflow.since.rfc3339)
            if let until = overflow.until {
                writer.key("until")
                writer.string(until.rfc3339)
            }
            writer.key("policy")
            writer.string(overflow.policy)
            writer.key("evicted")
            writer.beginObject()
            writer.key("telemetry")
            writer.integer(Int64(overflow.evictedTelemetry))
            writer.key("normal")
            writer.integer(Int64(overflow.evictedNormal))
            writer.key("alarm")
            writer.integer(Int64(overflow.evictedAlarm))
            writer.endObject()
            writer.key("refused")
            writer.integer(Int64(overflow.refused))
        }
    }

    static func write(_ value: ReadingValue, to writer: inout JSONWriter) {
        switch value {
        case .number(let number): writer.number(number)
        case .boolean(let flag): writer.bool(flag)
        case .text(let text): writer.string(text)
        }
    }

    static func writeUnit(_ unit: MeasurementUnit, to writer: inout JSONWriter) {
        writer.key("unit")
        writer.string(unit.symbol)
    }
}
