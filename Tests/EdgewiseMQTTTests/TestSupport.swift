import EdgewiseTesting
import Glibc
import Logging
import Synchronization
import Testing

@testable import EdgewiseMQTT

/// How long a test waits for anything asynchronous: generous, for a slow, loaded 2-core machine.
let patience = Duration.seconds(30)

/// A condition that did not become true in time.
struct TimeoutError: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out after \(patience) waiting for \(what)" }
}

/// Polls `condition` every 10 ms until it holds; throws ``TimeoutError`` after `timeout`.
func waitUntil(
    _ what: String, timeout: Duration = patience, _ condition: () throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw TimeoutError(what: what) }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// A client ID no other test uses (brokers drop the older of two connections with one ID).
func uniqueClientID(_ prefix: String) -> String {
    "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
}

/// A configuration for a broker on 127.0.0.1 with quick reconnects, as tests want them.
func testConfiguration(
    port: Int, clientID: String = uniqueClientID("test"), protocolVersion: MqttProtocolVersion = .v311,
    receiveQueueCapacity: Int = 4096
) -> MqttClientConfiguration {
    MqttClientConfiguration(
        host: "127.0.0.1", port: port, clientID: clientID, protocolVersion: protocolVersion,
        reconnectMinimumDelay: .milliseconds(200), reconnectMaximumDelay: .seconds(2),
        receiveQueueCapacity: receiveQueueCapacity)
}

/// Runs `body` with a broker and stops the broker afterwards, also when `body` throws.
@discardableResult
func withBroker<Result>(
    _ options: MosquittoBroker.Options = .init(), _ body: (MosquittoBroker) async throws -> Result
) async throws -> Result {
    let broker = try await MosquittoBroker.start(options)
    do {
        let result = try await body(broker)
        try await broker.stop()
        return result
    } catch {
        try? await broker.stop()
        throw error
    }
}

/// A logger that drops everything.
let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// Runs `body` with a started client and shuts the client down afterwards, also when `body`
/// throws. `subscriptions` are recorded before the start.
@discardableResult
func withClient<Result>(
    _ configuration: MqttClientConfiguration, logger: Logger = quietLogger,
    subscriptions: [(String, MqttQoS)] = [], waitForConnection: Bool = true,
    _ body: (MqttClient) async throws -> Result
) async throws -> Result {
    let client = try MqttClient(configuration: configuration, logger: logger)
    do {
        for (filter, qos) in subscriptions { try client.subscribe(filter, qos: qos) }
        try client.start()
        if waitForConnection {
            try await waitUntilConnected(client, activeSubscriptions: subscriptions.count)
        }
        let result = try await body(client)
        await client.shutdown()
        return result
    } catch {
        await client.shutdown()
        throw error
    }
}

/// Waits until `client` is connected and the broker has granted `activeSubscriptions` filters.
func waitUntilConnected(_ client: MqttClient, activeSubscriptions: Int = 0, reconnects: Int? = nil) async throws {
    try await waitUntil("\(client.configuration.clientID) to connect (status: \(client.status()))") {
        let status = client.status()
        return status.state == .connected && status.activeSubscriptions == activeSubscriptions
            && (reconnects.map { status.reconnects >= $0 } ?? true)
    }
}

/// Receives exactly `count` messages from `client`, or throws ``TimeoutError``.
func receive(_ count: Int, from client: MqttClient, timeout: Duration = patience) async throws -> [MqttMessage] {
    let received = try await withThrowingTaskGroup(of: [MqttMessage]?.self) { group in
        group.addTask {
            var received: [MqttMessage] = []
            while received.count < count, let batch = await client.nextBatch(maxCount: count - received.count) {
                received += batch
            }
            return received
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        return first
    }
    guard let received, received.count == count else { throw TimeoutError(what: "\(count) messages") }
    return received
}

/// The names of this process's threads (`/proc/self/task/*/comm`).
func threadNames() -> [String] {
    guard let directory = opendir("/proc/self/task") else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let task = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard task != "." && task != ".." else { continue }
        if let name = try? FileSystem.read("/proc/self/task/\(task)/comm") {
            names.append(name.trimmingSuffix("\n"))
        }
    }
    return names
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

/// Log entries kept in memory, for tests that check what a client logs.
final class LogRecorder: Sendable {
    struct Entry: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let storage = Mutex<[Entry]>([])

    var entries: [Entry] { storage.withLock { $0 } }

    /// Entries with `message`.
    func entries(_ message: String) -> [Entry] { entries.filter { $0.message == message } }

    /// A logger at `trace` level writing here.
    func logger() -> Logger {
        var logger = Logger(label: "mqtt-test") { _ in Handler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ entry: Entry) {
        storage.withLock { $0.append(entry) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            recorder.append(Entry(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
        }
    }
}

/// Wall-clock milliseconds since the epoch, to compare with ``MqttMessage/receivedAt``.
enum WallClockForTests {
    static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
