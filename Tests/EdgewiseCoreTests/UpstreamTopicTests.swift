import Testing

@testable import EdgewiseCore

/// The topic each forwarded event is published on, filled from `upstream.topic`.
@Suite("Upstream topics")
struct UpstreamTopicTests {
    static func event(_ name: EventName, device: String?, point: String?) -> Event {
        var random = SystemRandomNumberGenerator()
        let time = Timestamp(epochMilliseconds: 1_795_000_000_000)
        return Event(id: .generate(at: time, using: &random), event: DomainEvent(
            name, time: time, device: device, point: point, data: .readingReported(value: .number(21.5), unit: nil)))
    }

    static func topic(_ template: String, _ event: Event, gateway: String = "greenhouse-01") throws -> String {
        let upstream = UpstreamConfig(broker: BrokerConfig(url: BrokerURL(usesTLS: false, host: "127.0.0.1", port: 1883)), topic: try TopicTemplate.parse(template))
        return upstream.topicFormatter(gateway: gateway).topic(for: event)
    }

    @Test func theDefaultTemplateNamesGatewayTypeAndDevice() throws {
        let topic = try Self.topic(TopicTemplate.default.text, Self.event(.readingReported, device: "greenhouse-air", point: "temperature"))
        #expect(topic == "edgewise/greenhouse-01/events/ReadingReported/greenhouse-air")
    }

    @Test func everyPlaceholderIsFilledWherePutAndAsOftenAsUsed() throws {
        let event = Self.event(.thresholdCrossed, device: "hvac", point: "supply")
        #expect(try Self.topic("{device}/{point}/{type}/{gateway}", event) == "hvac/supply/ThresholdCrossed/greenhouse-01")
        #expect(try Self.topic("site/{gateway}-{device}/{device}", event) == "site/greenhouse-01-hvac/hvac")
        #expect(try Self.topic("all/events", event) == "all/events")
    }

    @Test func anEventWithoutDeviceOrPointHasADashAtThatLevel() throws {
        let event = Self.event(.bufferOverflow, device: nil, point: nil)
        #expect(try Self.topic("gw/{gateway}/{type}/{device}/{point}", event) == "gw/greenhouse-01/BufferOverflow/-/-")
    }

    @Test func textAroundPlaceholdersKeepsItsNonASCIICharacters() throws {
        let event = Self.event(.readingReported, device: "serre-ä", point: "température")
        #expect(try Self.topic("Gewächshaus/{device}/größe/{point}", event, gateway: "gw-é") == "Gewächshaus/serre-ä/größe/température")
        #expect("héllo/{device}/{device}x/ñ".replacingPlaceholder("{device}", with: "dev") == "héllo/dev/devx/ñ")
        #expect("no placeholder {devic}".replacingPlaceholder("{device}", with: "dev") == "no placeholder {devic}")
    }

    @Test func theOneEventFunctionAgreesWithTheFormatter() throws {
        let upstream = UpstreamConfig(broker: BrokerConfig(url: BrokerURL(usesTLS: false, host: "h", port: 1)), topic: try TopicTemplate.parse("a/{gateway}/{type}/{device}/{point}"))
        let event = Self.event(.readingReported, device: "d", point: "p")
        #expect(upstream.topic(for: event, gateway: "g") == upstream.topicFormatter(gateway: "g").topic(for: event))
    }
}
