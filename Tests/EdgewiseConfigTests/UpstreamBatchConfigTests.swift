import EdgewiseConfig
import EdgewiseCore
import Testing

@Suite("gateway.yaml: upstream.batch")
struct UpstreamBatchConfigTests {
    static func gateway(_ batch: String) -> String {
        """
        gateway: {id: g}
        local_broker: {url: "mqtt://h"}
        upstream:
          url: "mqtt://cloud"
          batch: \(batch)
        """
    }

    @Test func withoutBatchEventsGoOneByOne() throws {
        let fixture = ConfigFixture.with(gateway: "gateway: {id: g}\nlocal_broker: {url: \"mqtt://h\"}\nupstream: {url: \"mqtt://cloud\"}\n")
        let upstream = try #require(fixture.load().configuration?.gateway.upstream, "\(fixture.printed)")
        #expect(upstream.batch == nil)
    }

    @Test func anEmptyBatchSectionTakesTheDefaults() throws {
        let fixture = ConfigFixture.with(gateway: Self.gateway("{}"))
        let batch = try #require(fixture.load().configuration?.gateway.upstream?.batch, "\(fixture.printed)")
        #expect(batch == UpstreamBatchConfig(maxEvents: 100, maxDelay: .seconds(1)))
        #expect(batch.topic(gateway: "greenhouse-01") == "edgewise/greenhouse-01/batch")
    }

    @Test func everyKeyIsRead() throws {
        let fixture = ConfigFixture.with(gateway: Self.gateway("{max_events: 20, max_delay: 250ms, topic: \"site/{gateway}/events\"}"))
        let batch = try #require(fixture.load().configuration?.gateway.upstream?.batch, "\(fixture.printed)")
        #expect(batch.maxEvents == 20)
        #expect(batch.maxDelay == .milliseconds(250))
        #expect(batch.topic(gateway: "gw") == "site/gw/events")
    }

    static let invalid: [InvalidConfigCase] = [
        InvalidConfigCase(
            name: "no events per batch",
            gateway: gateway("{max_events: 0}"),
            expected: ["gateway.yaml:5:23: error: 'max_events' must be a whole number from 1 to 1000, but is 0.0"]),
        InvalidConfigCase(
            name: "a batch topic naming the device",
            gateway: gateway("{topic: \"edgewise/{gateway}/{device}\"}"),
            expected: [
                "gateway.yaml:5:18: error: a batch topic may use only '{gateway}': one batch carries events of several types and devices\n    hint: e.g. topic: \"edgewise/{gateway}/batch\"; each event in the batch names its type and device"
            ]),
        InvalidConfigCase(
            name: "a misspelt batch key",
            gateway: gateway("{max_event: 5}"),
            expected: ["gateway.yaml:5:11: error: unknown key 'max_event' in 'upstream.batch'\n    hint: did you mean 'max_events'?"]),
    ]

    @Test(arguments: invalid)
    func reportsBatchError(_ invalid: InvalidConfigCase) {
        #expect(invalid.fixture.printed == invalid.expected)
        #expect(invalid.fixture.load().configuration == nil)
    }
}
