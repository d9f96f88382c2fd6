import EdgewiseConfig
import EdgewiseCore
import EdgewiseModbus
import EdgewiseMQTT
import EdgewiseStatus
import EdgewiseStore
import Logging
import ServiceLifecycle

/// Everything the gateway runs for one configuration: the event pipeline with its saved state,
/// MQTT ingestion, Modbus polling, the staleness timer. A reload replaces the whole generation.
///
/// Generations hand state on through the state directory, exactly as a restart does: the old one
/// saves when it stops, the new one loads when it starts. So a reload behaves like a restart,
/// without the process going away; MQTT messages that arrive in between wait in the broker
/// (the gateway's session is persistent).
struct GatewayGeneration: Sendable {
    let configuration: EdgewiseConfiguration
    let pipeline: EventPipeline
    let services: [any Service]
    /// The parts the status endpoint reads from.
    let parts: GenerationParts
    /// When the generation was set up: when its configuration was loaded.
    let loadedAt: Timestamp

    /// Builds the services; nothing runs until `run()`.
    ///
    /// - Parameters:
    ///   - activity: the status counters so far (a reload passes the previous pipeline's).
    ///   - metrics: where the generation's parts count for `/metrics`.
    ///   - events: the status endpoint's live tail, which gets every event.
    ///   - heartbeat: beaten by the generation's timer each tick (the runtime's, shared by all generations).
    /// - Throws: `GatewayStartupError` when a part cannot be set up (state directory, broker
    ///   settings, a Modbus line).
    init(
        configuration: EdgewiseConfiguration, stateDirectory: String, logger: Logger, activity: PipelineActivity = PipelineActivity(),
        metrics: GatewayMetrics? = nil, events: StatusEventFeed? = nil, heartbeat: PipelineHeartbeat = PipelineHeartbeat()
    ) throws {
        try Self.check(configuration: configuration, stateDirectory: stateDirectory)
        let loadedAt = WallClock.now()
        let store = StateFile<DerivationState>.derivation(directory: stateDirectory, logger: logger)
        var sinks: [any EventSink] = [LoggingEventSink(logger: logger)]
        if let events { sinks.append(StatusFeedEventSink(feed: events, gatewayID: configuration.gateway.id)) }
        var parts = GenerationParts()
        let localObserver = metrics?.localPublishObserver
        let upstreamObserver = metrics?.upstreamPublishObserver
        var forwarder: UpstreamForwarder?
        let pipelineForReports = LateBound<EventPipeline>()
        if let upstream = configuration.gateway.upstream {
            let queue: DurableQueue
            do {
                queue = try DurableQueue.open(configuration.gateway.buffer, logger: logger)
            } catch {
                throw GatewayStartupError("buffer: \(error)")
            }
            let wakeUp = ForwarderWakeUp()
            let sink = QueueingEventSink(queue: queue, upstream: upstream, gatewayID: configuration.gateway.id, wakeUp: wakeUp, logger: logger) { event in
                await pipelineForReports.current?.publish(event)
            }
            sinks.append(sink)
            var upstreamLogger = logger
            upstreamLogger[metadataKey: "mqtt.role"] = "upstream"
            var clientConfiguration: MqttClientConfiguration
            do {
                clientConfiguration = try MqttClientConfiguration(
                    broker: upstream.broker, defaultClientID: "edgewise-\(configuration.gateway.id)-upstream", persistentSession: false)
            } catch {
                throw GatewayStartupError("upstream: \(error)")
            }
            // A backlog waits for the link: come back within 10 s of the broker, not up to a minute.
            clientConfiguration.reconnectMaximumDelay = .seconds(10)
            let client = try MqttClient(configuration: clientConfiguration, logger: upstreamLogger, publishObserver: upstreamObserver)
            parts.upstream = (client, upstream.broker)
            parts.queue = queue
            forwarder = UpstreamForwarder(
                client: client, queue: queue, wakeUp: wakeUp, sink: sink, maxRate: upstream.maxRate,
                batching: upstream.batch.map { .init(maxEvents: $0.maxEvents, maxDelay: $0.maxDelay, topic: $0.topic(gateway: configuration.gateway.id)) },
                format: .init(contentMode: upstream.contentMode, isMQTT5: upstream.broker.protocolVersion == .v5),
                logger: logger)
        }
        let pipeline = EventPipeline(
            configuration: configuration, state: store.load(), sink: FanOutEventSink(sinks: sinks), startedAt: WallClock.now(), logger: logger,
            activity: activity, metrics: metrics)
        pipelineForReports.bind(pipeline)

        var services: [any Service] = [PipelineTimerService(pipeline: pipeline, store: store, interval: .seconds(1), heartbeat: heartbeat)]
        // Listed early so that it stops late: after the producers, with their last events queued.
        if let forwarder { services.insert(forwarder, at: 0) }
        var client: MqttClient?
        if !pipeline.subscriptionFilters.isEmpty || !configuration.rules.isEmpty {
            let clientConfiguration = try Self.localBrokerConfiguration(configuration)
            var mqttLogger = logger
            mqttLogger[metadataKey: "mqtt.role"] = "local"
            client = try MqttClient(configuration: clientConfiguration, logger: mqttLogger, publishObserver: localObserver)
        }
        parts.local = client
        let modbus = try ModbusPollService(configuration: configuration, pipeline: pipeline, logger: logger, metrics: metrics)
        parts.buses = modbus.buses
        if !configuration.rules.isEmpty {
            let now = WallClock.now()
            let rulesStore = StateFile<RuleEngineState>.rules(directory: stateDirectory, logger: logger)
            let engine = RuleEngine(
                rules: configuration.rules, devices: configuration.devices,
                timeZone: configuration.gateway.timeZone.flatMap { RuleTimeZone.iana($0) } ?? RuleTimeZone.system(), state: rulesStore.load(), now: now)
            let actions = ActionRunner(
                modbus: modbus.isEmpty ? nil : modbus.actuator, mqtt: client, devices: configuration.devices, pipeline: pipeline, logger: logger)
            let evaluator = RuleEvaluator(engine: engine, actions: actions, store: rulesStore, logger: logger)
            pipeline.setObserver(evaluator)
            parts.rules = evaluator
            // Listed before the connectors, so it stops after them (and after their last readings).
            services.append(RuleService(evaluator: evaluator, pipeline: pipeline, actions: actions, logger: logger))
        }
        if let client { services.append(MQTTIngestService(client: client, pipeline: pipeline, logger: logger)) }
        if !modbus.isEmpty { services.append(modbus) }
        self.configuration = configuration
        self.pipeline = pipeline
        self.services = services
        self.parts = parts
        self.loadedAt = loadedAt
    }

    /// Checks what can fail when a generation is set up, without setting anything up: the state
    /// directory can be created, the local broker's settings (password file, TLS files) are usable.
    static func check(configuration: EdgewiseConfiguration, stateDirectory: String) throws {
        do {
            try AtomicFile.makeDirectory(stateDirectory)
        } catch {
            throw GatewayStartupError("cannot create the state directory: \(error)",
                                      hint: "set gateway.state_dir or --state-dir to a writable directory (under systemd, StateDirectory=edgewise provides /var/lib/edgewise)")
        }
        _ = try localBrokerConfiguration(configuration)
    }

    static func localBrokerConfiguration(_ configuration: EdgewiseConfiguration) throws -> MqttClientConfiguration {
        do {
            return try MqttClientConfiguration(
                broker: configuration.gateway.localBroker, defaultClientID: "edgewise-\(configuration.gateway.id)", persistentSession: true)
        } catch {
            throw GatewayStartupError("local_broker: \(error)")
        }
    }

    /// A service group that runs the generation's services: they start in order and stop in
    /// reverse (polling and ingestion first, then the rules, then the timer, which saves the
    /// pipeline's state once more, last). `started` runs once every service has been launched.
    func serviceGroup(logger: Logger, started: (@Sendable () -> Void)? = nil) -> ServiceGroup {
        let all = services + (started.map { [OnStartService(action: $0)] } ?? [])
        return ServiceGroup(configuration: ServiceGroupConfiguration(
            services: all.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }, logger: logger))
    }
}
