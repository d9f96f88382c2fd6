import EdgewiseCore
import Logging
import ServiceLifecycle
import UnixSignals

/// Composes the gateway's services into one `ServiceGroup` and runs it until SIGTERM or SIGINT.
///
/// Services start in the order listed and stop in reverse, so a consumer always outlives its producers.
public struct GatewayRuntime: Sendable {
    let configuration: EdgewiseConfiguration
    let logger: Logger

    public init(configuration: EdgewiseConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs until a shutdown signal arrives and every service has stopped.
    public func run() async throws {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: GatewayService(configuration: configuration, logger: logger), successTerminationBehavior: .gracefullyShutdownGroup)
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
        logger.info("Gateway stopped")
    }
}
