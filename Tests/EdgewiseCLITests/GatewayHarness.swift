import EdgewiseTesting
import Foundation

/// A running `edgewise run` against a test broker, with its own config and state directories.
struct GatewayHarness {
    let config: TemporaryDirectory
    let gateway: ChildProcess
    let broker: MosquittoBroker
    /// Where the gateway's status endpoint listens (`http://127.0.0.1:PORT`).
    let statusPort: Int

    static let devices = [
        "devices/air.yaml": """
            device: air
            protocol: mqtt
            topic: sensors/air
            message_id: "$.seq"
            points:
              temperature: {json: "$.temp", unit: degC, valid: [-40, 85], thresholds: [{above: 30, hysteresis: 1}]}
              humidity: {json: "$.hum", unit: percent}
            """,
        "devices/rooms.yaml": """
            device: "{device}"
            protocol: mqtt
            topic: home/+/{device}/{point}
            points:
              temperature: {unit: degF, convert_to: degC, decimals: 1}
              window: {type: bool}
            """,
    ]

    /// A room temperature sensor publishing plain numbers on `sensors/room`, for rule tests.
    static let roomSensor = """
        device: room
        protocol: mqtt
        topic: sensors/room
        points:
          temperature: {unit: degC}
        """

    /// A Tasmota-style relay switched on `cmnd/fan/POWER`, for rule tests.
    static let fanRelay = """
        device: fan
        protocol: mqtt
        topic: stat/fan/POWER
        points:
          power: {type: bool, writable: true, command_topic: cmnd/fan/POWER}
        """

    /// Starts a gateway subscribed to `broker`, with `files` (relative path → text) as its devices and rules.
    /// The status endpoint listens on a free loopback port of its own.
    static func start(broker: MosquittoBroker, files: [String: String] = devices) async throws -> GatewayHarness {
        let config = try TemporaryDirectory()
        let statusPort = try FreePort.loopback()
        try config.write("""
            gateway: {id: test-gw}
            local_broker: {url: "mqtt://127.0.0.1:\(broker.port)"}
            status: {listen: "127.0.0.1:\(statusPort)"}
            logging: {level: debug}   # readings are logged at debug; the tests wait for their lines
            """, to: "gateway.yaml")
        for (file, text) in files { try config.write(text, to: file) }
        let gateway = try ChildProcess.launch(EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"])
        try await gateway.waitForOutput(containing: "MQTT connected", timeout: .seconds(30))
        // The subscription is acknowledged just after CONNACK; give it a moment on a slow machine.
        try await Task.sleep(for: .milliseconds(300))
        return GatewayHarness(config: config, gateway: gateway, broker: broker, statusPort: statusPort)
    }

    /// A new gateway process on the same config and state directories, once this one has exited
    /// (stopped or killed): what a restart by systemd does.
    func restarted() async throws -> GatewayHarness {
        let gateway = try ChildProcess.launch(EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"])
        try await gateway.waitForOutput(containing: "MQTT connected", timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(300))
        return GatewayHarness(config: config, gateway: gateway, broker: broker, statusPort: statusPort)
    }

    /// Publishes each of `payloads` as one message with `mosquitto_pub -l` (one line, one message).
    func publish(_ topic: String, _ payloads: [String], qos: Int = 1) async throws {
        let file = try config.write(payloads.joined(separator: "\n") + "\n", to: "publish-\(UUID().uuidString).txt")
        let result = try await ChildProcess.run(
            "/bin/sh", arguments: ["-c", "mosquitto_pub -h 127.0.0.1 -p \(broker.port) -q \(qos) -t '\(topic)' -l < '\(file)'"], timeout: .seconds(120))
        guard result.status == 0 else { throw HarnessError("mosquitto_pub failed: \(result.standardError)") }
    }

    /// The log lines of `event` that carry every one of `fields` (`"device=air"`, …), in any order.
    func lines(of event: String, with fields: [String]) -> [Substring] {
        lines(containing: " \(event) ").filter { line in
            let words = Set(line.split(separator: " "))
            return fields.allSatisfy { words.contains(Substring($0)) }
        }
    }

    /// Waits until a log line of `event` carries every one of `fields`.
    func waitForEvent(_ event: String, with fields: [String], timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while lines(of: event, with: fields).isEmpty {
            guard ContinuousClock.now < deadline else {
                throw HarnessError("no \(event) with \(fields); log tail:\n\(gateway.standardError.suffix(3_000))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The log lines that contain `text`.
    func lines(containing text: String) -> [Substring] {
        gateway.standardError.split(separator: "\n").filter { $0.contains(text) }
    }

    /// Waits until at least `count` log lines contain `text`.
    func waitForLines(containing text: String, count: Int, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while lines(containing: text).count < count {
            guard ContinuousClock.now < deadline else {
                throw HarnessError("saw \(lines(containing: text).count) of \(count) lines with '\(text)'; log tail:\n\(gateway.standardError.suffix(3_000))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The gateway's resident memory in KiB, from /proc.
    func residentKilobytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(gateway.pid)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// Stops the gateway with SIGTERM and returns the counters of its final statistics line.
    func stop() async throws -> [String: Int] {
        gateway.signal(SIGTERM)
        let status = try await gateway.waitForExit(timeout: .seconds(30))
        guard status == 0 else { throw HarnessError("gateway exited with \(status):\n\(gateway.standardError.suffix(3_000))") }
        let summary = lines(containing: "MQTT ingestion stopped").last ?? ""
        var counters: [String: Int] = [:]
        for field in summary.split(separator: " ") {
            let parts = field.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Int(parts[1]) { counters[String(parts[0])] = value }
        }
        return counters
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
