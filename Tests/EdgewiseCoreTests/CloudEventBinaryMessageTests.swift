import Testing

@testable import EdgewiseCore

/// The CloudEvents MQTT binding's binary mode: attributes as MQTT 5 user properties, `data` as payload.
@Suite("CloudEvents binary mode")
struct CloudEventBinaryMessageTests {
    static func structured(replay: Bool) -> [UInt8] {
        var random = SystemRandomNumberGenerator()
        let time = Timestamp(epochMilliseconds: 1_795_000_000_123)
        let event = Event(id: .generate(at: time, using: &random), event: DomainEvent(
            .readingReported, time: time, device: "greenhouse-air", point: "temperature",
            data: .readingReported(value: .number(23.4), unit: nil)))
        let bytes = CloudEventEncoder(gatewayID: "greenhouse-01").encode(event)
        return replay ? Array("{\"edgewisereplay\":true,".utf8) + bytes.dropFirst() : bytes
    }

    @Test func attributesBecomeUserPropertiesAndDataThePayload() throws {
        let message = try #require(CloudEventBinaryMessage(structured: Self.structured(replay: false)))
        #expect(message.userProperties.map(\.name) == ["specversion", "id", "source", "type", "subject", "time"])
        let properties = Dictionary(uniqueKeysWithValues: message.userProperties.map { ($0.name, $0.value) })
        #expect(properties["specversion"] == "1.0")
        #expect(properties["source"] == "edgewise://greenhouse-01/devices/greenhouse-air")
        #expect(properties["type"] == "io.edgewise.reading.reported.v1")
        #expect(properties["subject"] == "greenhouse-air/temperature")
        #expect(properties["time"] == "2026-11-18T11:06:40.123Z")
        #expect(message.contentType == "application/json")
        #expect(String(decoding: message.payload, as: UTF8.self) == #"{"device":"greenhouse-air","point":"temperature","value":23.4}"#)
    }

    @Test func theReplayExtensionIsAPropertyToo() throws {
        let message = try #require(CloudEventBinaryMessage(structured: Self.structured(replay: true)))
        #expect(message.userProperties.first.map { "\($0.name)=\($0.value)" } == "edgewisereplay=true")
    }

    @Test func somethingThatIsNotAnEventObjectHasNoBinaryForm() {
        #expect(CloudEventBinaryMessage(structured: Array("[1,2]".utf8)) == nil)
        #expect(CloudEventBinaryMessage(structured: Array("not json".utf8)) == nil)
    }
}
