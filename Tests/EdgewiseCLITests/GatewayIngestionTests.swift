import EdgewiseTesting
import Foundation
import Testing

/// `edgewise run` against a real mosquitto on 127.0.0.1: sensors publish, events appear.
@Suite("Gateway ingestion from a real broker", .serialized)
struct GatewayIngestionTests {
    @Test(arguments: [0, 1])
    func publishedReadingsBecomeEventsWithBothQoS(qos: Int) async throws {
        let broker = try await MosquittoBroker.start()
        let harness = try await GatewayHarness.start(broker: broker)
        try await harness.publish("sensors/air", [#"{"seq": 1, "temp": 29, "hum": 40}"#, #"{"seq": 2, "temp": 31.5, "hum": 41}"#], qos: qos)
        try await harness.waitForLines(containing: "ThresholdCrossed", count: 1)
        #expect(!harness.lines(of: "ThresholdCrossed", with: ["device=air", "point=temperature", "value=31.5"]).isEmpty)
        let counters = try await harness.stop()
        #expect(counters["pipeline.readings"] == 4)
        try await broker.stop()
    }

    @Test func templateTopicsNameTheDeviceAndPointAndConvertUnits() async throws {
        let broker = try await MosquittoBroker.start()
        let harness = try await GatewayHarness.start(broker: broker)
        try await harness.publish("home/first-floor/kitchen/temperature", ["77"])
        try await harness.publish("home/attic/bath/window", ["open?"])
        try await harness.waitForEvent("ReadingReported", with: ["device=kitchen", "point=temperature", "unit=degC", "value=25"])
        try await harness.waitForEvent("ReadingRejected", with: ["device=bath", "point=window", "reason=wrong_type"])
        _ = try await harness.stop()
        try await broker.stop()
    }

    @Test func aBrokerRestartMidStreamIsSurvived() async throws {
        let broker = try await MosquittoBroker.start()
        let harness = try await GatewayHarness.start(broker: broker)
        try await harness.publish("sensors/air", [#"{"seq": 1, "temp": 20, "hum": 40}"#])
        try await harness.waitForLines(containing: "ReadingReported", count: 2)
        try await broker.restart()
        try await harness.waitForLines(containing: "MQTT connected", count: 2)
        try await Task.sleep(for: .milliseconds(500))
        try await harness.publish("sensors/air", [#"{"seq": 2, "temp": 35, "hum": 40}"#])
        try await harness.waitForLines(containing: "ThresholdCrossed", count: 1)
        let counters = try await harness.stop()
        #expect(counters["mqtt.reconnects"] == 1)
        #expect(counters["pipeline.readings"] == 4)
        try await broker.stop()
    }

    @Test func tenThousandMalformedPayloadsAreRejectedWithFlatMemoryWhileValidReadingsFlow() async throws {
        let broker = try await MosquittoBroker.start()
        let harness = try await GatewayHarness.start(broker: broker)
        try await harness.publish("sensors/air", (1...100).map { "{\"seq\": \($0), \"temp\": \"bad\", \"hum\": 40}" })
        try await harness.waitForLines(containing: "ReadingRejected", count: 100)
        let before = try harness.residentKilobytes()
        let garbage = ["{", "null", "[1,2", "{\"temp\": NaN}", "\u{7F}\u{01}", "{\"seq\": 1e999}", String(repeating: "[", count: 5_000), "{\"temp\": }"]
        try await harness.publish("sensors/air", (0..<10_000).map { garbage[$0 % garbage.count] })
        try await harness.publish("sensors/air", [#"{"seq": 99999, "temp": 21, "hum": 40}"#])
        try await harness.waitForEvent("ReadingReported", with: ["device=air", "point=temperature", "value=21"], timeout: .seconds(120))
        let after = try harness.residentKilobytes()
        let counters = try await harness.stop()
        #expect(counters["pipeline.rejections"] == 10_100, "\(counters)")
        #expect(counters["mqtt.messages"] == 10_101)
        // Each rejected message is logged and dropped; nothing accumulates. Allow for allocator noise.
        #expect(after - before < 16 * 1_024, "resident memory grew from \(before) KiB to \(after) KiB")
        try await broker.stop()
    }
}
