import EdgewiseCore
import Logging

/// Where derived events go. The logging sink is the first; the durable upstream queue is next.
public protocol EventSink: Sendable {
    /// Accepts events in order. Returns when they are accepted (for a durable sink: committed).
    func publish(_ events: [Event]) async
}

/// Logs each event as one line: the event name as the message, its fields as metadata.
///
/// `2026-11-23T19:05:00.123Z info edgewise: ThresholdCrossed device=air point=temperature value=30.4 limit=30`
///
/// `ReadingReported` is logged at `debug`, every other event at `info`: readings are telemetry,
/// one line per reading per point, which would fill the journal (and cost a third of the CPU per
/// reading at 1,000 readings/s, measured in docs/performance.md); they reach upstream and the
/// status endpoint's `/events` anyway. What changes state (thresholds, rules, actions, devices
/// going offline, rejections) stays in the log at the default level.
public struct LoggingEventSink: EventSink {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func publish(_ events: [Event]) async {
        for event in events {
            let level: Logger.Level = if case .readingReported = event.data { .debug } else { .info }
            // Checked first: building the metadata of a line nobody reads is most of its cost.
            guard logger.logLevel <= level else { continue }
            logger.log(level: level, "\(event.name.name)", metadata: Self.metadata(of: event))
        }
    }

    static func metadata(of event: Event) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["event.id": "\(event.id)"]
        if let device = event.device { metadata["device"] = "\(device)" }
        if let point = event.point { metadata["point"] = "\(point)" }
        switch event.data {
        case .readingReported(let value, let unit):
            metadata["value"] = "\(value)"
            if let unit { metadata["unit"] = "\(unit)" }
        case .readingRejected(let source, let reason, let detail, _):
            metadata["source"] = "\(source)"
            metadata["reason"] = "\(reason.rawValue)"
            metadata["detail"] = "\(detail)"
        case .thresholdCrossed(let data), .thresholdCleared(let data):
            metadata["value"] = "\(Normalizer.format(data.value))"
            metadata["limit"] = "\(data.direction.rawValue) \(Normalizer.format(data.limit))"
        case .deviceOffline(let lastSeen, let cause):
            metadata["last_seen"] = "\(lastSeen?.rfc3339 ?? "never")"
            switch cause {
            case .silent(let staleAfter):
                metadata["stale_after"] = "\(DurationSyntax.format(staleAfter))"
            case .unreachable(let failedPolls, let error):
                metadata["failed_polls"] = "\(failedPolls)"
                metadata["error"] = "\(error)"
            }
        case .deviceOnline(let offlineSince):
            if let offlineSince { metadata["offline_since"] = "\(offlineSince.rfc3339)" }
        case .actionConfirmed(let action), .actionFailed(let action):
            metadata["value"] = "\(action.value)"
            if let rule = action.rule { metadata["rule"] = "\(rule)" }
            if let readBack = action.readBack { metadata["read_back"] = "\(readBack)" }
            if let error = action.error { metadata["error"] = "\(error)" }
            metadata["duration"] = "\(action.duration)"
        case .ruleTriggered(let rule), .ruleCleared(let rule), .emitted(let rule):
            metadata["rule"] = "\(rule.rule)"
            metadata["reason"] = "\(rule.reason)"
            for entry in rule.values { metadata[entry.point] = "\(entry.value.map { "\($0)" } ?? "unknown")" }
        case .bufferOverflow(let overflow):
            metadata["episode"] = "\(overflow.episode)"
            metadata["since"] = "\(overflow.since.rfc3339)"
            metadata["policy"] = "\(overflow.policy)"
            metadata["evicted"] = "telemetry=\(overflow.evictedTelemetry),normal=\(overflow.evictedNormal),alarm=\(overflow.evictedAlarm)"
            metadata["refused"] = "\(overflow.refused)"
        }
        return metadata
    }
}
