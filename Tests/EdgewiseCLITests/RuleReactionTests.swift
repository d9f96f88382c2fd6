import EdgewiseTesting
import Foundation
import Testing

/// The whole loop with real parts: a sensor publishes to mosquitto, the gateway's rule fires, the
/// coil on a pymodbus server and an MQTT relay are switched.
@Suite("Rules acting on real devices", .serialized)
struct RuleReactionTests {
    static func files(modbusPort: Int) -> [String: String] {
        [
            "devices/room.yaml": GatewayHarness.roomSensor,
            "devices/hvac.yaml": """
                device: hvac
                protocol: modbus-tcp
                host: 127.0.0.1
                port: \(modbusPort)
                poll: 200ms
                points:
                  cooling: {coil: 0, writable: true}
                """,
            "devices/fan.yaml": GatewayHarness.fanRelay,
            "rules/cooling.yaml": """
                rules:
                  - name: cool
                    when: room.temperature > 26
                    for: 1s
                    until: room.temperature < 24
                    then: [{write: hvac.cooling = on}, {write: fan.power = on}]
                    on_clear: [{write: hvac.cooling = off}, {write: fan.power = off}]
                    min_on: 3s
                """,
        ]
    }

    /// The time at the start of a log line (`2026-12-07T15:00:41.820Z info …`).
    static func time(of line: Substring) throws -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let word = line.split(separator: " ").first, let date = formatter.date(from: String(word)) else {
            throw HarnessError("no time in \(line)")
        }
        return date
    }

    @Test func aTemperatureRiseSwitchesTheCoilAndTheRelayAfterForAndMinOnHoldsThemOn() async throws {
        let broker = try await MosquittoBroker.start()
        let modbus = try await ModbusTestServer.start(.init(map: [.coil: [0: 0]]))
        let commands = try ChildProcess.launch("/usr/bin/mosquitto_sub", arguments: ["-h", "127.0.0.1", "-p", "\(broker.port)", "-t", "cmnd/#", "-v"])
        let harness = try await GatewayHarness.start(broker: broker, files: Self.files(modbusPort: modbus.port!))
        try await harness.waitForEvent("ReadingReported", with: ["device=hvac", "point=cooling", "value=false"])

        try await harness.publish("sensors/room", ["27"])
        try await harness.waitForEvent("ActionConfirmed", with: ["device=hvac", "point=cooling", "value=true", "rule=cool"])
        try await harness.waitForEvent("ActionConfirmed", with: ["device=fan", "point=power", "value=true", "rule=cool"])
        try await commands.waitForOutput(containing: "cmnd/fan/POWER ON", timeout: .seconds(30))
        try await harness.waitForEvent("ReadingReported", with: ["device=hvac", "point=cooling", "value=true"])

        // Cold at once: the clear waits for min_on (3s after the trigger).
        try await harness.publish("sensors/room", ["23"])
        try await harness.waitForEvent("ActionConfirmed", with: ["device=hvac", "point=cooling", "value=false", "rule=cool"])
        try await commands.waitForOutput(containing: "cmnd/fan/POWER OFF", timeout: .seconds(30))
        try await harness.waitForEvent("ReadingReported", with: ["device=hvac", "point=cooling", "value=false"])
        _ = try await harness.stop()
        commands.signal(SIGTERM)
        _ = try? await commands.waitForExit(timeout: .seconds(10))
        try await modbus.stop()
        try await broker.stop()

        let published = try #require(harness.lines(containing: "ReadingReported").first { $0.contains("device=room") && $0.contains("value=27") })
        let triggered = try #require(harness.lines(containing: " RuleTriggered ").first)
        let cleared = try #require(harness.lines(containing: " RuleCleared ").first)
        let sinceReading = try Self.time(of: triggered).timeIntervalSince(Self.time(of: published))
        #expect(sinceReading >= 0.95, "for: 1s — triggered \(sinceReading)s after the reading")
        let onFor = try Self.time(of: cleared).timeIntervalSince(Self.time(of: triggered))
        #expect(onFor >= 2.95, "min_on: 3s — cleared \(onFor)s after the trigger")
        #expect(triggered.contains("room.temperature=27"), "the values that caused it: \(triggered)")
        let writes = try modbus.requests().filter { $0.function == 5 }
        #expect(writes.count == 2, "one write on, one write off: \(writes)")
    }
}
