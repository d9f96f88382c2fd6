import EdgewiseCore
import EdgewiseMQTT
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
    /// What became of configuration reloads.
    public let reloads = ReloadHistory()

    /// - Parameters:
    ///   - configDirectory: where `configuration` was read from, and SIGHUP re-reads it; `nil`
    ///     turns reloading off.
    ///   - stateDirectory: overrides `gateway.state_dir` (the CLI's `--state-dir`).
    public init(configuration: EdgewiseConfiguration, configDirectory: String? = nil, stateDirectory: String? = nil, logger: Logger) {
        self.configuration = configuration
        self.configDirectory = configDirectory
        self.stateDirectory = stateDirectory
        self.logger = logger
    }

    /// Runs until a shutdown signal arrives and every service has stopped.
    ///
    /// - Throws: `GatewayStartupError` when the gateway cannot start (state directory, password file).
    public func run() async throws {
        // Set up the first generation before anything runs, so that a start-up error is reported
        // as such (exit 1) and not as a service failure.
        let first = try GatewayGeneration(configuration: configuration, stateDirectory: stateDirectory ?? configuration.gateway.stateDirectory, logger: logger)
        let supervisor = GatewaySupervisor(
            initial: first, configDirectory: configDirectory, stateDirectoryOverride: stateDirectory, logger: logger, reloads: reloads)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: GatewayService(configuration: configuration, logger: logger), successTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: supervisor, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
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
