import EdgewiseCore
import Logging
import ServiceLifecycle

/// The gateway as a long-running service: started by `edgewise run`, it runs until a graceful
/// shutdown (SIGTERM or SIGINT) and then stops cleanly.
///
/// The connectors (MQTT ingestion, Modbus polling, rules, upstream forwarding, status endpoint)
/// are services of their own, composed beside this one by `GatewayRuntime`.
public struct GatewayService: Service {
    let configuration: EdgewiseConfiguration
    let logger: Logger

    public init(configuration: EdgewiseConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        logger.info("Gateway started", metadata: [
            "gateway.id": "\(configuration.gateway.id)",
            "config.devices": "\(configuration.devices.count)",
            "config.points": "\(configuration.pointCount)",
            "config.rules": "\(configuration.rules.count)",
        ])
        for device in configuration.devices {
            logger.debug("Device configured", metadata: [
                "device.id": "\(device.name)", "device.protocol": "\(device.connection.protocolName)", "device.points": "\(device.points.count)",
            ])
        }
        // Returns when the service group begins a graceful shutdown; cancellation ends it too.
        try? await gracefulShutdown()
        logger.info("Gateway stopping", metadata: ["gateway.id": "\(configuration.gateway.id)"])
    }
}
