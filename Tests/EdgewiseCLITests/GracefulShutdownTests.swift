import EdgewiseTesting
import Foundation
import Testing

/// SIGTERM in the middle of a burst, as `systemctl stop` or a reboot sends it: the gateway exits 0
/// well inside TimeoutStopSec, every event it produced is committed to the durable buffer, and
/// nothing the sensors published is lost — what the gateway had not taken yet waits in the local
/// broker (its session is persistent) and comes after the restart.
///
/// The device has a `message_id`: messages whose PUBACK the broker had not seen when the first
/// gateway disconnected are delivered again after the restart (QoS 1 is at-least-once), and the
/// ids, saved with the pipeline's state on shutdown, let the second gateway drop them. Without a
/// `message_id` they would come out as a few duplicate readings with new event ids (16 of 5,000
/// in one run here); see docs/deployment.md.
@Suite("Graceful shutdown under load", .serialized)
struct GracefulShutdownTests {
    static let messages = 1...5_000

    static func committedReadings(in database: String) async throws -> Int {
        let result = try await ChildProcess.run("sqlite3", arguments: [database, "SELECT count(*) FROM events WHERE type = 'ReadingReported'"])
        return try #require(Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)), "sqlite3: \(result.standardError)")
    }

    /// The gateway of `UpstreamForwardingTests`, with its status endpoint on a port of its own.
    static func gateway(local: MosquittoBroker, upstreamPort: Int, config: TemporaryDirectory, statusPort: Int) throws -> ChildProcess {
        _ = try config.write("""
            gateway: {id: gw}
            local_broker: {url: "mqtt://127.0.0.1:\(local.port)"}
            upstream:
              url: "mqtt://127.0.0.1:\(upstreamPort)"
              topic: "edgewise/{gateway}/{type}/{device}"
            buffer: {path: "\(config.path)/state/buffer.db"}
            logging: {level: debug}   # readings are logged at debug; the tests count their lines
            status: {listen: "127.0.0.1:\(statusPort)"}
            """, to: "gateway.yaml")
        _ = try config.write("""
            device: air
            protocol: mqtt
            topic: sensors/air
            message_id: "$.seq"
            points:
              temperature: {json: "$.temp", unit: degC}
            """, to: "devices/air.yaml")
        return try ChildProcess.launch(EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"])
    }

    @Test func sigtermMidBurstExitsZeroCommitsEveryEventAndLosesNoMessage() async throws {
        let local = try await MosquittoBroker.start()
        let upstreamDirectory = try TemporaryDirectory()
        let upstreamPort = try FreePort.loopback()
        let config = try TemporaryDirectory()
        let statusPort = try FreePort.loopback()
        // No upstream broker yet: every event the first gateway produces stays in the buffer.
        let first = try Self.gateway(local: local, upstreamPort: upstreamPort, config: config, statusPort: statusPort)
        try await first.waitForOutput(containing: "MQTT connected", timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(500))

        let file = try config.write(Self.messages.map { #"{"seq": \#($0), "temp": \#($0)}"# }.joined(separator: "\n") + "\n", to: "burst.txt")
        let publisher = try ChildProcess.launch(
            "/bin/sh", arguments: ["-c", "exec mosquitto_pub -h 127.0.0.1 -p \(local.port) -q 1 -t sensors/air -l < '\(file)'"])
        try await UpstreamForwardingTests.waitUntil("the first 300 readings") {
            first.standardError.components(separatedBy: " ReadingReported ").count > 300
        }
        let stopAsked = ContinuousClock.now
        first.signal(SIGTERM)
        #expect(try await first.waitForExit(timeout: .seconds(30)) == 0, "\(first.standardError.suffix(3_000))")
        let stopTook = ContinuousClock.now - stopAsked
        #expect(stopTook < .seconds(15), "TimeoutStopSec is 30 s; stopping took \(stopTook)")
        #expect(try await publisher.waitForExit(timeout: .seconds(120)) == 0, "\(publisher.standardError)")

        // Committed: every reading the first gateway produced (and logged) is in the buffer.
        let produced = first.standardError.components(separatedBy: " ReadingReported ").count - 1
        let committed = try await Self.committedReadings(in: config.path + "/state/buffer.db")
        #expect(committed == produced, "produced \(produced) readings, committed \(committed)")
        #expect(first.standardError.contains("MQTT ingestion stopped"))

        // The restart forwards the buffer and takes the rest from the broker: all of them, in order.
        let upstream = try await UpstreamForwardingTests.upstreamBroker(port: upstreamPort, directory: upstreamDirectory)
        let subscriber = try await UpstreamForwardingTests.subscriber(port: upstreamPort)
        let second = try Self.gateway(local: local, upstreamPort: upstreamPort, config: config, statusPort: statusPort)
        do {
            try await UpstreamForwardingTests.waitUntil("all \(Self.messages.count) upstream", timeout: .seconds(180)) {
                Set(UpstreamForwardingTests.received(subscriber).map(\.value)).count >= Self.messages.count
            }
        } catch {
            Issue.record("received \(Set(UpstreamForwardingTests.received(subscriber).map(\.value)).count); gateway log:\n\(second.standardError.suffix(4_000))")
        }
        try await UpstreamForwardingTests.stop(gateway: second, subscriber: subscriber, brokers: [upstream, local])
        UpstreamForwardingTests.expectComplete(UpstreamForwardingTests.received(subscriber), Self.messages)
    }
}
