import EdgewiseTesting
import Foundation
import Testing

/// Store-and-forward with real processes: a local broker for the sensors, an "upstream" broker for
/// the cloud, the gateway between them, and a subscriber on the upstream broker.
@Suite("Upstream forwarding through the durable queue", .serialized)
struct UpstreamForwardingTests {
    static let device = """
        device: air
        protocol: mqtt
        topic: sensors/air
        points:
          temperature: {json: "$.temp", unit: degC, thresholds: [{above: 1000}]}
        """

    /// An upstream broker that keeps the subscriber's session across its own restarts.
    static func upstreamBroker(port: Int, directory: TemporaryDirectory) async throws -> MosquittoBroker {
        try await MosquittoBroker.start(.init(
            extraConfiguration: ["persistence true", "persistence_location \(directory.path)/"], port: port))
    }

    static func gateway(local: MosquittoBroker, upstreamPort: Int, config: TemporaryDirectory, extra: String = "", upstreamExtra: String = "") throws -> ChildProcess {
        _ = try config.write("""
            gateway: {id: gw}
            local_broker: {url: "mqtt://127.0.0.1:\(local.port)"}
            upstream:
              url: "mqtt://127.0.0.1:\(upstreamPort)"
              topic: "edgewise/{gateway}/{type}/{device}"\(upstreamExtra)
            buffer: {path: "\(config.path)/state/buffer.db"\(extra)}
            status: {listen: "127.0.0.1:\(try FreePort.loopback())"}
            logging: {level: debug}   # readings are logged at debug; the tests count their lines
            """, to: "gateway.yaml")
        _ = try config.write(device, to: "devices/air.yaml")
        return try ChildProcess.launch(EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"])
    }

    /// A persistent-session QoS 1 subscriber on the upstream broker's readings, once subscribed.
    static func subscriber(port: Int, topic: String = "edgewise/gw/ReadingReported/#", extraArguments: [String] = []) async throws -> ChildProcess {
        // stdbuf: line-buffered, so the debug line with SUBACK is in the file when it happens.
        let subscriber = try ChildProcess.launch("/usr/bin/stdbuf", arguments: [
            "-oL", "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", "\(port)", "-t", topic, "-q", "1", "-c", "-i", "upstream-test-subscriber", "-d",
        ] + extraArguments)
        try await subscriber.waitForOutput(containing: "SUBACK", timeout: .seconds(30))
        return subscriber
    }

    static func publish(_ values: ClosedRange<Int>, to broker: MosquittoBroker, in directory: TemporaryDirectory) async throws {
        let file = try directory.write(values.map { #"{"temp": \#($0)}"# }.joined(separator: "\n") + "\n", to: "publish-\(values.lowerBound).txt")
        let result = try await ChildProcess.run(
            "/bin/sh", arguments: ["-c", "mosquitto_pub -h 127.0.0.1 -p \(broker.port) -q 1 -t sensors/air -l < '\(file)'"], timeout: .seconds(120))
        #expect(result.status == 0, "\(result.standardError)")
    }

    /// The received events' temperature values and ids, in arrival order, and whether each was a replay.
    static func received(_ subscriber: ChildProcess) -> [(value: Int, id: String, replay: Bool)] {
        subscriber.standardOutput.split(separator: "\n").compactMap { line in
            guard let brace = line.firstIndex(of: "{"),
                  let object = try? JSONSerialization.jsonObject(with: Data(line[brace...].utf8)) as? [String: Any],
                  let data = object["data"] as? [String: Any], let value = data["value"] as? Double, let id = object["id"] as? String
            else { return nil }
            return (Int(value), id, object["edgewisereplay"] as? Bool ?? false)
        }
    }

    /// Stops the gateway with SIGTERM (expecting exit 0), then the subscriber and the brokers.
    static func stop(gateway: ChildProcess, subscriber: ChildProcess, brokers: [MosquittoBroker]) async throws {
        gateway.signal(SIGTERM)
        #expect(try await gateway.waitForExit(timeout: .seconds(30)) == 0)
        subscriber.signal(SIGTERM)
        _ = try? await subscriber.waitForExit(timeout: .seconds(10))
        for broker in brokers { try await broker.stop() }
    }

    static func waitUntil(_ what: String, timeout: Duration = .seconds(60), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { throw HarnessError("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Every value of `range` arrived, in order, and any repeats carry the id of the first copy.
    static func expectComplete(_ received: [(value: Int, id: String, replay: Bool)], _ range: ClosedRange<Int>) {
        var firstID: [Int: String] = [:]
        var order: [Int] = []
        for entry in received {
            if let id = firstID[entry.value] {
                #expect(id == entry.id, "a duplicate of \(entry.value) with another id")
            } else {
                firstID[entry.value] = entry.id
                order.append(entry.value)
            }
        }
        #expect(order == Array(range), "missing or out of order: got \(order.count) of \(range.count)")
    }

    @Test func anUpstreamOutageLosesNothingAndTheBacklogArrivesInOrderMarkedAsReplayed() async throws {
        let local = try await MosquittoBroker.start()
        let upstreamDirectory = try TemporaryDirectory()
        let upstreamPort = try FreePort.loopback()
        var upstream = try await Self.upstreamBroker(port: upstreamPort, directory: upstreamDirectory)
        let subscriber = try await Self.subscriber(port: upstreamPort)
        let config = try TemporaryDirectory()
        let gateway = try Self.gateway(local: local, upstreamPort: upstreamPort, config: config)
        try await gateway.waitForOutput(containing: "MQTT connected", timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(500))

        try await Self.publish(1...100, to: local, in: config)
        try await Self.waitUntil("the first 100 upstream") { Self.received(subscriber).count >= 100 }

        try await upstream.stop()
        try await Self.publish(101...300, to: local, in: config)
        try await Self.waitUntil("300 readings accepted") { gateway.standardError.components(separatedBy: "ReadingReported").count > 300 }
        upstream = try await Self.upstreamBroker(port: upstreamPort, directory: upstreamDirectory)
        try await Self.waitUntil("the backlog upstream") { Set(Self.received(subscriber).map(\.value)).count >= 300 }
        try await Self.publish(301...400, to: local, in: config)
        try await Self.waitUntil("all 400 upstream") { Set(Self.received(subscriber).map(\.value)).count >= 400 }

        try await Self.stop(gateway: gateway, subscriber: subscriber, brokers: [upstream, local])

        let received = Self.received(subscriber)
        Self.expectComplete(received, 1...400)
        #expect(received.filter { (101...300).contains($0.value) }.allSatisfy { $0.replay }, "the backlog is marked as replayed")
        #expect(!received.filter { (1...100).contains($0.value) }.contains { $0.replay }, "live events are not")
        #expect(!received.filter { (301...400).contains($0.value) }.contains { $0.replay }, "nor live events after the link is back")
    }

    @Test func withBatchingConsecutiveEventsArriveTogetherAsCloudEventsArrays() async throws {
        let local = try await MosquittoBroker.start()
        let upstreamDirectory = try TemporaryDirectory()
        let upstreamPort = try FreePort.loopback()
        let upstream = try await Self.upstreamBroker(port: upstreamPort, directory: upstreamDirectory)
        let subscriber = try await Self.subscriber(port: upstreamPort, topic: "edgewise/gw/batch")
        let config = try TemporaryDirectory()
        let gateway = try Self.gateway(local: local, upstreamPort: upstreamPort, config: config, upstreamExtra: """

              events: [ReadingReported]
              batch: {max_events: 50, max_delay: 200ms}
            """)
        try await gateway.waitForOutput(containing: "MQTT connected", timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(500))

        try await Self.publish(1...250, to: local, in: config)
        let batches = { subscriber.standardOutput.split(separator: "\n").compactMap { line -> [[String: Any]]? in
            guard let bracket = line.firstIndex(of: "[") else { return nil }
            return try? JSONSerialization.jsonObject(with: Data(line[bracket...].utf8)) as? [[String: Any]]
        } }
        try await Self.waitUntil("250 events upstream") { batches().map(\.count).reduce(0, +) >= 250 }

        try await Self.stop(gateway: gateway, subscriber: subscriber, brokers: [upstream, local])

        let received = batches()
        #expect(received.allSatisfy { (1...50).contains($0.count) }, "sizes \(received.map(\.count))")
        #expect(received.count < 250, "events went out together, not one per message: \(received.count) messages")
        let values = received.flatMap { $0 }.compactMap { ($0["data"] as? [String: Any])?["value"] as? Double }.map { Int($0) }
        #expect(values == Array(1...250), "every event once, in order")
        #expect(received.flatMap { $0 }.allSatisfy { $0["type"] as? String == "io.edgewise.reading.reported.v1" && $0["id"] is String })
    }

    @Test func overMQTT5InBinaryModeAttributesArriveAsUserPropertiesAndDataAsPayload() async throws {
        let local = try await MosquittoBroker.start()
        let upstreamDirectory = try TemporaryDirectory()
        let upstreamPort = try FreePort.loopback()
        let upstream = try await Self.upstreamBroker(port: upstreamPort, directory: upstreamDirectory)
        let subscriber = try await Self.subscriber(port: upstreamPort, extraArguments: ["-V", "5", "-F", "MSG|%C|%P|%p"])
        let config = try TemporaryDirectory()
        let gateway = try Self.gateway(local: local, upstreamPort: upstreamPort, config: config, upstreamExtra: """

              protocol_version: 5
              cloudevents: binary
            """)
        try await gateway.waitForOutput(containing: "MQTT connected", timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(500))
        try await Self.publish(1...3, to: local, in: config)
        let messages = { subscriber.standardOutput.split(separator: "\n").filter { $0.hasPrefix("MSG|") }.map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) } }
        try await Self.waitUntil("3 events upstream") { messages().count >= 3 }

        try await Self.stop(gateway: gateway, subscriber: subscriber, brokers: [upstream, local])

        let received = messages()
        try #require(received.count == 3 && received.allSatisfy { $0.count == 4 }, "\(subscriber.standardOutput)")
        for (index, fields) in received.enumerated() {
            #expect(fields[1] == "application/json", "Content Type is the data's type")
            #expect(fields[2].contains("specversion:1.0") && fields[2].contains("type:io.edgewise.reading.reported.v1")
                    && fields[2].contains("source:edgewise://gw/devices/air") && fields[2].contains("id:"), "attributes: \(fields[2])")
            let data = try #require(try JSONSerialization.jsonObject(with: Data(fields[3].utf8)) as? [String: Any], "payload: \(fields[3])")
            #expect(data["value"] as? Double == Double(index + 1), "the payload is the event's data alone")
            #expect(data["specversion"] == nil)
        }
    }

    @Test func eventsQueuedBeforeASIGKILLAreSentAfterTheRestart() async throws {
        let local = try await MosquittoBroker.start()
        let upstreamDirectory = try TemporaryDirectory()
        let upstreamPort = try FreePort.loopback()
        let config = try TemporaryDirectory()
        let first = try Self.gateway(local: local, upstreamPort: upstreamPort, config: config, extra: ", durability: full")
        try await first.waitForOutput(containing: "MQTT connected", timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(500))
        // No upstream broker yet: everything waits in the queue.
        try await Self.publish(1...200, to: local, in: config)
        try await Self.waitUntil("200 readings accepted") { first.standardError.components(separatedBy: "ReadingReported").count > 200 }
        first.signal(SIGKILL)
        _ = try await first.waitForExit(timeout: .seconds(30))

        let upstream = try await Self.upstreamBroker(port: upstreamPort, directory: upstreamDirectory)
        let subscriber = try await Self.subscriber(port: upstreamPort)
        let second = try Self.gateway(local: local, upstreamPort: upstreamPort, config: config, extra: ", durability: full")
        do {
            try await Self.waitUntil("all 200 upstream after the restart") { Set(Self.received(subscriber).map(\.value)).count >= 200 }
        } catch {
            Issue.record("received \(Self.received(subscriber).count); gateway log:\n\(second.standardError.suffix(4_000))")
            throw error
        }
        second.signal(SIGTERM)
        #expect(try await second.waitForExit(timeout: .seconds(30)) == 0)
        subscriber.signal(SIGTERM)
        _ = try? await subscriber.waitForExit(timeout: .seconds(10))
        try await upstream.stop()
        try await local.stop()

        let received = Self.received(subscriber)
        Self.expectComplete(received, 1...200)
        #expect(received.allSatisfy { $0.replay }, "everything came from the previous run's backlog")
    }

    @Test func aFullBufferEvictsTelemetryBeforeAlarmsAndReportsOneOverflowEpisode() async throws {
        let local = try await MosquittoBroker.start()
        let upstreamDirectory = try TemporaryDirectory()
        let upstreamPort = try FreePort.loopback()
        let config = try TemporaryDirectory()
        _ = try config.write("""
            device: air
            protocol: mqtt
            topic: sensors/air
            points:
              temperature: {json: "$.temp", unit: degC, thresholds: [{above: 50}]}
            """, to: "devices/air.yaml")
        _ = try config.write("""
            gateway: {id: gw}
            local_broker: {url: "mqtt://127.0.0.1:\(local.port)"}
            upstream: {url: "mqtt://127.0.0.1:\(upstreamPort)", topic: "edgewise/{gateway}/{type}/{device}"}
            buffer: {path: "\(config.path)/state/buffer.db", max_size: 1MB}
            status: {listen: "127.0.0.1:\(try FreePort.loopback())"}
            logging: {level: debug}   # readings are logged at debug; the tests count their lines
            """, to: "gateway.yaml")
        let gateway = try ChildProcess.launch(EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"])
        try await gateway.waitForOutput(containing: "MQTT connected", timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(500))

        // No upstream: 4,000 readings (~2 MB of events) for a 1 MB buffer; every 200th crosses or clears the threshold.
        let payloads = (1...4_000).map { #"{"temp": \#($0 % 400 < 200 ? 20 : 60)}"# }
        let file = try config.write(payloads.joined(separator: "\n") + "\n", to: "burst.txt")
        let result = try await ChildProcess.run(
            "/bin/sh", arguments: ["-c", "mosquitto_pub -h 127.0.0.1 -p \(local.port) -q 1 -t sensors/air -l < '\(file)'"], timeout: .seconds(120))
        #expect(result.status == 0)
        try await Self.waitUntil("4,000 readings accepted", timeout: .seconds(120)) {
            gateway.standardError.components(separatedBy: " ReadingReported ").count > 4_000
        }
        #expect(gateway.standardError.contains("Upstream buffer full"))

        let upstream = try await Self.upstreamBroker(port: upstreamPort, directory: upstreamDirectory)
        let subscriber = try ChildProcess.launch("/usr/bin/stdbuf", arguments: [
            "-oL", "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", "\(upstreamPort)", "-t", "edgewise/#", "-q", "1", "-v",
        ])
        try await Self.waitUntil("the BufferOverflow event upstream", timeout: .seconds(120)) { subscriber.standardOutput.contains("/BufferOverflow/") }
        try await Self.stop(gateway: gateway, subscriber: subscriber, brokers: [upstream, local])

        let lines = subscriber.standardOutput.split(separator: "\n")
        let crossings = lines.filter { $0.contains("/ThresholdCrossed/") || $0.contains("/ThresholdCleared/") }.count
        #expect(crossings == 20, "every alarm survived the overflow: 10 crossings and 10 clearings")
        let readings = lines.filter { $0.contains("/ReadingReported/") }.count
        #expect(readings < 4_000, "telemetry was evicted: \(readings) readings arrived")
        let overflow = try #require(lines.first { $0.contains("/BufferOverflow/") })
        let json = try #require(overflow.firstIndex(of: "{").map { String(overflow[$0...]) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let data = try #require(object["data"] as? [String: Any])
        let evicted = try #require(data["evicted"] as? [String: Int])
        #expect(evicted["alarm"] == 0)
        #expect((evicted["telemetry"] ?? 0) + readings >= 4_000, "every reading either arrived or was counted as evicted")
        #expect(lines.filter { $0.contains("/BufferOverflow/") }.count == 1, "one event per episode")
    }
}
