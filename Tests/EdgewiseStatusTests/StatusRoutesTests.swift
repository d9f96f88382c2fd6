import EdgewiseCore
import EdgewiseStatus
import EdgewiseTesting
import Foundation
import Testing

@Suite("The status endpoint's routes, over real HTTP")
struct StatusRoutesTests {
    @Test func healthzAnswersOkWhileTheGatewayIsAlive() async throws {
        try await StatusServerHarness.withServer { port in
            let response = try await RawHTTPClient.request("/healthz", port: port)
            #expect(response.status == 200)
            #expect(response.body == "ok\n")
            #expect(response.header("content-type") == "text/plain; charset=utf-8")
            #expect(response.header("cache-control") == "no-store")
        }
    }

    @Test func healthzAnswers503WithTheReasonWhenTheGatewayReportsAStall() async throws {
        let source = FakeStatusSource { $0.liveness = .stalled("the pipeline has taken no batch for 60s") }
        try await StatusServerHarness.withServer(source: source) { port in
            let response = try await RawHTTPClient.request("/healthz", port: port)
            #expect(response.status == 503)
            #expect(response.body == "stalled: the pipeline has taken no batch for 60s\n")
        }
    }

    @Test func everyRouteAnswers503PromptlyWhenTheGatewayDoesNotAnswer() async throws {
        let source = FakeStatusSource { $0.hangs = true }
        try await StatusServerHarness.withServer(source: source, configure: { $0.sourceTimeout = .milliseconds(200) }) { port in
            let started = ContinuousClock.now
            let health = try await RawHTTPClient.request("/healthz", port: port)
            #expect(health.status == 503)
            #expect(health.body == "stalled: the gateway did not answer within 200ms\n")

            let ready = try await RawHTTPClient.request("/readyz", port: port)
            #expect(ready.status == 503)
            #expect(try JSONDecoder().decode(Readiness.self, from: Data(ready.body.utf8)).reasons == ["the gateway did not answer within 200ms"])

            let status = try await RawHTTPClient.request("/status", port: port)
            #expect(status.status == 503)
            #expect(status.header("content-type") == "application/json")
            let error = try JSONSerialization.jsonObject(with: Data(status.body.utf8)) as? [String: String]
            #expect(error == ["error": "the gateway did not answer within 200ms"])

            // /metrics does not ask the source.
            #expect(try await RawHTTPClient.request("/metrics", port: port).status == 200)
            // Generous for a loaded CI machine; a server that waited for the source would never answer.
            #expect(ContinuousClock.now - started < .seconds(60))
        }
    }

    @Test func readyzAnswers200WhenTheGatewayIsReady() async throws {
        try await StatusServerHarness.withServer { port in
            let response = try await RawHTTPClient.request("/readyz", port: port)
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json")
            let body = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? NSDictionary
            #expect(body == ["ready": true, "reasons": [String]()] as NSDictionary)
        }
    }

    @Test func readyzAnswers503WithTheReasonsAsJSONWhenNotReady() async throws {
        let reasons = ["local_broker: not connected since 2025-11-23T19:05:00.000Z", "upstream: connection refused"]
        let source = FakeStatusSource { $0.readiness = .notReady(reasons) }
        try await StatusServerHarness.withServer(source: source) { port in
            let response = try await RawHTTPClient.request("/readyz", port: port)
            #expect(response.status == 503)
            let body = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? NSDictionary
            #expect(body == ["ready": false, "reasons": reasons] as NSDictionary)
        }
    }

    @Test func statusAnswersTheSourcesSnapshotAsJSON() async throws {
        try await StatusServerHarness.withServer { port in
            let response = try await RawHTTPClient.request("/status", port: port)
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json")
            let decoded = try JSONDecoder().decode(GatewayStatus.self, from: Data(response.body.utf8))
            #expect(decoded == FakeStatusSource.sampleStatus)
        }
    }

    @Test func statusAnswersAFreshSnapshotOnceTheKeptOneIsOld() async throws {
        let source = FakeStatusSource()
        try await StatusServerHarness.withServer(source: source, configure: { $0.statusMaxAge = .milliseconds(200) }) { port in
            func messages() async throws -> Int {
                try JSONDecoder().decode(GatewayStatus.self, from: Data(try await RawHTTPClient.request("/status", port: port).body.utf8)).devices[0].messages
            }
            let first = try await messages()
            source.answers.withLock { $0.snapshot.devices[0].messages += 1 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await messages() == first + 1)
        }
    }

    @Test func requestsInQuickSuccessionShareOneSnapshot() async throws {
        let source = FakeStatusSource()
        // Long enough that a slow machine cannot let it run out between the two requests.
        try await StatusServerHarness.withServer(source: source, configure: { $0.statusMaxAge = .seconds(60) }) { port in
            let first = try await RawHTTPClient.request("/status", port: port)
            source.answers.withLock { $0.snapshot.devices[0].messages += 1 }
            let second = try await RawHTTPClient.request("/status", port: port)
            #expect(second.body == first.body, "a client polling in a loop costs one snapshot per statusMaxAge")
        }
    }

    @Test func metricsAnswersPrometheusTextWithWhatTheGatewayRecorded() async throws {
        let metrics = GatewayMetrics(rules: ["cool-greenhouse"])
        metrics.recordReadings(3)
        metrics.recordRejection(.outOfRange)
        metrics.recordEvent(named: "ThresholdCrossed")
        metrics.recordModbusRequest(duration: .milliseconds(3), failed: false)
        try await StatusServerHarness.withServer(metrics: metrics) { port in
            let response = try await RawHTTPClient.request("/metrics", port: port)
            #expect(response.status == 200)
            #expect(response.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
            let text = try PrometheusText(parsing: response.body)
            #expect(text.value("edgewise_readings_total") == 3)
            #expect(text.value("edgewise_rejections_total", ["reason": "out_of_range"]) == 1)
            #expect(text.value("edgewise_events_total", ["type": "ThresholdCrossed"]) == 1)
            #expect(text.value("edgewise_rule_triggers_total", ["rule": "cool-greenhouse"]) == 0)
            #expect(text.value("edgewise_modbus_request_seconds_count") == 1)
            #expect(text.value("edgewise_modbus_request_seconds_bucket", ["le": "0.005"]) == 1)
        }
    }

    @Test(arguments: ["/healthz", "/readyz", "/status", "/metrics"])
    func headAnswersLikeGetWithoutTheBody(path: String) async throws {
        try await StatusServerHarness.withServer { port in
            let get = try await RawHTTPClient.request(path, port: port, method: "GET")
            let head = try await RawHTTPClient.request(path, port: port, method: "HEAD")
            #expect(head.status == get.status)
            #expect(head.header("content-type") == get.header("content-type"))
            #expect(head.body.isEmpty)
            #expect(!get.body.isEmpty)
        }
    }

    @Test func headOfAnUnknownPathIs404WithoutABody() async throws {
        try await StatusServerHarness.withServer { port in
            let response = try await RawHTTPClient.request("/nope", port: port, method: "HEAD")
            #expect(response.status == 404)
            #expect(response.body.isEmpty)
        }
    }

    @Test(arguments: ["/nope", "/STATUS", "/status/devices", "/healthz/x", "/index.html"])
    func unknownPathsAre404(path: String) async throws {
        try await StatusServerHarness.withServer { port in
            let response = try await RawHTTPClient.request(path, port: port)
            #expect(response.status == 404, "\(path)")
            #expect(response.body == "no such endpoint; there are / /healthz /readyz /status /metrics\n")
        }
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
    func methodsOtherThanGetAndHeadAre405(method: String) async throws {
        try await StatusServerHarness.withServer { port in
            for path in ["/status", "/healthz", "/nope"] {
                let response = try await RawHTTPClient.request(path, port: port, method: method, headers: [("Content-Length", "0")])
                #expect(response.status == 405, "\(method) \(path)")
                #expect(response.header("allow") == "GET, HEAD")
            }
        }
    }
}
