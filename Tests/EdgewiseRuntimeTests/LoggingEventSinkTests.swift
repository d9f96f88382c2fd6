import EdgewiseCore
import EdgewiseRuntime
import InMemoryLogging
import Logging
import Testing

@Suite("The event log keeps state changes at info and readings at debug")
struct LoggingEventSinkTests {
    static let time = Timestamp(epochMilliseconds: 1_795_000_000_000)

    static func event(_ name: EventName, _ data: EventData) -> Event {
        var random = SystemRandomNumberGenerator()
        return Event(id: .generate(at: time, using: &random), event: DomainEvent(name, time: time, device: "air", point: "temperature", data: data))
    }

    static let reading = event(.readingReported, .readingReported(value: .number(21.5), unit: nil))
    static let online = event(.deviceOnline, .deviceOnline(offlineSince: nil))

    static func logged(at level: Logger.Level) async -> [InMemoryLogHandler.Entry] {
        var handler = InMemoryLogHandler()
        handler.logLevel = level
        let captured = handler
        var logger = Logger(label: "events", factory: { _ in captured })
        logger.logLevel = level
        await LoggingEventSink(logger: logger).publish([reading, online])
        return handler.entries
    }

    @Test func atTheDefaultLevelOnlyStateChangesAreLogged() async {
        let entries = await Self.logged(at: .info)
        #expect(entries.map { "\($0.message)" } == ["DeviceOnline"])
        #expect(entries.first?.level == .info)
        #expect(entries.first?.metadata["device"] == "air")
    }

    @Test func atDebugEveryReadingIsLoggedToo() async {
        let entries = await Self.logged(at: .debug)
        #expect(entries.map { "\($0.message)" } == ["ReadingReported", "DeviceOnline"])
        #expect(entries.map(\.level) == [.debug, .info])
        #expect(entries.first?.metadata["value"] == "21.5")
    }
}
