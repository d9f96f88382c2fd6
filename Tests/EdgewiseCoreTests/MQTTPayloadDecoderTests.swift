import Testing

@testable import EdgewiseCore

@Suite("MQTT payloads to readings, and every reason to reject one")
struct MQTTPayloadDecoderTests {
    static let received = Timestamp(epochMilliseconds: 1_763_924_700_000)

    static func device(_ topic: String = "sensors/air", timestamp: PayloadTimestamp? = nil, messageID: String? = nil, points: [PointConfig]) -> DeviceConfig {
        DeviceConfig(
            name: topic.contains("{device}") ? "{device}" : "air", location: ConfigLocation(file: "f", line: 1, column: 1),
            connection: .mqtt(MQTTDeviceSettings(topic: try! TopicPattern.parse(topic), timestamp: timestamp, messageID: messageID.map { try! PayloadPath.parse($0) })),
            points: points)
    }

    static func point(_ name: String, json: String? = nil, kind: ValueKind = .number, unit: String? = nil, valid: ClosedRange<Double>? = nil) -> PointConfig {
        PointConfig(
            name: name, location: ConfigLocation(file: "f", line: 1, column: 1), source: .mqtt(json: json.map { try! PayloadPath.parse($0) }, kind: kind),
            unit: unit.map { try! UnitCatalog.unit($0) }, validRange: valid)
    }

    static func decode(_ device: DeviceConfig, _ payload: String, topic: String = "sensors/air") -> MQTTPayloadDecoder.Output {
        let match = try! #require(try! device.mqttTopic.match(topic))
        return MQTTPayloadDecoder(device: device).decode(topic: topic, match: match, payload: Array(payload.utf8), receivedAt: received)
    }

    static let air = device(points: [point("temperature", json: "$.temp", unit: "degC", valid: -40...85), point("humidity", json: "$.hum", unit: "percent")])

    @Test func readsEveryPointFromAJSONObject() {
        let output = Self.decode(Self.air, #"{"temp": 21.5, "hum": 48}"#)
        #expect(output.rejections.isEmpty)
        #expect(output.readings == [
            Reading(device: "air", point: "temperature", value: .number(21.5), unit: try! UnitCatalog.unit("degC"), time: Self.received),
            Reading(device: "air", point: "humidity", value: .number(48), unit: try! UnitCatalog.unit("percent"), time: Self.received),
        ])
    }

    @Test func readsNestedObjectsAndArrays() {
        let device = Self.device(points: [Self.point("t", json: "$.sensors[1].value")])
        let output = Self.decode(device, #"{"sensors": [{"value": 1}, {"value": 2.25}]}"#)
        #expect(output.readings.map(\.value) == [.number(2.25)])
    }

    @Test("bare payloads of each type", arguments: [
        ("21.5", ValueKind.number, ReadingValue.number(21.5)), (" 7 \n", .number, .number(7)), ("on", .boolean, .boolean(true)),
        ("OFF", .boolean, .boolean(false)), ("true", .boolean, .boolean(true)), ("0", .boolean, .boolean(false)), ("open", .string, .text("open")),
    ])
    func readsBarePayload(payload: String, kind: ValueKind, expected: ReadingValue) {
        let output = Self.decode(Self.device(points: [Self.point("v", kind: kind)]), payload)
        #expect(output.readings.map(\.value) == [expected])
    }

    @Test func numbersSentAsTextAreAccepted() {
        #expect(Self.decode(Self.air, #"{"temp": "21.5", "hum": 40}"#).readings.first?.value == .number(21.5))
    }

    @Test("every rejection names the reason and what was wrong", arguments: [
        (#"{"temp": 21.5, "hum": }"#, nil as String?, Rejection.Reason.malformedPayload, "the payload is not valid JSON: "),
        (#"{"hum": 40}"#, "temperature", .missingField, "'$.temp' is not in the payload"),
        (#"{"temp": "warm", "hum": 40}"#, "temperature", .wrongType, "expected a number, found text 'warm'"),
        (#"{"temp": null, "hum": 40}"#, "temperature", .wrongType, "expected a number, found null"),
        (#"{"temp": [1], "hum": 40}"#, "temperature", .wrongType, "expected a number, found a list"),
        (#"{"temp": "NaN", "hum": 40}"#, "temperature", .notFinite, "the value is NaN"),
        (#"{"temp": 120, "hum": 40}"#, "temperature", .outOfRange, "120 is outside the valid range [-40, 85]"),
        ("not json at all", nil, .malformedPayload, "the payload is not valid JSON: "),
        ("null", nil, .malformedPayload, "expected a JSON object, found null"),
        ("21.5", nil, .malformedPayload, "expected a JSON object, found 21.5"),
    ])
    func rejects(payload: String, point: String?, reason: Rejection.Reason, detail: String) throws {
        let output = Self.decode(Self.air, payload)
        let rejection = try #require(output.rejections.first)
        #expect(output.rejections.count == 1)
        #expect(rejection.point == point)
        #expect(rejection.reason == reason)
        #expect(rejection.detail.hasPrefix(detail), "\(rejection.detail)")
        #expect(rejection.source == "sensors/air")
        #expect(rejection.payloadExcerpt == payload)
    }

    @Test func oneBadPointDoesNotSpoilTheOthers() {
        let output = Self.decode(Self.air, #"{"temp": "warm", "hum": 40}"#)
        #expect(output.readings.map(\.point) == ["humidity"])
    }

    @Test func invalidUTF8IsRejectedAsWrongType() {
        let device = Self.device(points: [Self.point("v", kind: .string)])
        let match = TopicPattern.Match()
        let output = MQTTPayloadDecoder(device: device).decode(topic: "sensors/air", match: match, payload: [0x66, 0xFF, 0xFE], receivedAt: Self.received)
        #expect(output.rejections.map(\.reason) == [.wrongType])
    }

    @Test func templateTopicNamesDeviceAndPoint() {
        let device = Self.device("home/{device}/{point}", points: [Self.point("temperature", unit: "degC")])
        let output = Self.decode(device, "19.5", topic: "home/kitchen/temperature")
        #expect(output.readings.map(\.device) == ["kitchen"])
        #expect(output.readings.map(\.point) == ["temperature"])
        let unknown = Self.decode(device, "3", topic: "home/kitchen/pressure")
        #expect(unknown.rejections.map(\.reason) == [.unknownPoint])
        #expect(unknown.rejections.first?.detail == "device '{device}' has no point 'pressure'")
    }

    @Test("timestamps from the payload", arguments: [
        (#"{"ts": 1763924700, "temp": 1, "hum": 1}"#, PayloadTimestamp.Format.auto, Int64(1_763_924_700_000)),
        (#"{"ts": 1763924700123, "temp": 1, "hum": 1}"#, .auto, 1_763_924_700_123),
        (#"{"ts": 1763924700.5, "temp": 1, "hum": 1}"#, .epochSeconds, 1_763_924_700_500),
        (#"{"ts": "2025-11-23T19:05:00.250+01:00", "temp": 1, "hum": 1}"#, .auto, 1_763_921_100_250),
    ])
    func takesTimestampFromPayload(payload: String, format: PayloadTimestamp.Format, milliseconds: Int64) {
        let device = Self.device(timestamp: PayloadTimestamp(path: try! PayloadPath.parse("$.ts"), format: format), points: Self.air.points)
        let output = Self.decode(device, payload)
        #expect(output.readings.map(\.time) == [Timestamp(epochMilliseconds: milliseconds), Timestamp(epochMilliseconds: milliseconds)])
        #expect(output.messageKey != nil)
    }

    @Test func anUnreadableTimestampRejectsTheMessage() {
        let device = Self.device(timestamp: PayloadTimestamp(path: try! PayloadPath.parse("$.ts")), points: Self.air.points)
        let output = Self.decode(device, #"{"ts": "yesterday", "temp": 1, "hum": 1}"#)
        #expect(output.readings.isEmpty)
        #expect(output.rejections.map(\.reason) == [.badTimestamp])
        #expect(output.rejections.first?.detail == "'yesterday' is not an RFC 3339 time")
    }

    @Test func messageIDBecomesTheDeduplicationKey() {
        let device = Self.device(messageID: "$.seq", points: Self.air.points)
        #expect(Self.decode(device, #"{"seq": 18734, "temp": 1, "hum": 1}"#).messageKey == "18734")
        #expect(Self.decode(device, #"{"temp": 1, "hum": 1}"#).messageKey == nil)
    }
}

extension DeviceConfig {
    var mqttTopic: TopicPattern {
        get throws {
            guard case .mqtt(let settings) = connection else { throw QuantitySyntaxError("not MQTT") }
            return settings.topic
        }
    }
}
