import EdgewiseTesting
import Foundation
import Glibc
import Testing

/// `edgewise run` serves its status endpoint on `status.listen`: real gateway, real mosquitto,
/// real HTTP (curl).
@Suite("The running gateway's status endpoint", .serialized)
struct StatusEndpointTests {
    static let files = GatewayHarness.devices.merging([
        "rules/hot.yaml": """
            rules:
              - name: hot
                when: air.temperature > 30
                then: [{emit: TooHot}]
            """,
    ]) { first, _ in first }

    @Test func statusShowsTheDeviceItsLastValuesTheConnectionsAndARulesTriggers() async throws {
        let broker = try await MosquittoBroker.start()
        let harness = try await GatewayHarness.start(broker: broker, files: Self.files)
        let port = harness.statusPort
        let before = try PrometheusText(parsing: try await StatusHTTP.get("/metrics", port: port).body)
        #expect(before.value("edgewise_readings_total") == 0)
        #expect(before.value("edgewise_rule_triggers_total", ["rule": "hot"]) == 0)

        try await harness.publish("sensors/air", [#"{"seq": 1, "temp": 31.5, "hum": 40}"#])
        let answer = try await StatusHTTP.waitFor("/status", port: port) { answer in
            try answer.json().entry("rules", where: "name", is: "hot")?["trigger_count"] as? Int == 1
        }
        let status = try answer.json()
        #expect(status["gateway_id"] as? String == "test-gw")
        #expect(((status["config"] as? [String: Any])?["digest"] as? String)?.hasPrefix("sha256:") == true, "\(status)")
        let air = try #require(status.entry("devices", where: "id", is: "air"), "\(status)")
        #expect(air["state"] as? String == "online")
        #expect(air["messages"] as? Int == 1)
        #expect(air["protocol"] as? String == "mqtt")
        #expect(air["last_seen"] is String)
        let points = try #require(status["points"] as? [[String: Any]])
        let temperature = try #require(points.first { $0["device"] as? String == "air" && $0["point"] as? String == "temperature" })
        #expect(temperature["value"] as? Double == 31.5)
        #expect(temperature["unit"] as? String == "degC")
        let local = try #require(status.entry("connections", where: "name", is: "local_broker"))
        #expect(local["state"] as? String == "connected")
        #expect(local["target"] as? String == "mqtt://127.0.0.1:\(broker.port)")
        let rule = try #require(status.entry("rules", where: "name", is: "hot"))
        #expect(rule["phase"] as? String == "active")
        #expect(rule["last_triggered"] is String)
        #expect(status["buffer"] is NSNull, "no upstream: no buffer")

        try await harness.publish("sensors/air", [#"{"seq": 2, "temp": 29, "hum": 41}"#])
        let metrics = try await StatusHTTP.waitFor("/metrics", port: port) { answer in
            try PrometheusText(parsing: answer.body).value("edgewise_readings_total") == 4
        }
        let text = try PrometheusText(parsing: metrics.body)
        #expect(text.types["edgewise_readings_total"] == "counter")
        #expect(text.value("edgewise_rule_triggers_total", ["rule": "hot"]) == 1)
        #expect(text.value("edgewise_events_total", ["type": "TooHot"]) == 1)
        #expect(text.value("edgewise_events_total", ["type": "ThresholdCrossed"]) == 1)
        #expect(text.value("edgewise_mqtt_messages_total", ["direction": "in"]) == 2)
        #expect(try await StatusHTTP.get("/readyz", port: port).status == 200)
        #expect(try await StatusHTTP.get("/healthz", port: port).status == 200)
        _ = try await harness.stop()
        try await broker.stop()
    }

    @Test func readinessFollowsTheLocalBroker() async throws {
        let broker = try await MosquittoBroker.start()
        let harness = try await GatewayHarness.start(broker: broker)
        let port = harness.statusPort
        _ = try await StatusHTTP.waitFor("/readyz", port: port) { $0.status == 200 }

        try await broker.stop()
        let down = try await StatusHTTP.waitFor("/readyz", port: port) { $0.status == 503 }
        let reasons = try #require(try down.json()["reasons"] as? [String])
        #expect(reasons.count == 1)
        #expect(reasons.first?.hasPrefix("local broker mqtt://127.0.0.1:\(broker.port): not connected since ") == true, "\(reasons)")
        let status = try await StatusHTTP.get("/status", port: port).json()
        #expect(status.entry("connections", where: "name", is: "local_broker")?["last_error"] is String)

        try await broker.restart()
        _ = try await StatusHTTP.waitFor("/readyz", port: port) { $0.status == 200 }
        _ = try await harness.stop()
        try await broker.stop()
    }

    @Test func eventsStreamsDerivedEventsAsTheyHappen() async throws {
        let broker = try await MosquittoBroker.start()
        let harness = try await GatewayHarness.start(broker: broker)
        let events = try ChildProcess.launch("/usr/bin/curl", arguments: ["-sN", "http://127.0.0.1:\(harness.statusPort)/events"])
        try await events.waitForOutput(containing: ": edgewise events", timeout: .seconds(30))

        try await harness.publish("sensors/air", [#"{"seq": 1, "temp": 31, "hum": 40}"#])
        try await events.waitForOutput(containing: "event: ThresholdCrossed", timeout: .seconds(60))
        let line = try #require(events.standardOutput.split(separator: "\n").first { $0.hasPrefix("data: ") && $0.contains("threshold.crossed") })
        #expect(line.contains(#""type":"io.edgewise.threshold.crossed.v1""#), "\(line)")
        #expect(line.contains(#""source":"edgewise://test-gw/devices/air""#), "\(line)")
        try await events.stop()
        _ = try await harness.stop()
        try await broker.stop()
    }

    @Test func aReloadShowsInTheStatusAndTheCountsCarryOn() async throws {
        let broker = try await MosquittoBroker.start()
        let harness = try await GatewayHarness.start(broker: broker)
        let port = harness.statusPort
        try await harness.publish("sensors/air", [#"{"seq": 1, "temp": 20, "hum": 40}"#])
        let before = try await StatusHTTP.waitFor("/status", port: port) { answer in
            try answer.json().entry("devices", where: "id", is: "air")?["messages"] as? Int == 1
        }.json()
        #expect((before["config"] as? [String: Any])?["last_reload"] is NSNull)

        _ = try harness.config.write("device: hall\nprotocol: mqtt\ntopic: sensors/hall\npoints:\n  temperature: {unit: degC}\n", to: "devices/hall.yaml")
        harness.gateway.signal(SIGHUP)
        try await harness.waitForLines(containing: "MQTT connected", count: 2)
        try await Task.sleep(for: .milliseconds(300))
        try await harness.publish("sensors/air", [#"{"seq": 2, "temp": 21, "hum": 40}"#])
        let after = try await StatusHTTP.waitFor("/status", port: port) { answer in
            try answer.json().entry("devices", where: "id", is: "air")?["messages"] as? Int == 2
        }.json()
        let config = try #require(after["config"] as? [String: Any])
        #expect((config["last_reload"] as? [String: Any])?["result"] as? String == "accepted", "\(config)")
        #expect(config["digest"] as? String != (before["config"] as? [String: Any])?["digest"] as? String)
        #expect(after.entry("devices", where: "id", is: "hall")?["state"] as? String == "unknown")
        #expect(after.entry("connections", where: "name", is: "local_broker")?["state"] as? String == "connected")
        _ = try await harness.stop()
        try await broker.stop()
    }

    /// A gateway with no broker to talk to: enough for the endpoint's own rules.
    static func config(status: String) throws -> TemporaryDirectory {
        let config = try TemporaryDirectory()
        try config.write("""
            gateway: {id: lonely}
            local_broker: {url: "mqtt://127.0.0.1:\(try FreePort.loopback())"}
            status: \(status)
            """, to: "gateway.yaml")
        return config
    }

    @Test func aNonLoopbackAddressNeedsTheTokenInEveryRequest() async throws {
        let port = try FreePort.loopback()
        let token = "s3cr3t-\(UUID().uuidString)"
        let tokenFile = try TemporaryDirectory()
        let path = try tokenFile.write(token + "\n", to: "status.token")
        chmod(path, 0o600)
        let config = try Self.config(status: #"{listen: "0.0.0.0:\#(port)", token_file: "\#(path)"}"#)
        let gateway = try ChildProcess.launch(EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"])
        try await gateway.waitForOutput(containing: "Status endpoint listening", timeout: .seconds(30))

        #expect(try await StatusHTTP.get("/status", port: port).status == 401)
        #expect(try await StatusHTTP.get("/status", port: port, token: "wrong").status == 401)
        let answer = try await StatusHTTP.get("/status", port: port, token: token)
        #expect(answer.status == 200)
        #expect(try answer.json()["gateway_id"] as? String == "lonely")
        gateway.signal(SIGTERM)
        #expect(try await gateway.waitForExit(timeout: .seconds(30)) == 0, "\(gateway.standardError)")
    }

    @Test func anUnreadableTokenFileRefusesTheStart() async throws {
        let config = try Self.config(status: #"{listen: "0.0.0.0:\#(try FreePort.loopback())", token_file: "/nonexistent/status.token"}"#)
        let result = try await EdgewiseBinary.run("run", "--config", config.path, "--state-dir", config.path + "/state")
        #expect(result.status == 1)
        #expect(result.standardError.contains("edgewise: error: status.token_file: cannot open /nonexistent/status.token"), "\(result.standardError)")
        #expect(result.standardError.contains("hint: status.token_file must name a readable file"))
    }

    @Test func aStatusAddressInUseRefusesTheStart() async throws {
        let listener = try SilentTCPListener()
        defer { listener.close() }
        let config = try Self.config(status: #"{listen: "127.0.0.1:\#(listener.port)"}"#)
        let result = try await EdgewiseBinary.run("run", "--config", config.path, "--state-dir", config.path + "/state")
        #expect(result.status == 1)
        #expect(result.standardError.contains("edgewise: error: status.listen: cannot listen on 127.0.0.1:\(listener.port): Address already in use"),
                "\(result.standardError)")
        #expect(result.standardError.contains("hint: status.listen must be"))
    }
}
