import EdgewiseCore
import EdgewiseStatus
import EdgewiseTesting
import Testing

@Suite("Gateway metrics in the Prometheus text format")
struct GatewayMetricsTests {
    static func parse(_ metrics: GatewayMetrics) throws -> PrometheusText {
        try PrometheusText(parsing: String(decoding: metrics.exposition(), as: UTF8.self))
    }

    static let documentedFamilies: [String: String] = [
        "edgewise_readings_total": "counter", "edgewise_rejections_total": "counter", "edgewise_events_total": "counter",
        "edgewise_rule_triggers_total": "counter", "edgewise_action_failures_total": "counter", "edgewise_modbus_requests_total": "counter",
        "edgewise_modbus_errors_total": "counter", "edgewise_modbus_request_seconds": "histogram", "edgewise_mqtt_messages_total": "counter",
        "edgewise_buffer_events": "gauge", "edgewise_buffer_bytes": "gauge", "edgewise_buffer_evicted_total": "counter",
        "edgewise_upstream_publish_seconds": "histogram", "edgewise_build_info": "gauge",
    ]

    @Test func everyMetricIsThereWithItsTypeAndHelpBeforeAnythingIsRecorded() throws {
        let text = try Self.parse(GatewayMetrics(rules: ["cool-greenhouse"], eventNames: ["CoolingRequested"]))
        #expect(text.types == Self.documentedFamilies)
        #expect(Set(text.help.keys) == Set(Self.documentedFamilies.keys))
        #expect(text.help.values.allSatisfy { !$0.isEmpty })
        // Every sample belongs to a declared family.
        for sample in text.samples {
            #expect(text.types[PrometheusText.family(of: sample.name, in: text.types)] != nil, "\(sample.name)")
        }
        #expect(text.value("edgewise_readings_total") == 0)
        for reason in Rejection.Reason.allCases {
            #expect(text.value("edgewise_rejections_total", ["reason": reason.rawValue]) == 0)
        }
        for name in EventName.builtIn + ["CoolingRequested"] {
            #expect(text.value("edgewise_events_total", ["type": name]) == 0)
        }
        #expect(text.value("edgewise_rule_triggers_total", ["rule": "cool-greenhouse"]) == 0)
        #expect(text.value("edgewise_mqtt_messages_total", ["direction": "in"]) == 0)
        #expect(text.value("edgewise_mqtt_messages_total", ["direction": "out"]) == 0)
        for priority in ["telemetry", "normal", "alarm"] {
            #expect(text.value("edgewise_buffer_evicted_total", ["priority": priority]) == 0)
        }
        #expect(text.value("edgewise_build_info", ["version": EdgewiseVersion.current]) == 1)
        #expect(text.value("edgewise_modbus_request_seconds_bucket", ["le": "+Inf"]) == 0)
    }

    @Test func recordingShowsInTheSamples() throws {
        let metrics = GatewayMetrics()
        metrics.recordReadings(5)
        metrics.recordReadings()
        metrics.recordRejection(.wrongType)
        metrics.recordRejection(.wrongType)
        metrics.recordEvent(named: "ThresholdCrossed")
        metrics.recordEvent(named: "CoolingRequested")
        metrics.recordRuleTrigger(rule: "cool-greenhouse")
        metrics.recordActionFailure()
        metrics.recordModbusRequest(duration: .milliseconds(4), failed: false)
        metrics.recordModbusRequest(duration: .seconds(1), failed: true)
        metrics.recordMQTTReceived(10)
        metrics.recordMQTTPublished()
        metrics.setBuffer(events: 42, bytes: 16_384)
        metrics.recordBufferEvictions(telemetry: 3, alarm: 1)
        metrics.recordUpstreamPublish(duration: .milliseconds(30))

        let text = try Self.parse(metrics)
        #expect(text.value("edgewise_readings_total") == 6)
        #expect(text.value("edgewise_rejections_total", ["reason": "wrong_type"]) == 2)
        #expect(text.value("edgewise_rejections_total", ["reason": "out_of_range"]) == 0)
        #expect(text.value("edgewise_events_total", ["type": "ThresholdCrossed"]) == 1)
        #expect(text.value("edgewise_events_total", ["type": "CoolingRequested"]) == 1)
        #expect(text.value("edgewise_rule_triggers_total", ["rule": "cool-greenhouse"]) == 1)
        #expect(text.value("edgewise_action_failures_total") == 1)
        #expect(text.value("edgewise_modbus_requests_total") == 2)
        #expect(text.value("edgewise_modbus_errors_total") == 1)
        #expect(text.value("edgewise_modbus_request_seconds_count") == 2)
        #expect(text.value("edgewise_modbus_request_seconds_sum") == 1.004)
        #expect(text.value("edgewise_modbus_request_seconds_bucket", ["le": "0.005"]) == 1)
        #expect(text.value("edgewise_modbus_request_seconds_bucket", ["le": "1.0"]) == 2)
        #expect(text.value("edgewise_mqtt_messages_total", ["direction": "in"]) == 10)
        #expect(text.value("edgewise_mqtt_messages_total", ["direction": "out"]) == 1)
        #expect(text.value("edgewise_buffer_events") == 42)
        #expect(text.value("edgewise_buffer_bytes") == 16_384)
        #expect(text.value("edgewise_buffer_evicted_total", ["priority": "telemetry"]) == 3)
        #expect(text.value("edgewise_buffer_evicted_total", ["priority": "normal"]) == 0)
        #expect(text.value("edgewise_buffer_evicted_total", ["priority": "alarm"]) == 1)
        #expect(text.value("edgewise_upstream_publish_seconds_count") == 1)
        #expect(text.value("edgewise_upstream_publish_seconds_bucket", ["le": "0.025"]) == 0)
        #expect(text.value("edgewise_upstream_publish_seconds_bucket", ["le": "0.05"]) == 1)
    }

    @Test func labelValuesFromTheConfigurationAreEscaped() throws {
        let metrics = GatewayMetrics()
        metrics.recordRuleTrigger(rule: #"odd "name"\path"#)
        let text = try Self.parse(metrics)
        #expect(text.value("edgewise_rule_triggers_total", ["rule": #"odd "name"\path"#]) == 1)
    }

    @Test func twoRegistriesDoNotShareCounts() throws {
        let one = GatewayMetrics()
        let other = GatewayMetrics()
        one.recordReadings(7)
        #expect(try Self.parse(one).value("edgewise_readings_total") == 7)
        #expect(try Self.parse(other).value("edgewise_readings_total") == 0)
    }

    @Test func metricsRecordedThroughSwiftMetricsAppearInTheSameExposition() throws {
        let metrics = GatewayMetrics()
        let factory = metrics.metricsFactory
        factory.makeCounter(label: "edgewise_test_total", dimensions: [("kind", "x")]).increment(by: 2)
        #expect(try Self.parse(metrics).value("edgewise_test_total", ["kind": "x"]) == 2)
    }
}
