import EdgewiseCore
import EdgewiseMQTT
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

    /// Builds the services; nothing runs until `run()`.
    ///
    /// - Throws: `GatewayStartupError` when a part cannot be set up (state directory, broker
    ///   settings, a Modbus line).
    init(configuration: EdgewiseConfiguration, stateDirectory: String, logger: Logger) throws {
        try Self.check(configuration: configuration, stateDirectory: stateDirectory)
        let store = DerivationStateStore(directory: stateDirectory, logger: logger)
        let pipeline = EventPipeline(
            configuration: configuration, state: store.load(), sink: LoggingEventSink(logger: logger), startedAt: WallClock.now(), logger: logger)

        var services: [any Service] = [PipelineTimerService(pipeline: pipeline, store: store, interval: .seconds(1))]
        if !pipeline.subscriptionFilters.isEmpty {
            let clientConfiguration = try Self.localBrokerConfiguration(configuration)
            var mqttLogger = logger
            mqttLogger[metadataKey: "mqtt.role"] = "local"
            let client = try MqttClient(configuration: clientConfiguration, logger: mqttLogger)
            services.append(MQTTIngestService(client: client, pipeline: pipeline, logger: logger))
        }
        let modbus = try ModbusPollService(configuration: configuration, pipeline: pipeline, logger: logger)
        if !modbus.isEmpty { services.append(modbus) }
        self.configuration = configuration
        self.pipeline = pipeline
        self.services = services
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
    /// reverse (ingestion and polling first, the timer, which saves the state once more, last).
    func serviceGroup(logger: Logger) -> ServiceGroup {
        ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }, logger: logger))
    }
}
