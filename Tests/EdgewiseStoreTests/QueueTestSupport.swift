import EdgewiseCore
import EdgewiseTesting
import InMemoryLogging
import Logging
import Testing

@testable import EdgewiseStore

/// How long a test waits for anything asynchronous: generous, for a slow, loaded 2-core machine.
let patience = Duration.seconds(30)

/// A condition that did not become true in time.
struct TimeoutError: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out after \(patience) waiting for \(what)" }
}

/// Polls `condition` every 10 ms until it holds; throws ``TimeoutError`` after `timeout`.
func waitUntil(_ what: String, timeout: Duration = patience, _ condition: () throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw TimeoutError(what: what) }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// A logger that drops everything.
let quietLogger = Logger(label: "queue-test", factory: { _ in SwiftLogNoOpLogHandler() })

/// A logger that keeps what it is given, and the handler to read it back from.
func recordingLogger() -> (Logger, InMemoryLogHandler) {
    var handler = InMemoryLogHandler()
    handler.logLevel = .debug
    let captured = handler
    var logger = Logger(label: "queue-test", factory: { _ in captured })
    logger.logLevel = .debug
    return (logger, handler)
}

/// An event of `priority` with a payload of `payloadSize` bytes; the id names `number`.
func event(
    _ number: Int, priority: QueuePriority = .normal, payloadSize: Int = 100, type: String = "ThresholdCrossed"
) -> QueuedEvent {
    QueuedEvent(
        eventID: id(number), type: type, priority: priority, topic: "edgewise/gw/events/\(type)/dev",
        payload: Array(repeating: UInt8(ascii: "a") &+ UInt8(number % 26), count: payloadSize),
        acceptedAt: 1_700_000_000_000 + Int64(number))
}

/// The id of `event(number)`: `event-0042`, all of one length, so that all events of a payload
/// size have the same accounted size.
func id(_ number: Int) -> String {
    let digits = String(number)
    return "event-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// The accounted size of `event(number, payloadSize:)`, for choosing limits in tests.
func accountedSize(payloadSize: Int = 100, type: String = "ThresholdCrossed") -> Int64 {
    QueueRowSize.bytes(of: event(0, payloadSize: payloadSize, type: type))
}

/// A queue file in a temporary directory, opened with test-friendly settings.
struct QueueFixture {
    let directory: TemporaryDirectory
    var path: String { directory.path + "/buffer.db" }

    init() throws {
        directory = try TemporaryDirectory(prefix: "edgewise-queue")
    }

    func open(
        maxSize: Int64 = 100_000_000, overflow: QueueOverflowPolicy = .priority,
        durability: QueueDurability = .batch(maxDelay: .milliseconds(20)), logger: Logger = quietLogger,
        tuning: QueueTuning = QueueTuning()
    ) throws -> DurableQueue {
        try DurableQueue.open(
            path: path, maxSize: ByteSize(bytes: maxSize), overflow: overflow, durability: durability, logger: logger,
            tuning: tuning)
    }
}

extension DurableQueue {
    /// Every stored event, in order.
    func everything() throws -> [StoredEvent] {
        try peek(after: nil, limit: 1_000_000)
    }

    /// The ids of every stored event, in order.
    func storedIDs() throws -> [String] {
        try everything().map(\.event.eventID)
    }
}
