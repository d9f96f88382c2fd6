/// One event type as the AsyncAPI document describes it: its name, what it is about, and which
/// devices, points or rules of the configuration can raise it.
///
/// ``all(in:)`` lists every built-in event and each custom name a rule `emit`s. An event that
/// nothing in the configuration can raise (`ThresholdCrossed` without thresholds) is still listed,
/// with a note, so the set of messages does not change when a threshold is added.
struct AsyncAPIEventType: Sendable {
    /// What the event is about: it decides the CloudEvents `source` and `subject`, and how the
    /// upstream topic's `{device}` and `{point}` are filled.
    enum Subject: Sendable, Hashable {
        /// A point: subject `DEVICE/POINT`.
        case point
        /// A device: subject `DEVICE` (for `ReadingRejected`, `DEVICE/POINT` when a point is named).
        case device
        /// The gateway itself: source `edgewise://GATEWAY`, no subject, no device in `data`.
        case gateway
    }

    /// The shape of `data`, as docs/events.md lists it.
    enum Data: Sendable, Hashable {
        case readingReported, readingRejected, threshold, deviceOffline, deviceOnline
        case action(failed: Bool)
        /// `RuleTriggered`, `RuleCleared` and the custom events rules `emit`.
        case rule
        case bufferOverflow
    }

    var name: EventName
    var subject: Subject
    var data: Data
    /// One sentence for the message's summary.
    var summary: String
    /// The devices that can raise it, each with only the points that can appear in it; empty for
    /// events about the gateway.
    var devices: [DeviceConfig]
    /// The rules that can raise it (rule events only).
    var rules: [RuleConfig]
    /// Why nothing in this configuration raises it, when nothing does.
    var unusedBecause: String?

    /// Whether `data.point` (and the topic's `{point}`) may be absent or name a point the device
    /// does not have: a rejected message names no point, or an unknown one.
    var hasOpenPoint: Bool { data == .readingRejected }

    /// Whether the event names a point: `{point}` in the topic is then a parameter.
    var namesPoint: Bool { subject == .point || hasOpenPoint }

    /// The event types of `configuration`, built-in ones first (in the order of docs/events.md),
    /// then the custom names rules `emit`, in the order the rules are configured.
    static func all(in configuration: EdgewiseConfiguration) -> [AsyncAPIEventType] {
        let devices = configuration.devices
        let rules = configuration.rules
        let withThresholds = devices.keepingPoints { !$0.thresholds.isEmpty }
        let writable = devices.keepingPoints(\.isWritable)
        // Silent devices go offline after `stale_after`; polled (Modbus) ones after failed polls.
        let canGoOffline = devices.filter { device in
            if device.staleAfter != nil { return true }
            if case .modbus = device.connection { return true }
            return false
        }
        let noThresholds = "no point in this configuration has thresholds"
        let noWritable = "no point in this configuration is writable"
        let noRules = "this configuration has no rules"

        var types = [
            AsyncAPIEventType(
                name: .readingReported, subject: .point, data: .readingReported, summary: "A point's value.", devices: devices),
            AsyncAPIEventType(
                name: .readingRejected, subject: .device, data: .readingRejected,
                summary: "A payload or value that did not become a reading.", devices: devices),
            AsyncAPIEventType(
                name: .thresholdCrossed, subject: .point, data: .threshold, summary: "A value went beyond a point's threshold.",
                devices: withThresholds, unusedBecause: withThresholds.isEmpty ? noThresholds : nil),
            AsyncAPIEventType(
                name: .thresholdCleared, subject: .point, data: .threshold,
                summary: "A value that had crossed a threshold came back by at least the hysteresis.",
                devices: withThresholds, unusedBecause: withThresholds.isEmpty ? noThresholds : nil),
            AsyncAPIEventType(
                name: .deviceOffline, subject: .device, data: .deviceOffline,
                summary: "A device sent nothing for its stale_after (stale), or failed offline_after polls in a row (unreachable).",
                devices: canGoOffline,
                unusedBecause: canGoOffline.isEmpty ? "no device in this configuration has stale_after or is polled" : nil),
            AsyncAPIEventType(
                name: .deviceOnline, subject: .device, data: .deviceOnline,
                summary: "A device was heard from: for the first time, or after it was reported offline.", devices: devices),
            AsyncAPIEventType(
                name: .ruleTriggered, subject: .gateway, data: .rule, summary: "A rule triggered: its then: actions run.",
                rules: rules, unusedBecause: rules.isEmpty ? noRules : nil),
            AsyncAPIEventType(
                name: .ruleCleared, subject: .gateway, data: .rule, summary: "A rule cleared: its on_clear: actions run.",
                rules: rules, unusedBecause: rules.isEmpty ? noRules : nil),
            AsyncAPIEventType(
                name: .actionConfirmed, subject: .point, data: .action(failed: false),
                summary: "A write to a device point was made and, when read back, the device holds the value written.",
                devices: writable, unusedBecause: writable.isEmpty ? noWritable : nil),
            AsyncAPIEventType(
                name: .actionFailed, subject: .point, data: .action(failed: true),
                summary: "A write to a device point could not be made, or its read-back showed another value.",
                devices: writable, unusedBecause: writable.isEmpty ? noWritable : nil),
            AsyncAPIEventType(
                name: bufferOverflow, subject: .gateway, data: .bufferOverflow,
                summary: "The event buffer was full and evicted or refused events: one event per stretch of overflow."),
        ]
        for name in customNames(in: rules) {
            let emitters = rules.filter { rule in
                (rule.onTrigger + rule.onClear).contains { action in
                    if case .emit(let emitted) = action.kind { return emitted == name }
                    return false
                }
            }
            let list = emitters.map { "'\($0.name)'" }.joined(separator: ", ")
            types.append(AsyncAPIEventType(
                name: name, subject: .gateway, data: .rule,
                summary: "A custom event raised by the emit: action of rule\(emitters.count == 1 ? "" : "s") \(list).", rules: emitters))
        }
        return types
    }

    /// `BufferOverflow` (no `EventName` constant of its own yet: the runtime does not raise it yet).
    private static let bufferOverflow = EventName("BufferOverflow")

    /// Every name rules `emit`, in the order first written, without repeats.
    static func customNames(in rules: [RuleConfig]) -> [EventName] {
        var names: [EventName] = []
        for rule in rules {
            for action in rule.onTrigger + rule.onClear {
                if case .emit(let name) = action.kind, !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    init(
        name: EventName, subject: Subject, data: Data, summary: String, devices: [DeviceConfig] = [], rules: [RuleConfig] = [],
        unusedBecause: String? = nil
    ) {
        self.name = name
        self.subject = subject
        self.data = data
        self.summary = summary
        self.devices = devices
        self.rules = rules
        self.unusedBecause = unusedBecause
    }
}

extension [DeviceConfig] {
    /// The devices with only their points that pass `isIncluded`, leaving out devices with none.
    fileprivate func keepingPoints(_ isIncluded: (PointConfig) -> Bool) -> [DeviceConfig] {
        compactMap { device in
            var kept = device
            kept.points = device.points.filter(isIncluded)
            return kept.points.isEmpty ? nil : kept
        }
    }
}
