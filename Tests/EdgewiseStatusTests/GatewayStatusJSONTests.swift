import EdgewiseCore
import EdgewiseStatus
import Foundation
import Testing

@Suite("The JSON schema of /status")
struct GatewayStatusJSONTests {
    static func object(_ value: some Encodable) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
    }

    /// The keys docs/status.md documents, object by object.
    static let documentedKeys: [String: Set<String>] = [
        "status": ["version", "gateway_id", "started_at", "uptime_seconds", "generated_at", "config", "connections", "devices", "points", "rules", "buffer"],
        "config": ["digest", "loaded_at", "last_reload"],
        "last_reload": ["at", "result", "errors"],
        "connection": ["name", "kind", "target", "state", "since", "last_error", "last_error_at"],
        "device": ["id", "protocol", "state", "since", "last_seen", "messages", "polls", "errors", "rejections"],
        "point": ["device", "point", "value", "unit", "time"],
        "rule": ["name", "phase", "since", "until", "last_triggered", "last_cleared", "trigger_count"],
        "buffer": ["depth", "bytes", "max_bytes", "oldest_event_age_seconds", "evicted", "refused", "drain_rate"],
        "evicted": ["telemetry", "normal", "alarm"],
    ]

    @Test func everyObjectHasExactlyTheDocumentedKeys() throws {
        let json = try Self.object(FakeStatusSource.sampleStatus)
        #expect(Set(json.keys) == Self.documentedKeys["status"])
        let config = try #require(json["config"] as? [String: Any])
        #expect(Set(config.keys) == Self.documentedKeys["config"])
        #expect(Set(try #require(config["last_reload"] as? [String: Any]).keys) == Self.documentedKeys["last_reload"])
        for (list, key) in [("connections", "connection"), ("devices", "device"), ("points", "point"), ("rules", "rule")] {
            let items = try #require(json[list] as? [[String: Any]])
            #expect(!items.isEmpty)
            for item in items { #expect(Set(item.keys) == Self.documentedKeys[key], "\(list)") }
        }
        let buffer = try #require(json["buffer"] as? [String: Any])
        #expect(Set(buffer.keys) == Self.documentedKeys["buffer"])
        #expect(Set(try #require(buffer["evicted"] as? [String: Any]).keys) == Self.documentedKeys["evicted"])
    }

    @Test func absentValuesAreWrittenAsNullNotLeftOut() throws {
        let status = GatewayStatus(
            gatewayID: "gw", startedAt: FakeStatusSource.start, generatedAt: FakeStatusSource.start,
            config: .init(digest: "sha256:00", loadedAt: FakeStatusSource.start),
            devices: [.init(id: "cellar", protocol: "mqtt", state: .unknown)],
            points: [.init(device: "cellar", point: "humidity", value: nil)],
            rules: [.init(name: "r", phase: "idle")])
        let json = try Self.object(status)
        #expect(json["buffer"] is NSNull)
        #expect((json["config"] as? [String: Any])?["last_reload"] is NSNull)
        let device = try #require((json["devices"] as? [[String: Any]])?.first)
        #expect(device["since"] is NSNull && device["last_seen"] is NSNull)
        let point = try #require((json["points"] as? [[String: Any]])?.first)
        #expect(point["value"] is NSNull && point["unit"] is NSNull && point["time"] is NSNull)
        let rule = try #require((json["rules"] as? [[String: Any]])?.first)
        for key in ["since", "until", "last_triggered", "last_cleared"] { #expect(rule[key] is NSNull, "\(key)") }
    }

    @Test func timesAreUTCWithMillisecondsAndUptimeIsInSeconds() throws {
        let json = try Self.object(FakeStatusSource.sampleStatus)
        #expect(json["started_at"] as? String == "2025-11-23T19:05:00.000Z")
        #expect(json["generated_at"] as? String == "2025-11-23T20:07:03.250Z")
        #expect(json["uptime_seconds"] as? Double == 3_723.25)
    }

    @Test func pointValuesKeepTheirJSONKind() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let values = try FakeStatusSource.sampleStatus.points.map { point in
            let text = try #require(String(data: encoder.encode(point), encoding: .utf8))
            return try #require(text.firstRange(of: #""value":"#).map { String(text[$0.upperBound...].prefix { $0 != "," && $0 != "}" }) })
        }
        #expect(values == ["27.5", "true", #""auto""#, "null"])
        let decoded = try FakeStatusSource.sampleStatus.points.map { try JSONDecoder().decode(GatewayStatus.Point.self, from: encoder.encode($0)) }
        #expect(decoded == FakeStatusSource.sampleStatus.points)
    }

    @Test func statesAreWrittenAsPlainStringsAndUnknownOnesAreRead() throws {
        let json = try Self.object(FakeStatusSource.sampleStatus)
        #expect((json["connections"] as? [[String: Any]])?.map { $0["state"] as? String } == ["connected", "connecting", "connected"])
        #expect((json["devices"] as? [[String: Any]])?.map { $0["state"] as? String } == ["online", "offline", "unknown"])
        var future = try #require(String(data: JSONEncoder().encode(FakeStatusSource.sampleStatus), encoding: .utf8))
        future = future.replacingOccurrences(of: #""state":"connecting""#, with: #""state":"draining""#)
        let decoded = try JSONDecoder().decode(GatewayStatus.self, from: Data(future.utf8))
        #expect(decoded.connections[1].state.rawValue == "draining")
    }

    @Test func aRuleReportsItsPhaseWithItsStartAndEnd() {
        let start = FakeStatusSource.start
        let cases: [(RulePhase, String, Timestamp?, Timestamp?)] = [
            (.idle, "idle", nil, nil),
            (.pending(since: start, triggersAt: start + .seconds(120)), "pending", start, start + .seconds(120)),
            (.active(since: start), "active", start, nil),
            (.triggerDeferred(requestedAt: start, until: start + .seconds(180)), "trigger-deferred", start, start + .seconds(180)),
            (.clearDeferred(activeSince: start, requestedAt: start + .seconds(60), until: start + .seconds(300)), "clear-deferred", start, start + .seconds(300)),
        ]
        for (phase, name, since, until) in cases {
            let rule = GatewayStatus.Rule(
                RuleStatus(name: "cool", phase: phase, priority: 0, lastTriggered: start, lastCleared: nil), triggerCount: 2)
            #expect(rule.phase == name)
            #expect(rule.since == since?.rfc3339)
            #expect(rule.until == until?.rfc3339)
            #expect(rule.lastTriggered == start.rfc3339)
            #expect(rule.triggerCount == 2)
        }
    }

    @Test func aPointComesFromAReading() throws {
        let reading = Reading(device: "air", point: "temperature", value: .number(21.5), unit: try UnitCatalog.unit("degC"), time: FakeStatusSource.start)
        let point = GatewayStatus.Point(reading)
        #expect(point == GatewayStatus.Point(device: "air", point: "temperature", value: .number(21.5), unit: "degC", time: FakeStatusSource.start))
    }

    @Test func readinessIsWrittenWithItsVerdict() throws {
        #expect(try Self.object(Readiness.ready) as NSDictionary == ["ready": true, "reasons": [String]()])
        #expect(try Self.object(Readiness.notReady(["a"])) as NSDictionary == ["ready": false, "reasons": ["a"]])
        #expect(!Readiness.notReady(["a"]).isReady)
    }
}
