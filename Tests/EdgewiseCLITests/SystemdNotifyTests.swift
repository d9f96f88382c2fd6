import EdgewiseTesting
import Foundation
import Testing

/// `edgewise run` as systemd runs a `Type=notify` service: the test binds the notification socket,
/// sets `NOTIFY_SOCKET` and `WATCHDOG_USEC`, and reads what the gateway says, in order.
@Suite("edgewise run speaks sd_notify: READY, WATCHDOG, RELOADING, STOPPING")
struct SystemdNotifyTests {
    static let device = """
        device: air
        protocol: mqtt
        topic: sensors/air
        points:
          temperature: {json: "$.temp", unit: degC}
        """

    /// A gateway on `broker` with one MQTT device, told to notify `listener`, with a 2 s watchdog
    /// (keep-alives every second).
    static func gateway(broker: MosquittoBroker, config: TemporaryDirectory, listener: NotifySocketListener) throws -> ChildProcess {
        _ = try config.write("""
            gateway: {id: notify-gw}
            local_broker: {url: "mqtt://127.0.0.1:\(broker.port)"}
            status: {listen: "127.0.0.1:\(try FreePort.loopback())"}
            """, to: "gateway.yaml")
        _ = try config.write(device, to: "devices/air.yaml")
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = listener.socketPath
        environment["WATCHDOG_USEC"] = "2000000"
        return try ChildProcess.launch(
            EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"], environment: environment)
    }

    @Test func readyThenKeepAlivesThenReloadingAndReadyAroundASIGHUPThenStopping() async throws {
        let broker = try await MosquittoBroker.start()
        let config = try TemporaryDirectory()
        let listener = try NotifySocketListener(path: config.path + "/notify")
        let gateway = try Self.gateway(broker: broker, config: config, listener: listener)

        let ready = try await listener.waitForMessage { $0.hasPrefix("READY=1") }
        #expect(listener.messages[ready].contains("STATUS=Running notify-gw: 1 device, 1 point, 0 rules"), "\(listener.messages[ready])")
        let keepAlive = try await listener.waitForMessage(skipping: ready + 1) { $0 == "WATCHDOG=1" }

        // A reload with a second device: RELOADING=1, then READY=1 once the new generation runs.
        _ = try config.write(Self.device.replacingOccurrences(of: "air", with: "soil"), to: "devices/soil.yaml")
        gateway.signal(SIGHUP)
        let reloading = try await listener.waitForMessage(skipping: keepAlive + 1) { $0.hasPrefix("RELOADING=1") }
        #expect(listener.messages[reloading].contains("MONOTONIC_USEC="))
        let reloaded = try await listener.waitForMessage(skipping: reloading + 1) { $0.hasPrefix("READY=1") }
        #expect(listener.messages[reloaded].contains("2 devices, 2 points, 0 rules (configuration reloaded)"), "\(listener.messages[reloaded])")
        // Keep-alives go on after the reload.
        try await listener.waitForMessage(skipping: reloaded + 1) { $0 == "WATCHDOG=1" }

        gateway.signal(SIGTERM)
        #expect(try await gateway.waitForExit(timeout: .seconds(30)) == 0, "\(gateway.standardError.suffix(2_000))")
        let stopping = try #require(listener.messages.firstIndex { $0.hasPrefix("STOPPING=1") }, "\(listener.messages)")
        #expect(stopping > reloaded)
        #expect(!listener.messages[(stopping + 1)...].contains { $0.hasPrefix("READY=1") || $0 == "WATCHDOG=1" }, "nothing but status after STOPPING=1")
        try await broker.stop()
    }

    @Test func aRejectedReloadEndsWithReadyBecauseTheOldConfigurationRunsOn() async throws {
        let broker = try await MosquittoBroker.start()
        let config = try TemporaryDirectory()
        let listener = try NotifySocketListener(path: "@edgewise-test-\(UUID().uuidString)")
        let gateway = try Self.gateway(broker: broker, config: config, listener: listener)
        let ready = try await listener.waitForMessage { $0.hasPrefix("READY=1") }

        _ = try config.write("device: broken\nprotocol: carrier-pigeon\n", to: "devices/broken.yaml")
        gateway.signal(SIGHUP)
        let reloading = try await listener.waitForMessage(skipping: ready + 1) { $0.hasPrefix("RELOADING=1") }
        let readyAgain = try await listener.waitForMessage(skipping: reloading + 1) { $0.hasPrefix("READY=1") }
        #expect(listener.messages[readyAgain].contains("STATUS=Reload rejected ("), "\(listener.messages[readyAgain])")
        #expect(listener.messages[readyAgain].contains("the previous configuration keeps running"))

        gateway.signal(SIGTERM)
        #expect(try await gateway.waitForExit(timeout: .seconds(30)) == 0)
        #expect(listener.messages.last { $0.hasPrefix("STOPPING=1") } != nil)
        try await broker.stop()
    }

    @Test func withoutNotifySocketNothingIsSentAndNothingBreaks() async throws {
        // The plain `edgewise run` of every other test: covered there; here only that the
        // variables alone (no socket behind them) do not stop the gateway.
        let broker = try await MosquittoBroker.start()
        let config = try TemporaryDirectory()
        _ = try config.write("""
            gateway: {id: gw}
            local_broker: {url: "mqtt://127.0.0.1:\(broker.port)"}
            status: {listen: "127.0.0.1:\(try FreePort.loopback())"}
            """, to: "gateway.yaml")
        _ = try config.write(Self.device, to: "devices/air.yaml")
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = config.path + "/nobody-listens"
        let gateway = try ChildProcess.launch(
            EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"], environment: environment)
        try await gateway.waitForOutput(containing: "Cannot notify systemd", timeout: .seconds(30))
        try await gateway.waitForOutput(containing: "MQTT connected", timeout: .seconds(30))
        gateway.signal(SIGTERM)
        #expect(try await gateway.waitForExit(timeout: .seconds(30)) == 0)
        try await broker.stop()
    }
}
