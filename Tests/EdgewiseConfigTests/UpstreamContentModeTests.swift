import EdgewiseConfig
import EdgewiseCore
import Testing

@Suite("gateway.yaml: upstream.cloudevents")
struct UpstreamContentModeTests {
    static func gateway(_ upstream: String) -> String {
        "gateway: {id: g}\nlocal_broker: {url: \"mqtt://h\"}\nupstream: {url: \"mqtt://cloud\", \(upstream)}\n"
    }

    @Test func structuredIsTheDefault() throws {
        let fixture = ConfigFixture.with(gateway: Self.gateway("topic: \"e/{type}\""))
        #expect(try #require(fixture.load().configuration?.gateway.upstream, "\(fixture.printed)").contentMode == .structured)
    }

    @Test func binaryOverMQTT5() throws {
        let fixture = ConfigFixture.with(gateway: Self.gateway("protocol_version: 5, cloudevents: binary"))
        #expect(try #require(fixture.load().configuration?.gateway.upstream, "\(fixture.printed)").contentMode == .binary)
    }

    @Test func binaryNeedsMQTT5() {
        let fixture = ConfigFixture.with(gateway: Self.gateway("cloudevents: binary"))
        #expect(fixture.printed == [
            "gateway.yaml:3:46: error: 'cloudevents: binary' needs MQTT 5, which carries the event's attributes as user properties\n    hint: add 'protocol_version: 5' to 'upstream' (the broker must speak MQTT 5), or use 'cloudevents: structured'"
        ])
    }

    @Test func binaryDoesNotBatch() {
        let fixture = ConfigFixture.with(gateway: Self.gateway("protocol_version: 5, cloudevents: binary, batch: {}"))
        #expect(fixture.printed.count == 1)
        #expect(fixture.printed.first?.contains("'cloudevents: binary' sends one event per message, but 'batch' is set") == true, "\(fixture.printed)")
    }
}
