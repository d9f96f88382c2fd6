import EdgewiseConfig
import EdgewiseCore
import Logging
import Testing

@testable import EdgewiseRuntime

@Suite("The event pipeline from message to events")
struct EventPipelineTests {
    static let configuration: EdgewiseConfiguration = {
        let result = ConfigLoader.load(ConfigLoader.ConfigFiles(
            gateway: ("gateway.yaml", "gateway: {id: gw}\nlocal_broker: {url: \"mqtt://127.0.0.1\"}\n"),
            devices: [
                ("devices/air.yaml", """
                    device: air
                    protocol: mqtt
                    topic: sensors/air
                    message_id: "$.seq"
                    stale_after: 60s
                    points:
                      temperature: {json: "$.temp", unit: degC, valid: [-40, 85], thresholds: [{above: 30, hysteresis: 1}]}
                    """),
                ("devices/rooms.yaml", """
                    device: "{device}"
                    protocol: mqtt
                    topic: home/{device}/{point}
                    points:
                      humidity: {unit: percent}
                    """),
            ],
            rules: []))
        return result.configuration!
    }()

    static let start = Timestamp(epochMilliseconds: 1_763_924_700_000)

    static func message(_ topic: String, _ payload: String, at second: Int64 = 0) -> InboundMessage {
        InboundMessage(topic: topic, payload: Array(payload.utf8), receivedAt: start + .seconds(second))
    }

    static func pipeline(sink: CollectingEventSink, state: DerivationState = DerivationState()) -> EventPipeline {
        EventPipeline(configuration: configuration, state: state, sink: sink, startedAt: start, logger: Logger(label: "test"))
    }

    @Test func readingsThresholdsAndRejectionsFlowInOrder() async {
        let sink = CollectingEventSink()
        let pipeline = Self.pipeline(sink: sink)
        await pipeline.ingest([
            Self.message("sensors/air", #"{"seq": 1, "temp": 29}"#),
            Self.message("sensors/air", #"{"seq": 2, "temp": 31}"#, at: 1),
            Self.message("sensors/air", #"{"seq": 3, "temp": "hot"}"#, at: 2),
            Self.message("home/kitchen/humidity", "55", at: 3),
        ])
        #expect(await sink.names == [
            "DeviceOnline", "ReadingReported", "ReadingReported", "ThresholdCrossed", "ReadingRejected", "DeviceOnline", "ReadingReported",
        ])
        let statistics = await pipeline.statistics
        #expect(statistics.messages == 4)
        #expect(statistics.readings == 3)
        #expect(statistics.rejectionsByReason == [.wrongType: 1])
        #expect(await sink.events.last?.device == "kitchen")
    }

    @Test func aRedeliveredMessageProducesNothing() async {
        let sink = CollectingEventSink()
        let pipeline = Self.pipeline(sink: sink)
        await pipeline.ingest([Self.message("sensors/air", #"{"seq": 7, "temp": 20}"#)])
        let before = await sink.events.count
        await pipeline.ingest([Self.message("sensors/air", #"{"seq": 7, "temp": 20}"#, at: 5)])
        #expect(await sink.events.count == before)
        #expect(await pipeline.statistics.duplicateMessages == 1)
        await pipeline.ingest([Self.message("sensors/air", #"{"seq": 8, "temp": 20}"#, at: 6)])
        #expect(await sink.names.last == "ReadingReported", "equal values with a new id are ordinary readings")
    }

    @Test func tenThousandMalformedPayloadsAreRejectedAndCountedWhileValidReadingsFlow() async {
        let sink = CollectingEventSink()
        let pipeline = Self.pipeline(sink: sink)
        let garbage = ["", "{", "null", "{\"temp\": NaN}", "\u{FF}\u{FE}", String(repeating: "[", count: 10_000), #"{"temp": 1e999}"#, "{\"seq\": 5, \"temp\": [}"]
        for batch in 0..<10 {
            var messages = (0..<1_000).map { index in Self.message("sensors/air", garbage[(batch * 1_000 + index) % garbage.count]) }
            messages.append(Self.message("sensors/air", "{\"seq\": \(batch + 100), \"temp\": 20}", at: Int64(batch)))
            await pipeline.ingest(messages)
        }
        let statistics = await pipeline.statistics
        #expect(statistics.messages == 10_010)
        #expect(statistics.rejections == 10_000)
        #expect(statistics.readings == 10)
        #expect(await sink.events.count { $0.name == .readingReported } == 10)
    }

    @Test func thresholdStateSurvivesARestart() async {
        let sink = CollectingEventSink()
        let first = Self.pipeline(sink: sink)
        await first.ingest([Self.message("sensors/air", #"{"seq": 1, "temp": 35}"#)])
        let saved = await first.state
        let restartedSink = CollectingEventSink()
        let second = Self.pipeline(sink: restartedSink, state: saved)
        await second.ingest([Self.message("sensors/air", #"{"seq": 2, "temp": 35}"#, at: 100)])
        #expect(await restartedSink.names == ["ReadingReported"])
    }

    @Test func aCrossedThresholdIsOfferedForSavingAtOnceButRoutineChangesWaitForTheInterval() async {
        let pipeline = Self.pipeline(sink: CollectingEventSink())
        let minute = Duration.seconds(60)
        #expect(await pipeline.takeChangedState(now: Self.start, routineInterval: minute) == nil, "nothing changed yet")

        await pipeline.ingest([Self.message("sensors/air", #"{"seq": 1, "temp": 20}"#)])
        #expect(await pipeline.takeChangedState(now: Self.start + .seconds(1), routineInterval: minute) != nil, "the device came online")

        await pipeline.ingest([Self.message("sensors/air", #"{"seq": 2, "temp": 21}"#, at: 2)])
        #expect(await pipeline.takeChangedState(now: Self.start + .seconds(2), routineInterval: minute) == nil, "a plain reading waits")
        #expect(await pipeline.takeChangedState(now: Self.start + .seconds(30), routineInterval: minute) == nil)

        await pipeline.ingest([Self.message("sensors/air", #"{"seq": 3, "temp": 31}"#, at: 31)])
        let crossed = await pipeline.takeChangedState(now: Self.start + .seconds(31), routineInterval: minute)
        #expect(crossed?.crossedThresholds.values.contains(true) == true, "a crossing is saved without waiting")

        await pipeline.ingest([Self.message("sensors/air", #"{"seq": 4, "temp": 31.5}"#, at: 40)])
        #expect(await pipeline.takeChangedState(now: Self.start + .seconds(90), routineInterval: minute) == nil)
        let routine = await pipeline.takeChangedState(now: Self.start + .seconds(92), routineInterval: minute)
        #expect(routine?.recentMessageKeys["air"]?.contains("4") == true, "routine changes are saved once the interval has passed")
    }

    @Test func eventIDsAreUniqueAndIncreasing() async {
        let sink = CollectingEventSink()
        let pipeline = Self.pipeline(sink: sink)
        await pipeline.ingest((0..<500).map { Self.message("sensors/air", "{\"seq\": \($0), \"temp\": \($0 % 40)}", at: Int64($0)) })
        let ids = await sink.events.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
    }
}
