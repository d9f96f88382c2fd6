import protocol CoreMetrics.MetricsFactory
import EdgewiseCore
import Prometheus
import Synchronization

/// The gateway's Prometheus metrics: one registry that the runtime records into and
/// `GET /metrics` renders. Create one per gateway process and pass it to the services that count
/// and to ``StatusServer``; tests make their own, so nothing is global.
///
/// The metrics are registered when it is made, with their `# HELP` texts, so every one of them
/// appears in `/metrics` from the start (at 0). Recording is cheap (atomic adds; a lock and a
/// dictionary look-up for labels first seen) and safe from any thread. The label values are
/// bounded by the configuration: rule names, event names, rejection reasons.
///
/// Other code may record its own metrics into the same registry through swift-metrics with
/// ``metricsFactory`` (e.g. `Counter(label: "edgewise_x_total", factory: metrics.metricsFactory)`),
/// or through ``registry``; their names must not be one of the names here (docs/status.md): the
/// registry stops the process on a name registered twice with a different type, help or labels.
///
/// This type does not bootstrap swift-metrics' global `MetricsSystem`; a program that wants
/// libraries' metrics in `/metrics` too can bootstrap it with ``metricsFactory``.
public final class GatewayMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry

    private let readings: Counter
    private let rejections: [Rejection.Reason: Counter]
    private let actionFailures: Counter
    private let modbusRequests: Counter
    private let modbusErrors: Counter
    private let modbusRequestSeconds: DurationHistogram
    private let mqttReceived: Counter
    private let mqttPublished: Counter
    private let bufferEvents: Gauge
    private let bufferBytes: Gauge
    private let bufferEvicted: [String: Counter]
    private let upstreamPublishSeconds: DurationHistogram
    /// Counters per label value, made when the value is first seen.
    private let events: LabeledCounters
    private let ruleTriggers: LabeledCounters
    /// Run before each exposition, to bring gauges (and counters mirrored from elsewhere) up to date.
    /// The hook, boxed: a closure stored in a `Mutex` directly and read with `withLock { $0 }` came
    /// back wrapped in one more reabstraction thunk on every read, so each `/metrics` ran a longer
    /// chain of them: each 3,000 calls took about 0.1 s longer than the 3,000 before, without end.
    private let beforeExposition = Mutex<ExpositionHook?>(nil)

    /// A `/metrics` hook in a box, so that reading it out of the lock copies a reference.
    private final class ExpositionHook: Sendable {
        let update: @Sendable () -> Void
        init(_ update: @escaping @Sendable () -> Void) { self.update = update }
    }

    /// The buckets of the Modbus request histogram: a healthy TCP device answers in milliseconds,
    /// a serial one at 9600 baud in tens of milliseconds; the top ones catch timeouts.
    public static let modbusRequestBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5),
    ]
    /// The buckets of the upstream publish histogram (publish to PUBACK): a nearby broker answers in
    /// milliseconds, a distant one over a mobile link in hundreds.
    public static let upstreamPublishBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10), .seconds(30),
    ]

    /// A registry with every gateway metric registered, at 0.
    ///
    /// - Parameters:
    ///   - rules: the configuration's rule names, so `edgewise_rule_triggers_total` shows each from
    ///     the start; others are added when they first trigger.
    ///   - eventNames: the custom event names rules `emit`; the built-in ones are always there.
    public init(rules: [String] = [], eventNames: [String] = []) {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        events = LabeledCounters(name: Names.events, label: "type", help: "Events derived or emitted, by event name.")
        ruleTriggers = LabeledCounters(name: Names.ruleTriggers, label: "rule", help: "Times a rule triggered, by rule.")
        func counter(_ name: String, _ help: String, labels: [(String, String)] = []) -> Counter {
            registry.makeCounter(descriptor: Names.descriptor(name, help), labels: labels)
        }
        func gauge(_ name: String, _ help: String) -> Gauge {
            registry.makeGauge(descriptor: Names.descriptor(name, help))
        }
        readings = counter(Names.readings, "Readings accepted from devices (MQTT messages and Modbus polls), after normalization.")
        rejections = Dictionary(uniqueKeysWithValues: Rejection.Reason.allCases.map { reason in
            (reason, counter(Names.rejections, "Values rejected instead of becoming readings, by reason.", labels: [("reason", reason.rawValue)]))
        })
        actionFailures = counter(Names.actionFailures, "Rule actions (Modbus writes, MQTT publishes) that failed.")
        modbusRequests = counter(Names.modbusRequests, "Modbus requests sent (reads and writes).")
        modbusErrors = counter(Names.modbusErrors, "Modbus requests that failed: exception answers, timeouts, lost connections.")
        modbusRequestSeconds = registry.makeDurationHistogram(
            descriptor: Names.descriptor(Names.modbusRequestSeconds, "Time from sending a Modbus request to its answer or failure."),
            buckets: Self.modbusRequestBuckets)
        mqttReceived = counter(Names.mqttMessages, Names.mqttMessagesHelp, labels: [("direction", "in")])
        mqttPublished = counter(Names.mqttMessages, Names.mqttMessagesHelp, labels: [("direction", "out")])
        bufferEvents = gauge(Names.bufferEvents, "Events in the durable buffer, not yet acknowledged upstream.")
        bufferBytes = gauge(Names.bufferBytes, "Size of the events in the durable buffer, as counted against buffer.max_size.")
        bufferEvicted = Dictionary(uniqueKeysWithValues: ["telemetry", "normal", "alarm"].map { priority in
            (priority, counter(Names.bufferEvicted, "Events removed unsent from the full buffer to make room, by class.", labels: [("priority", priority)]))
        })
        upstreamPublishSeconds = registry.makeDurationHistogram(
            descriptor: Names.descriptor(Names.upstreamPublishSeconds, "Time from publishing an event upstream to its PUBACK."),
            buckets: Self.upstreamPublishBuckets)
        registry.makeGauge(descriptor: Names.descriptor(Names.buildInfo, "Always 1; the version label tells the Edgewise version."), labels: [
            ("version", EdgewiseVersion.current)
        ]).set(to: 1)
        for name in EventName.builtIn + eventNames { _ = events.counter(for: name, in: registry) }
        for rule in rules { _ = ruleTriggers.counter(for: rule, in: registry) }
    }

    /// A swift-metrics factory that records into ``registry``, for code written against
    /// swift-metrics' `Counter`, `Gauge`, `Timer` and `Recorder`.
    public var metricsFactory: any MetricsFactory { PrometheusMetricsFactory(registry: registry) }

    /// The metrics in the Prometheus text exposition format (version 0.0.4), as `/metrics` serves them.
    ///
    /// Runs the ``updateBeforeExposition(_:)`` hook first.
    public func exposition() -> [UInt8] {
        beforeExposition.withLock { $0 }?.update()
        return registry.emitToBuffer()
    }

    /// Sets what runs before every ``exposition()``: the runtime sets the buffer's gauges there,
    /// from counters it reads cheaply, rather than on every change. Replaces any earlier hook; it
    /// must not call ``exposition()``.
    public func updateBeforeExposition(_ update: @escaping @Sendable () -> Void) {
        let hook = ExpositionHook(update)
        beforeExposition.withLock { $0 = hook }
    }

    // MARK: Pipeline

    /// `count` readings accepted (`edgewise_readings_total`).
    public func recordReadings(_ count: Int = 1) { readings.increment(by: Int64(count)) }

    /// A value rejected (`edgewise_rejections_total{reason}`).
    public func recordRejection(_ reason: Rejection.Reason, count: Int = 1) { rejections[reason]?.increment(by: Int64(count)) }

    /// An event derived or emitted, by its name: `ThresholdCrossed`, a custom rule event
    /// (`edgewise_events_total{type}`).
    public func recordEvent(named name: String, count: Int = 1) { events.counter(for: name, in: registry).increment(by: Int64(count)) }

    // MARK: Rules

    /// A rule triggered (`edgewise_rule_triggers_total{rule}`).
    public func recordRuleTrigger(rule: String) { ruleTriggers.counter(for: rule, in: registry).increment() }

    /// A rule action failed (`edgewise_action_failures_total`).
    public func recordActionFailure(count: Int = 1) { actionFailures.increment(by: Int64(count)) }

    // MARK: Modbus

    /// A Modbus request answered or failed after `duration` (`edgewise_modbus_requests_total`,
    /// `edgewise_modbus_errors_total`, `edgewise_modbus_request_seconds`).
    public func recordModbusRequest(duration: Duration, failed: Bool) {
        modbusRequests.increment()
        if failed { modbusErrors.increment() }
        modbusRequestSeconds.record(duration)
    }

    // MARK: MQTT and upstream

    /// `count` MQTT messages received from the local broker (`edgewise_mqtt_messages_total{direction="in"}`).
    public func recordMQTTReceived(_ count: Int = 1) { mqttReceived.increment(by: Int64(count)) }

    /// An MQTT message published, to the local broker or upstream
    /// (`edgewise_mqtt_messages_total{direction="out"}`).
    public func recordMQTTPublished(_ count: Int = 1) { mqttPublished.increment(by: Int64(count)) }

    /// An upstream publish acknowledged after `duration` (`edgewise_upstream_publish_seconds`).
    public func recordUpstreamPublish(duration: Duration) { upstreamPublishSeconds.record(duration) }

    // MARK: Buffer

    /// The buffer's content now (`edgewise_buffer_events`, `edgewise_buffer_bytes`).
    public func setBuffer(events: Int, bytes: Int) {
        bufferEvents.set(to: Double(events))
        bufferBytes.set(to: Double(bytes))
    }

    /// Events evicted from the full buffer (`edgewise_buffer_evicted_total{priority}`).
    public func recordBufferEvictions(telemetry: Int = 0, normal: Int = 0, alarm: Int = 0) {
        for (priority, count) in [("telemetry", telemetry), ("normal", normal), ("alarm", alarm)] where count > 0 {
            bufferEvicted[priority]?.increment(by: Int64(count))
        }
    }
}

extension GatewayMetrics {
    /// The metric names, the contract with dashboards and alerts (docs/status.md).
    public enum Names {
        public static let readings = "edgewise_readings_total"
        public static let rejections = "edgewise_rejections_total"
        public static let events = "edgewise_events_total"
        public static let ruleTriggers = "edgewise_rule_triggers_total"
        public static let actionFailures = "edgewise_action_failures_total"
        public static let modbusRequests = "edgewise_modbus_requests_total"
        public static let modbusErrors = "edgewise_modbus_errors_total"
        public static let modbusRequestSeconds = "edgewise_modbus_request_seconds"
        public static let mqttMessages = "edgewise_mqtt_messages_total"
        public static let bufferEvents = "edgewise_buffer_events"
        public static let bufferBytes = "edgewise_buffer_bytes"
        public static let bufferEvicted = "edgewise_buffer_evicted_total"
        public static let upstreamPublishSeconds = "edgewise_upstream_publish_seconds"
        public static let buildInfo = "edgewise_build_info"

        static let mqttMessagesHelp = "MQTT messages received from the local broker (in) and published to a broker (out)."

        static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        }
    }
}

/// The counters of one labeled metric whose label values are known only at run time (rule names,
/// event names): each made on first use and kept, so later uses are a dictionary look-up.
private final class LabeledCounters: Sendable {
    let name: String
    let label: String
    let help: String
    let counters = Mutex<[String: Counter]>([:])

    init(name: String, label: String, help: String) {
        self.name = name
        self.label = label
        self.help = help
    }

    func counter(for value: String, in registry: PrometheusCollectorRegistry) -> Counter {
        counters.withLock { counters in
            if let counter = counters[value] { return counter }
            let counter = registry.makeCounter(descriptor: GatewayMetrics.Names.descriptor(name, help), labels: [(label, value)])
            counters[value] = counter
            return counter
        }
    }
}
