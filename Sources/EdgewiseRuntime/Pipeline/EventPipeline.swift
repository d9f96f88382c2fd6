import EdgewiseCore
import EdgewiseStatus
import Logging
import Synchronization

/// Turns inbound messages into events and hands them to the sink, in order: routing, payload
/// decoding and normalization, duplicate detection, event derivation, ids.
///
/// One actor owns the deriver's state, so MQTT ingestion, Modbus polling and the staleness timer
/// can feed it from their own tasks. It processes a batch at a time: the caller awaits the sink,
/// so a slow sink slows ingestion down instead of letting events pile up in memory.
public actor EventPipeline {
    let router: TopicRouter
    var deriver: EventDeriver
    var identities = EventIDGenerator()
    var random = Xoshiro256StarStar()
    let sink: any EventSink
    let logger: Logger
    public private(set) var statistics = PipelineStatistics()
    /// Per-device counters and last values for the status endpoint, since the process started.
    public private(set) var activity: PipelineActivity
    /// Where readings, rejections and events are counted for `/metrics`; `nil` counts nothing.
    /// Recorded once per batch (readings, events by name) or per rare occurrence (rejections, rule
    /// triggers, failed actions): atomic adds, no lock shared with HTTP readers.
    let metrics: GatewayMetrics?
    /// Whether the deriver's state changed since it was last taken for saving.
    var stateChanged = false
    /// Whether an announced state (a threshold crossed or cleared, a device online or offline)
    /// changed since the state was last taken for saving. Such changes are saved promptly, so a
    /// restart does not announce them again; routine changes (last-seen times, message ids) wait.
    var announcedStateChanged = false
    /// When the state was last taken for saving.
    var lastTaken: Timestamp?
    /// Who else sees every reading and liveness change: the rule engine. Set once, before the
    /// first message, from synchronous set-up code (hence a lock, not actor isolation).
    nonisolated let observerSlot = Mutex<(any PipelineObserver)?>(nil)
    var observer: (any PipelineObserver)? { observerSlot.withLock { $0 } }
    /// Readings accepted since the observer last saw them (only collected with an observer).
    var observedReadings: [Reading] = []

    /// - Parameters:
    ///   - activity: the counters so far, from the previous generation's pipeline on a reload.
    ///   - metrics: where to count for `/metrics`.
    public init(
        configuration: EdgewiseConfiguration, state: DerivationState, sink: any EventSink, startedAt: Timestamp, logger: Logger,
        activity: PipelineActivity = PipelineActivity(), metrics: GatewayMetrics? = nil
    ) {
        router = TopicRouter(devices: configuration.devices)
        deriver = EventDeriver(devices: configuration.devices, state: state, startedAt: startedAt)
        self.sink = sink
        self.logger = logger
        self.activity = activity
        self.metrics = metrics
    }

    /// Lets `observer` see every accepted reading and device liveness change from now on.
    public nonisolated func setObserver(_ observer: any PipelineObserver) {
        observerSlot.withLock { $0 = observer }
    }

    /// The topic filters MQTT ingestion subscribes to.
    public nonisolated var subscriptionFilters: [String] { router.subscriptionFilters }

    /// Processes a batch of messages and publishes the events they derive.
    public func ingest(_ messages: [InboundMessage]) async {
        var events: [DomainEvent] = []
        events.reserveCapacity(messages.count * 2)
        let readingsBefore = statistics.readings
        for message in messages {
            process(message, into: &events)
        }
        if let metrics {
            metrics.recordMQTTReceived(messages.count)
            metrics.recordReadings(statistics.readings - readingsBefore)
        }
        await publish(events)
    }

    func process(_ message: InboundMessage, into events: inout [DomainEvent]) {
        statistics.messages += 1
        let routes = router.routes(for: message.topic)
        if routes.isEmpty {
            statistics.unroutedMessages += 1
            return
        }
        for route in routes {
            let decoder = router.decoders[route.decoder]
            let output = decoder.decode(topic: message.topic, match: route.match, payload: message.payload, receivedAt: message.receivedAt)
            if deriver.isDuplicate(device: output.device, messageKey: output.messageKey) {
                statistics.duplicateMessages += 1
                continue
            }
            deriver.heard(device: output.device, staleAfter: decoder.device.staleAfter, at: message.receivedAt, into: &events)
            for reading in output.readings {
                guard let point = decoder.point(named: reading.point) else { continue }
                deriver.accept(reading, point: point, into: &events)
            }
            if observer != nil { observedReadings += output.readings }
            statistics.readings += output.readings.count
            activity.devices[output.device, default: DeviceActivity()].recordMessage(output.readings, rejections: output.rejections.count)
            for rejection in output.rejections {
                statistics.rejectionsByReason[rejection.reason, default: 0] += 1
                metrics?.recordRejection(rejection.reason)
                events.append(deriver.rejected(rejection))
            }
            stateChanged = true
        }
    }

    /// Processes what one poll of `device` produced (Modbus): the device answered, so it is heard
    /// from; each reading goes through event derivation with its point's settings; rejections
    /// (values that failed normalization, points the device refused) become `ReadingRejected`.
    public func ingestPoll(device: DeviceConfig, readings: [(point: PointConfig, reading: Reading)], rejections: [Rejection], at time: Timestamp) async {
        var events: [DomainEvent] = []
        events.reserveCapacity(readings.count + rejections.count + 1)
        statistics.polls += 1
        deriver.heard(device: device.name, staleAfter: device.staleAfter, at: time, into: &events)
        for (point, reading) in readings {
            deriver.accept(reading, point: point, into: &events)
            if observer != nil { observedReadings.append(reading) }
        }
        statistics.readings += readings.count
        activity.devices[device.name, default: DeviceActivity()].recordPoll(readings, rejections: rejections.count)
        metrics?.recordReadings(readings.count)
        for rejection in rejections {
            statistics.rejectionsByReason[rejection.reason, default: 0] += 1
            metrics?.recordRejection(rejection.reason)
            events.append(deriver.rejected(rejection))
        }
        stateChanged = true
        await publish(events)
    }

    /// Counts `count` failed Modbus requests to `device` (a poll that was not answered in full, or
    /// could not connect), for the device's `errors` in `/status`.
    public func recordErrors(device: String, count: Int) {
        guard count > 0 else { return }
        activity.devices[device, default: DeviceActivity()].errors += count
    }

    /// Records that `failedPolls` polls of `device` in a row failed: `DeviceOffline` the first time.
    public func deviceUnreachable(_ device: String, failedPolls: Int, error: String, at time: Timestamp) async {
        var events: [DomainEvent] = []
        deriver.unreachable(device: device, failedPolls: failedPolls, error: error, at: time, into: &events)
        if !events.isEmpty { stateChanged = true }
        await publish(events)
    }

    /// Publishes an event that did not come from derivation (`ActionConfirmed`, `ActionFailed`).
    public func publish(_ event: DomainEvent) async {
        await publish([event])
    }

    /// Emits `DeviceOffline` for devices silent past their `stale_after`.
    public func checkStaleness(now: Timestamp) async {
        var events: [DomainEvent] = []
        deriver.checkStaleness(now: now, into: &events)
        if !events.isEmpty { stateChanged = true }
        await publish(events)
    }

    /// The deriver's state for saving, or `nil` when saving can wait: returns it at once after an
    /// announced change (a threshold or a device's liveness), and after routine changes only once
    /// `routineInterval` has passed since it was last taken. Saving rewrites and syncs a file, which
    /// an SD card should not do every second for last-seen times.
    public func takeChangedState(now: Timestamp, routineInterval: Duration) -> DerivationState? {
        guard stateChanged else { return nil }
        if !announcedStateChanged, let lastTaken, now < lastTaken.advanced(by: routineInterval) { return nil }
        stateChanged = false
        announcedStateChanged = false
        lastTaken = now
        return deriver.state
    }

    /// The deriver's current state.
    public var state: DerivationState { deriver.state }

    /// Keeps what `/status` and `/metrics` tell about `event`: when a device's liveness changed,
    /// rule triggers, failed actions.
    private func noteForStatus(_ event: DomainEvent) {
        switch event.data {
        case .deviceOnline, .deviceOffline:
            if let device = event.device { activity.devices[device, default: DeviceActivity()].since = event.time }
        case .ruleTriggered(let rule):
            activity.ruleTriggers[rule.rule, default: 0] += 1
            metrics?.recordRuleTrigger(rule: rule.rule)
        case .actionFailed:
            metrics?.recordActionFailure()
        default:
            break
        }
    }

    /// Events whose repetition after a restart would be a false announcement.
    static func announcesState(_ name: EventName) -> Bool {
        name == .thresholdCrossed || name == .thresholdCleared || name == .deviceOffline || name == .deviceOnline
    }

    /// Publishes `derived` in order, with ids (and whatever the observer adds).
    public func publish(_ derived: [DomainEvent]) async {
        var derived = derived
        if let observer {
            let liveness = derived.filter { $0.name == .deviceOnline || $0.name == .deviceOffline }
            if !observedReadings.isEmpty || !liveness.isEmpty {
                let changes = ObservedChanges(readings: observedReadings, liveness: liveness)
                observedReadings.removeAll(keepingCapacity: true)
                derived += await observer.observe(changes)
            }
        }
        guard !derived.isEmpty else { return }
        var events: [Event] = []
        events.reserveCapacity(derived.count)
        // Ids carry the time they were issued (UUIDv7), not the measurement time, which may be old.
        let now = WallClock.now()
        // Events by name in this batch, for metrics: few names, so a short list beats a dictionary.
        var counted: [(name: String, count: Int)] = []
        for event in derived {
            events.append(Event(id: identities.next(at: now, using: &random), event: event))
            statistics.eventsByName[event.name.name, default: 0] += 1
            if Self.announcesState(event.name) { announcedStateChanged = true }
            noteForStatus(event)
            if metrics != nil {
                if let index = counted.firstIndex(where: { $0.name == event.name.name }) {
                    counted[index].count += 1
                } else {
                    counted.append((event.name.name, 1))
                }
            }
        }
        if let metrics {
            for (name, count) in counted { metrics.recordEvent(named: name, count: count) }
        }
        await sink.publish(events)
    }
}
