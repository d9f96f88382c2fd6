import EdgewiseConfig
import EdgewiseCore
import EdgewiseStatus
import Logging
import Testing

@testable import EdgewiseRuntime

/// What the status endpoint shows of the pipeline, from real messages through a real pipeline,
/// without HTTP.
@Suite("The gateway's status source")
struct GatewayStatusSourceTests {
    static let configuration = EventPipelineTests.configuration

    static func feed(_ pipeline: EventPipeline) async {
        await pipeline.ingest([
            EventPipelineTests.message("sensors/air", #"{"seq": 1, "temp": 29}"#),
            EventPipelineTests.message("sensors/air", #"{"seq": 2, "temp": 31}"#, at: 1),
            EventPipelineTests.message("sensors/air", #"{"seq": 3, "temp": "hot"}"#, at: 2),
            EventPipelineTests.message("home/kitchen/humidity", "55", at: 3),
            EventPipelineTests.message("home/attic/humidity", "61", at: 4),
        ])
    }

    @Test func devicesAndPointsComeInConfigurationOrderWithTheirCountsAndLastValues() async {
        let pipeline = EventPipelineTests.pipeline(sink: CollectingEventSink())
        await Self.feed(pipeline)
        let (liveness, activity) = await pipeline.statusView()

        let devices = GatewayStatusSource.devices(Self.configuration, liveness: liveness, activity: activity)
        #expect(devices.map(\.id) == ["air", "attic", "kitchen"], "configured first, then the template's devices by name")
        let air = devices[0]
        #expect(air.state == .online)
        #expect(air.messages == 3)
        #expect(air.rejections == 1)
        #expect(air.since == EventPipelineTests.start.rfc3339, "went online with the first message")
        #expect(air.lastSeen == (EventPipelineTests.start + .seconds(2)).rfc3339)

        let points = GatewayStatusSource.points(Self.configuration, activity: activity)
        #expect(points.map { "\($0.device)/\($0.point)" } == ["air/temperature", "attic/humidity", "kitchen/humidity"])
        #expect(points[0].value == .number(31), "the last accepted value; the rejected one does not count")
        #expect(points[0].unit == "degC")
        #expect(points[2].value == .number(55))
    }

    @Test func countsGoIntoTheMetricsOncePerBatch() async throws {
        let metrics = GatewayMetrics()
        let pipeline = EventPipeline(
            configuration: Self.configuration, state: DerivationState(), sink: CollectingEventSink(), startedAt: EventPipelineTests.start,
            logger: Logger(label: "test"), metrics: metrics)
        await Self.feed(pipeline)
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(text.contains("\nedgewise_readings_total 4\n"), "\(text)")
        #expect(text.contains(#"edgewise_rejections_total{reason="wrong_type"} 1"#))
        #expect(text.contains(#"edgewise_events_total{type="ReadingReported"} 4"#))
        #expect(text.contains(#"edgewise_events_total{type="DeviceOnline"} 3"#))
        #expect(text.contains(#"edgewise_mqtt_messages_total{direction="in"} 5"#))
    }

    @Test func theCountsCarryOverToTheNextGenerationsPipeline() async {
        let first = EventPipelineTests.pipeline(sink: CollectingEventSink())
        await Self.feed(first)
        let second = EventPipeline(
            configuration: Self.configuration, state: await first.state, sink: CollectingEventSink(), startedAt: EventPipelineTests.start,
            logger: Logger(label: "test"), activity: await first.activity)
        await second.ingest([EventPipelineTests.message("sensors/air", #"{"seq": 4, "temp": 30.5}"#, at: 5)])
        let (liveness, activity) = await second.statusView()
        let air = GatewayStatusSource.devices(Self.configuration, liveness: liveness, activity: activity)[0]
        #expect(air.messages == 4)
        #expect(GatewayStatusSource.points(Self.configuration, activity: activity)[0].value == .number(30.5))
    }

    @Test func theConfigurationDigestIsTheSHA256OfItsFiles() {
        #expect(SHA256.hash(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash([UInt8]()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hash(long).hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let digest = Self.configuration.digest ?? ""
        #expect(digest.hasPrefix("sha256:") && digest.count == 71)
    }
}
