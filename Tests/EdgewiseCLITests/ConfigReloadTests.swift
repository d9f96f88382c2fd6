import EdgewiseTesting
import Foundation
import Glibc
import Testing

/// SIGHUP (`systemctl reload edgewise`) re-reads the configuration while the gateway runs.
@Suite("Configuration reload on SIGHUP", .serialized)
struct ConfigReloadTests {
    @Test func aValidConfigIsSwappedInAndAnInvalidOneIsRejectedWhileTheOldOneKeepsRunning() async throws {
        let broker = try await MosquittoBroker.start()
        let harness = try await GatewayHarness.start(broker: broker)
        try await harness.publish("sensors/air", [#"{"seq": 1, "temp": 31, "hum": 40}"#])
        try await harness.waitForLines(containing: "ThresholdCrossed", count: 1)

        // A new device and a changed threshold: swapped in as a whole.
        _ = try harness.config.write("""
            device: hall
            protocol: mqtt
            topic: sensors/hall
            points:
              temperature: {unit: degC}
            """, to: "devices/hall.yaml")
        harness.gateway.signal(SIGHUP)
        try await harness.waitForLines(containing: "Configuration reloaded", count: 1)
        try await harness.waitForLines(containing: "MQTT connected", count: 2)
        try await Task.sleep(for: .milliseconds(300))
        try await harness.publish("sensors/hall", ["19.5"])
        try await harness.waitForEvent("ReadingReported", with: ["device=hall", "point=temperature", "value=19.5"])
        try await harness.publish("sensors/air", [#"{"seq": 2, "temp": 32, "hum": 40}"#])
        try await harness.waitForEvent("ReadingReported", with: ["device=air", "point=temperature", "value=32"])
        #expect(harness.lines(containing: "ThresholdCrossed").count == 1, "the crossing survived the reload: not announced again")

        // A broken file: rejected with check's errors, the running configuration stays.
        _ = try harness.config.write("device: hall\nprotocol: mqtt\ntopic: sensors/hall\npoints:\n  temperature: {unit: degCelsius}\n", to: "devices/hall.yaml")
        harness.gateway.signal(SIGHUP)
        try await harness.waitForLines(containing: "Reload failed; the previous configuration keeps running", count: 1)
        #expect(harness.lines(containing: "Configuration rejected").contains { $0.contains("devices/hall.yaml:5:") && $0.contains("degCelsius") })
        try await harness.publish("sensors/hall", ["20.5"])
        try await harness.waitForEvent("ReadingReported", with: ["device=hall", "point=temperature", "value=20.5"])
        #expect(harness.lines(containing: "Configuration reloaded").count == 1)

        _ = try await harness.stop()
        try await broker.stop()
    }
}
