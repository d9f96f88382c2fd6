import Testing

@testable import EdgewiseCore

@Suite("CloudEvents 1.0 structured JSON")
struct CloudEventEncoderTests {
    static let time = Timestamp(epochMilliseconds: 1_763_924_700_123)
    static let id = EventID("019ab2f4-5c3e-7a41-8d2f-6b1e0c9a7f10")!
    static let encoder = CloudEventEncoder(gatewayID: "greenhouse-01")

    static func decoded(_ data: EventData, name: EventName, device: String? = "air", point: String? = "temperature") throws -> JSONValue {
        let event = Event(id: id, event: DomainEvent(name, time: time, device: device, point: point, data: data))
        return try JSONParser.parse(encoder.encode(event))
    }

    @Test func envelopeHasEveryRequiredAttribute() throws {
        let json = try Self.decoded(.readingReported(value: .number(21.5), unit: try UnitCatalog.unit("degC")), name: .readingReported)
        #expect(json == [
            "specversion": "1.0", "id": "019ab2f4-5c3e-7a41-8d2f-6b1e0c9a7f10", "source": "edgewise://greenhouse-01/devices/air",
            "type": "io.edgewise.reading.reported.v1", "subject": "air/temperature", "time": "2025-11-23T19:05:00.123Z",
            "datacontenttype": "application/json",
            "data": ["device": "air", "point": "temperature", "value": 21.5, "unit": "degC"],
        ])
    }

    @Test func thresholdEventsCarryTheLimit() throws {
        let data = ThresholdEventData(value: 30.4, unit: nil, direction: .above, limit: 30, hysteresis: 1)
        let json = try Self.decoded(.thresholdCrossed(data), name: .thresholdCrossed)
        #expect(json["type"] == "io.edgewise.threshold.crossed.v1")
        #expect(json["data"] == ["device": "air", "point": "temperature", "value": 30.4, "direction": "above", "limit": 30, "hysteresis": 1])
    }

    @Test func deviceEventsHaveTheDeviceAsSubject() throws {
        let json = try Self.decoded(.deviceOffline(lastSeen: Self.time, cause: .silent(staleAfter: .seconds(90))), name: .deviceOffline, point: nil)
        #expect(json["subject"] == "air")
        #expect(json["data"] == ["device": "air", "last_seen": "2025-11-23T19:05:00.123Z", "reason": "stale", "stale_after": "1m30s"])
        let online = try Self.decoded(.deviceOnline(offlineSince: nil), name: .deviceOnline, point: nil)
        #expect(online["data"] == ["device": "air"])
    }

    @Test func anUnreachableDeviceSaysHowManyPollsFailedAndWhy() throws {
        let json = try Self.decoded(.deviceOffline(lastSeen: nil, cause: .unreachable(failedPolls: 3, error: "Connection timed out")), name: .deviceOffline, point: nil)
        #expect(json["data"] == ["device": "air", "reason": "unreachable", "failed_polls": 3, "error": "Connection timed out"])
    }

    @Test func actionEventsCarryTheValueTheRuleTheReadBackAndTheDuration() throws {
        let confirmed = ActionEventData(value: .boolean(true), unit: nil, rule: "cooling", readBack: .boolean(true), duration: .milliseconds(42))
        let json = try Self.decoded(.actionConfirmed(confirmed), name: .actionConfirmed)
        #expect(json["type"] == "io.edgewise.action.confirmed.v1")
        #expect(json["data"] == ["device": "air", "point": "temperature", "value": true, "rule": "cooling", "read_back": true, "duration_ms": 42])
        let failed = ActionEventData(value: .number(21.5), unit: try UnitCatalog.unit("degC"), rule: nil, error: "Connection timed out", duration: .seconds(1))
        let failedJSON = try Self.decoded(.actionFailed(failed), name: .actionFailed)
        #expect(failedJSON["data"] == ["device": "air", "point": "temperature", "value": 21.5, "unit": "degC", "error": "Connection timed out", "duration_ms": 1000])
    }

    @Test func ruleEventsCarryTheRuleTheReasonAndTheValuesThatCausedThem() throws {
        let data = RuleEventData(rule: "cool-greenhouse", reason: "condition held for 2m", values: [
            .init(point: "greenhouse-air.temperature", value: .number(27.5)), .init(point: "hvac.alarm", value: nil),
        ])
        let json = try Self.decoded(.ruleTriggered(data), name: .ruleTriggered, point: nil)
        #expect(json["type"] == "io.edgewise.rule.triggered.v1")
        #expect(json["data"] == [
            "device": "air", "rule": "cool-greenhouse", "reason": "condition held for 2m",
            "values": ["greenhouse-air.temperature": 27.5, "hvac.alarm": nil],
        ])
    }

    @Test func rejectionsNameSourceReasonAndPayload() throws {
        let data = EventData.readingRejected(source: "sensors/air", reason: .wrongType, detail: "expected a number, found text 'warm'", payloadExcerpt: #"{"temp":"warm"}"#)
        let json = try Self.decoded(data, name: .readingRejected)
        #expect(json["data"] == [
            "device": "air", "point": "temperature", "source": "sensors/air", "reason": "wrong_type",
            "detail": "expected a number, found text 'warm'", "payload": #"{"temp":"warm"}"#,
        ])
    }

    @Test func aBatchIsAJSONArrayOfEvents() throws {
        let event = Event(id: Self.id, event: DomainEvent(.deviceOnline, time: Self.time, device: "air", data: .deviceOnline(offlineSince: nil)))
        let batch = try JSONParser.parse(Self.encoder.encodeBatch([event, event]))
        #expect(batch.arrayValue?.count == 2)
    }
}

@Suite("The deriver's saved state")
struct DerivationStateJSONTests {
    @Test func roundTripsEverythingItRemembers() throws {
        var state = DerivationState()
        state.crossedThresholds["air/temperature/0"] = true
        state.crossedThresholds["air/humidity/1"] = false
        state.devices["air"] = DeviceLiveness(status: .offline, lastSeen: Timestamp(epochMilliseconds: 5), offlineSince: Timestamp(epochMilliseconds: 9))
        state.lastReported["air/temperature"] = ReportedValue(value: .number(21.5), time: Timestamp(epochMilliseconds: 7))
        state.lastReported["air/door"] = ReportedValue(value: .boolean(true), time: Timestamp(epochMilliseconds: 8))
        state.recentMessageKeys["air"] = RecentKeys(keys: ["1", "2"])
        #expect(try DerivationState.decode(json: state.encodedJSON()) == state)
    }

    @Test func unknownOrDamagedEntriesAreSkipped() throws {
        let text = #"{"version": 1, "thresholds": {"a/b/0": "yes", "a/b/1": true}, "devices": {"x": {"status": "sleeping"}}, "extra": 1}"#
        let state = try DerivationState.decode(json: Array(text.utf8))
        #expect(state.crossedThresholds == ["a/b/1": true])
        #expect(state.devices.isEmpty)
    }

    @Test func notJSONIsAnError() {
        #expect(throws: JSONSyntaxError.self) { try DerivationState.decode(json: Array("garbage".utf8)) }
    }
}
