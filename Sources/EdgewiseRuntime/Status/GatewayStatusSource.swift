import EdgewiseCore
import EdgewiseModbus
import EdgewiseMQTT
import EdgewiseStatus
import EdgewiseStore
import Synchronization

/// The running gateway as the status endpoint sees it: a `StatusSource` that lives as long as the
/// process and reads from the current generation, which `GatewaySupervisor` swaps on each reload.
///
/// Nothing here is on the pipeline's path. A snapshot reads the clients' and buses' status under
/// their locks, the buffer's in-memory counters, and hops once onto the pipeline actor and once
/// onto the rule evaluator to copy their state out. Counters restart with the process only: the
/// pipeline hands its `PipelineActivity` to the next generation, and the buffer's counters of
/// earlier generations are added up here when a generation is retired.
final class GatewayStatusSource: StatusSource {
    let startedAt: Timestamp
    let reloads: ReloadHistory
    let metrics: GatewayMetrics
    /// The runtime's heartbeat: `nil` reports the gateway as always alive.
    let liveness: (@Sendable () -> Liveness)?
    private let state = Mutex(State())

    /// How far back the buffer's drain rate looks.
    static let drainWindow = Duration.seconds(60)

    private struct State {
        var current: Generation?
        /// The buffer counters of retired generations' queues.
        var retired = BufferCounters()
        /// Evictions already recorded in `metrics`.
        var evictionsRecorded = QueuePriorityCounts()
        /// (time, events acknowledged in total) samples over the last `drainWindow`, oldest first.
        var drainSamples: [(time: Timestamp, acknowledged: Int)] = []
    }

    /// What the status endpoint reads of one generation.
    struct Generation: Sendable {
        let configuration: EdgewiseConfiguration
        let pipeline: EventPipeline
        let parts: GenerationParts
        let loadedAt: Timestamp
    }

    /// Buffer counters that add up across generations.
    struct BufferCounters: Sendable {
        var evicted = QueuePriorityCounts()
        var refused = 0
        var acknowledged = 0

        init() {}

        init(_ statistics: QueueStatistics) {
            evicted = statistics.evicted
            refused = statistics.refused
            acknowledged = statistics.acknowledged
        }

        static func + (left: BufferCounters, right: BufferCounters) -> BufferCounters {
            var sum = left
            sum.evicted.telemetry += right.evicted.telemetry
            sum.evicted.normal += right.evicted.normal
            sum.evicted.alarm += right.evicted.alarm
            sum.refused += right.refused
            sum.acknowledged += right.acknowledged
            return sum
        }
    }

    init(startedAt: Timestamp, reloads: ReloadHistory, metrics: GatewayMetrics, liveness: (@Sendable () -> Liveness)? = nil) {
        self.startedAt = startedAt
        self.reloads = reloads
        self.metrics = metrics
        self.liveness = liveness
        metrics.updateBeforeExposition { [weak self] in self?.updateMetrics() }
    }

    /// Makes `generation` the one the endpoint shows; the previous one's buffer counters are kept.
    /// Attaching the current generation again changes nothing.
    func attach(_ generation: GatewayGeneration) {
        let next = Generation(configuration: generation.configuration, pipeline: generation.pipeline, parts: generation.parts, loadedAt: generation.loadedAt)
        state.withLock { state in
            if let current = state.current {
                guard current.pipeline !== next.pipeline else { return }
                if let queue = current.parts.queue { state.retired = state.retired + BufferCounters(queue.statistics()) }
            }
            state.current = next
        }
    }

    // MARK: StatusSource

    func snapshot() async -> GatewayStatus {
        let now = WallClock.now()
        let (generation, buffer) = state.withLock { state in (state.current, Self.buffer(of: state, now: now)) }
        let history = reloads.last.map(Self.reload)
        guard let generation else {
            return GatewayStatus(
                gatewayID: "", startedAt: startedAt, generatedAt: now, config: .init(digest: "", loadedAt: startedAt, lastReload: history))
        }
        let configuration = generation.configuration
        let (liveness, activity) = await generation.pipeline.statusView()
        let rules = await generation.parts.rules?.status() ?? []
        return GatewayStatus(
            gatewayID: configuration.gateway.id, startedAt: startedAt, generatedAt: now,
            config: .init(digest: configuration.digest ?? "", loadedAt: generation.loadedAt, lastReload: history),
            connections: Self.connections(of: generation),
            devices: Self.devices(configuration, liveness: liveness, activity: activity),
            points: Self.points(configuration, activity: activity),
            rules: rules.map { GatewayStatus.Rule($0, triggerCount: activity.ruleTriggers[$0.name] ?? 0) },
            buffer: buffer)
    }

    func readiness() async -> Readiness {
        guard let generation = state.withLock({ $0.current }) else { return .notReady(["the configuration is not loaded yet"]) }
        guard let local = generation.parts.local else { return .ready }
        let status = local.status()
        guard status.state != .connected else { return .ready }
        var reason = "local broker \(generation.configuration.gateway.localBroker.url): not connected since \(Timestamp(epochMilliseconds: status.since).rfc3339)"
        if let error = status.lastError { reason += " (last error: \(error))" }
        return .notReady([reason])
    }

    func liveness() async -> Liveness {
        liveness?() ?? .alive
    }

    // MARK: Metrics

    /// Brings the buffer's gauges and eviction counters up to date; runs before each `/metrics`.
    func updateMetrics() {
        let (statistics, evicted) = state.withLock { state -> (QueueStatistics?, QueuePriorityCounts) in
            let statistics = state.current?.parts.queue?.statistics()
            let total = state.retired + (statistics.map(BufferCounters.init) ?? BufferCounters())
            var new = QueuePriorityCounts()
            for priority in [QueuePriority.telemetry, .normal, .alarm] {
                new[priority] = max(0, total.evicted[priority] - state.evictionsRecorded[priority])
            }
            state.evictionsRecorded = total.evicted
            return (statistics, new)
        }
        metrics.setBuffer(events: statistics?.depth ?? 0, bytes: Int(statistics?.bytes ?? 0))
        metrics.recordBufferEvictions(telemetry: evicted.telemetry, normal: evicted.normal, alarm: evicted.alarm)
    }

    /// Records how many events the buffer has handed upstream so far, for its drain rate; the
    /// sampler service calls it every few seconds.
    func sampleDrain(now: Timestamp) {
        state.withLock { state in
            guard let queue = state.current?.parts.queue else { return }
            let acknowledged = (state.retired + BufferCounters(queue.statistics())).acknowledged
            state.drainSamples.append((now, acknowledged))
            let horizon = now - Self.drainWindow
            // Keep one sample at or before the horizon, as the rate's starting point.
            while state.drainSamples.count > 2, state.drainSamples[1].time <= horizon { state.drainSamples.removeFirst() }
        }
    }

    // MARK: Parts of the snapshot

    private static func reload(_ outcome: ReloadHistory.Outcome) -> GatewayStatus.Reload {
        switch outcome {
        case .accepted(let at): GatewayStatus.Reload(at: at, accepted: true)
        case .rejected(let at, let errors): GatewayStatus.Reload(at: at, accepted: false, errors: errors)
        }
    }

    private static func buffer(of state: State, now: Timestamp) -> GatewayStatus.Buffer? {
        guard let queue = state.current?.parts.queue else { return nil }
        let statistics = queue.statistics()
        let total = state.retired + BufferCounters(statistics)
        var drainRate = 0.0
        if let first = state.drainSamples.first, let last = state.drainSamples.last, last.time > first.time {
            drainRate = Double(last.acknowledged - first.acknowledged) / (Double(last.time.epochMilliseconds - first.time.epochMilliseconds) / 1_000)
        }
        return GatewayStatus.Buffer(
            depth: statistics.depth, bytes: Int(statistics.bytes), maxBytes: Int(statistics.maxBytes),
            oldestEventAgeSeconds: statistics.oldestAcceptedAt.map { max(0, Double(now.epochMilliseconds - $0) / 1_000) },
            evicted: .init(telemetry: total.evicted.telemetry, normal: total.evicted.normal, alarm: total.evicted.alarm),
            refused: total.refused, drainRate: drainRate)
    }

    private static func connections(of generation: Generation) -> [GatewayStatus.Connection] {
        var connections: [GatewayStatus.Connection] = []
        if let local = generation.parts.local {
            connections.append(connection("local_broker", generation.configuration.gateway.localBroker.url, local.status()))
        }
        if let (client, broker) = generation.parts.upstream {
            connections.append(connection("upstream", broker.url, client.status()))
        }
        // In the order of the first device on each bus.
        var order: [ModbusBusKey: Int] = [:]
        for device in generation.configuration.devices {
            guard case .modbus(let settings) = device.connection else { continue }
            let key = ModbusBusKey(settings.transport)
            if order[key] == nil { order[key] = order.count }
        }
        for bus in generation.parts.buses.sorted(by: { order[$0.key, default: .max] < order[$1.key, default: .max] }) {
            connections.append(connection(bus))
        }
        return connections
    }

    private static func connection(_ name: String, _ url: BrokerURL, _ status: MqttClientStatus) -> GatewayStatus.Connection {
        let state: GatewayStatus.ConnectionState = switch status.state {
        case .idle, .connecting: .connecting
        case .connected: .connected
        case .disconnected, .stopped: .disconnected
        }
        return GatewayStatus.Connection(
            name: name, kind: "mqtt", target: url.description, state: state, since: Timestamp(epochMilliseconds: status.since),
            lastError: status.lastError, lastErrorAt: status.lastErrorAt.map(Timestamp.init(epochMilliseconds:)))
    }

    private static func connection(_ bus: ModbusBus) -> GatewayStatus.Connection {
        let statistics = bus.statistics()
        let kind = switch bus.key.line {
        case .tcp: "modbus-tcp"
        case .serial: "modbus-rtu"
        }
        // A bus connects when a job is about to run: before its first attempt it is "connecting";
        // after a failure it waits for the next poll, "disconnected".
        let state: GatewayStatus.ConnectionState =
            statistics.isConnected ? .connected : (statistics.lastError == nil ? .connecting : .disconnected)
        return GatewayStatus.Connection(
            name: "modbus:\(bus.key)", kind: kind, target: bus.key.description, state: state, since: Timestamp(epochMilliseconds: statistics.since),
            lastError: statistics.lastError.map { "\($0)" }, lastErrorAt: statistics.lastErrorAt.map(Timestamp.init(epochMilliseconds:)))
    }

    /// Every configured device in configuration order; a template's devices (sorted) where it stands.
    static func devices(
        _ configuration: EdgewiseConfiguration, liveness: [String: DeviceLiveness], activity: PipelineActivity
    ) -> [GatewayStatus.Device] {
        var devices: [GatewayStatus.Device] = []
        for (name, config) in deviceNames(configuration, liveness: liveness, activity: activity) {
            let known = liveness[name]
            let counters = activity.devices[name] ?? DeviceActivity()
            let state: GatewayStatus.DeviceState = switch known?.status {
            case .online?: .online
            case .offline?: .offline
            case .unknown?, nil: .unknown
            }
            let since = state == .unknown ? nil : counters.since ?? (state == .offline ? known?.offlineSince : nil)
            devices.append(GatewayStatus.Device(
                id: name, protocol: config.connection.protocolName, state: state, since: since, lastSeen: known?.lastSeen,
                messages: counters.messages, polls: counters.polls, errors: counters.errors, rejections: counters.rejections))
        }
        return devices
    }

    /// Every point with a value, device by device as ``devices(_:liveness:activity:)`` lists them,
    /// each device's points in configuration order.
    static func points(_ configuration: EdgewiseConfiguration, activity: PipelineActivity) -> [GatewayStatus.Point] {
        var points: [GatewayStatus.Point] = []
        // A template's device may have come from any template: try their points in order.
        var templatePoints: [String] = []
        for device in configuration.devices where device.isTemplate {
            for point in device.points where !templatePoints.contains(point.name) { templatePoints.append(point.name) }
        }
        for (name, config) in deviceNames(configuration, liveness: [:], activity: activity) {
            guard let values = activity.devices[name]?.points, !values.isEmpty else { continue }
            for point in config.isTemplate ? templatePoints : config.points.map(\.name) {
                if let reading = values[point] { points.append(GatewayStatus.Point(reading)) }
            }
        }
        return points
    }

    /// Device names with their configuration: configured devices in order; in a template's place,
    /// the devices it has produced so far, sorted by name.
    private static func deviceNames(
        _ configuration: EdgewiseConfiguration, liveness: [String: DeviceLiveness], activity: PipelineActivity
    ) -> [(String, DeviceConfig)] {
        let named = Set(configuration.devices.filter { !$0.isTemplate }.map(\.name))
        let templates = configuration.devices.filter(\.isTemplate)
        // A device a template produced: seen, not configured by name. With several templates, the
        // first one whose topic could have named it; without a way to tell, the first template.
        let seen = Set(liveness.keys).union(activity.devices.keys).subtracting(named).sorted()
        var list: [(String, DeviceConfig)] = []
        for device in configuration.devices {
            if !device.isTemplate {
                list.append((device.name, device))
            } else if device.name == templates.first?.name {
                for name in seen { list.append((name, device)) }
            }
        }
        return list
    }
}
