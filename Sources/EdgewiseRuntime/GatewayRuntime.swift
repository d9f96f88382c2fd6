import EdgewiseCore
import EdgewiseMQTT
import EdgewiseStatus
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the gateway until SIGTERM or SIGINT: `GatewayService` (start and stop lines) and the
/// `GatewaySupervisor`, which runs the configured services and reloads the configuration on SIGHUP.
public struct GatewayRuntime: Sendable {
    let configuration: EdgewiseConfiguration
    let configDirectory: String?
    let stateDirectory: String?
    let logger: Logger
    /// Where `READY=1`, `RELOADING=1`, `STOPPING=1` and watchdog keep-alives go (nowhere outside systemd).
    let systemd: SystemdLink
    /// What became of configuration reloads.
    public let reloads = ReloadHistory()
    /// Beaten by the pipeline's timer each tick, in every generation: the watchdog and /healthz read it.
    public let heartbeat = PipelineHeartbeat()

    /// - Parameters:
    ///   - configDirectory: where `configuration` was read from, and SIGHUP re-reads it; `nil`
    ///     turns reloading off.
    ///   - stateDirectory: overrides `gateway.state_dir` (the CLI's `--state-dir`).
    ///   - systemd: the service manager to notify (`SystemdLink.fromEnvironment`).
    public init(
        configuration: EdgewiseConfiguration, configDirectory: String? = nil, stateDirectory: String? = nil, logger: Logger,
        systemd: SystemdLink = .disabled
    ) {
        self.systemd = systemd
        self.configuration = configuration
        self.configDirectory = configDirectory
        self.stateDirectory = stateDirectory
        self.logger = logger
    }

    /// Runs until a shutdown signal arrives and every service has stopped.
    ///
    /// - Throws: `GatewayStartupError` when the gateway cannot start (state directory, password
    ///   file, the status endpoint's token file or address).
    public func run() async throws {
        let status = StatusWiring(configuration: configuration, reloads: reloads, startedAt: WallClock.now(), heartbeat: heartbeat)
        // The status server lives across reloads: `status:` changes take effect at the next start.
        let server: StatusServer
        do {
            server = try StatusServer(
                configuration: StatusServer.Configuration(configuration.gateway.status), source: status.source, metrics: status.metrics,
                events: status.events, logger: logger)
        } catch {
            throw GatewayStartupError(error.message, hint: error.hint)
        }
        // Set up the first generation before anything runs, so that a start-up error is reported
        // as such (exit 1) and not as a service failure.
        let first = try GatewayGeneration(
            configuration: configuration, stateDirectory: stateDirectory ?? configuration.gateway.stateDirectory, logger: logger,
            metrics: status.metrics, events: status.events, heartbeat: heartbeat)
        var supervisor = GatewaySupervisor(
            initial: first, configDirectory: configDirectory, stateDirectoryOverride: stateDirectory, logger: logger, reloads: reloads)
        supervisor.status = status
        supervisor.systemd = systemd
        supervisor.heartbeat = heartbeat
        status.source.attach(first)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: GatewayService(configuration: configuration, logger: logger), successTerminationBehavior: .gracefullyShutdownGroup),
                // Before the supervisor, so that it stops after the generation: `/events` clients see the last events.
                .init(service: server),
                .init(service: StatusSamplerService(source: status.source)),
                .init(service: supervisor, successTerminationBehavior: .gracefullyShutdownGroup),
                // Last, so that it hears of a shutdown first and says STOPPING=1 before anything stops.
                .init(service: SystemdNotifyService(link: systemd, heartbeat: heartbeat, logger: logger), successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as StatusServerError {
            // The address is in use or not this machine's: the gateway does not run without its endpoint.
            throw GatewayStartupError(error.message, hint: error.hint)
        }
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
