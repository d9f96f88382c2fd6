import EdgewiseCore
import EdgewiseMQTT
import Logging
import ServiceLifecycle
import UnixSignals

/// Composes the gateway's services into one `ServiceGroup` and runs it until SIGTERM or SIGINT.
///
/// Services start in the order listed and stop in reverse: Modbus polling and MQTT ingestion stop
/// first, then the timer (which saves the deriver's state once more), then the gateway itself.
public struct GatewayRuntime: Sendable {
    let configuration: EdgewiseConfiguration
    let stateDirectory: String
    let logger: Logger

    /// - Parameter stateDirectory: overrides `gateway.state_dir` (the CLI's `--state-dir`).
    public init(configuration: EdgewiseConfiguration, stateDirectory: String? = nil, logger: Logger) {
        self.configuration = configuration
        self.stateDirectory = stateDirectory ?? configuration.gateway.stateDirectory
        self.logger = logger
    }

    /// Runs until a shutdown signal arrives and every service has stopped.
    ///
    /// - Throws: `GatewayStartupError` when the gateway cannot start (state directory, password file).
    public func run() async throws {
        do {
            try AtomicFile.makeDirectory(stateDirectory)
        } catch {
            throw GatewayStartupError("cannot create the state directory: \(error)",
                                      hint: "set gateway.state_dir or --state-dir to a writable directory (under systemd, StateDirectory=edgewise provides /var/lib/edgewise)")
        }
        let store = DerivationStateStore(directory: stateDirectory, logger: logger)
        let pipeline = EventPipeline(
            configuration: configuration, state: store.load(), sink: LoggingEventSink(logger: logger), startedAt: WallClock.now(), logger: logger)

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: GatewayService(configuration: configuration, logger: logger), successTerminationBehavior: .gracefullyShutdownGroup),
            .init(service: PipelineTimerService(pipeline: pipeline, store: store, interval: .seconds(1))),
        ]
        if !pipeline.subscriptionFilters.isEmpty {
            let clientConfiguration: MqttClientConfiguration
            do {
                clientConfiguration = try MqttClientConfiguration(
                    broker: configuration.gateway.localBroker, defaultClientID: "edgewise-\(configuration.gateway.id)", persistentSession: true)
            } catch {
                throw GatewayStartupError("local_broker: \(error)")
            }
            var mqttLogger = logger
            mqttLogger[metadataKey: "mqtt.role"] = "local"
            let client = try MqttClient(configuration: clientConfiguration, logger: mqttLogger)
            services.append(.init(service: MQTTIngestService(client: client, pipeline: pipeline, logger: logger)))
        }
        let modbus = try ModbusPollService(configuration: configuration, pipeline: pipeline, logger: logger)
        if !modbus.isEmpty { services.append(.init(service: modbus)) }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.info("Gateway stopped")
    }
}

/// Why the gateway could not start, said so that the user can fix it.
public struct GatewayStartupError: Error, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message)\n    hint: \($0)" } ?? message }
}
