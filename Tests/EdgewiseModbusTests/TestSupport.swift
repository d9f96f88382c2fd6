import EdgewiseCore
import EdgewiseModbus
import EdgewiseTesting
import Glibc
import Logging
import Synchronization

/// How long a test waits for anything asynchronous: generous, for a slow, loaded 2-core machine.
/// Only ever an upper bound.
let patience = Duration.seconds(30)

/// A condition that did not become true in time.
struct TimeoutError: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out after \(patience) waiting for \(what)" }
}

/// Polls `condition` every 5 ms until it holds; throws ``TimeoutError`` after `timeout`.
func waitUntil(_ what: String, timeout: Duration = patience, _ condition: () throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw TimeoutError(what: what) }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// A logger that drops everything.
let quietLogger = Logger(label: "modbus-test", factory: { _ in SwiftLogNoOpLogHandler() })

/// The contents most tests serve on unit 1.
let testMap: [ModbusRegister.Table: [Int: UInt16]] = [
    .holding: [100: 215, 101: 198, 102: 0x4060, 103: 0x0000],
    .input: [200: 0, 201: 12_840, 202: 7],
    .coil: [0: 0, 1: 1, 2: 0],
    .discreteInput: [0: 1, 1: 0, 2: 1],
]

/// Runs `body` with a Modbus server and stops the server afterwards, also when `body` throws.
@discardableResult
func withServer<Result>(
    _ options: ModbusTestServer.Options = .init(map: testMap), _ body: (ModbusTestServer) async throws -> Result
) async throws -> Result {
    let server = try await ModbusTestServer.start(options)
    do {
        let result = try await body(server)
        try await server.stop()
        return result
    } catch {
        try? await server.stop()
        throw error
    }
}

/// Runs `body` with a bus over `transport` and shuts the bus down afterwards, also when `body` throws.
@discardableResult
func withBus<Result>(
    _ transport: ModbusDeviceSettings.Transport, responseTimeout: Duration = .seconds(5),
    _ body: (ModbusBus) async throws -> Result
) async throws -> Result {
    let bus = try ModbusBus(transport: transport, responseTimeout: responseTimeout, logger: quietLogger)
    do {
        let result = try await body(bus)
        await bus.shutdown()
        return result
    } catch {
        await bus.shutdown()
        throw error
    }
}

extension ModbusBus {
    /// Reads on the bus thread, for tests that only need values.
    func read(_ table: ModbusRegister.Table, _ address: Int, count: Int, unit: Int = 1) async throws(ModbusBusError) -> [UInt16] {
        try await perform { connection throws(ModbusError) in
            try connection.readRegisters(table, address: address, count: count, unitID: unit)
        }
    }

    /// Reads on the bus thread and returns the outcome instead of throwing it, with how long the
    /// request took and whether the connection was still open afterwards.
    func attemptRead(
        _ table: ModbusRegister.Table, _ address: Int, count: Int, unit: Int = 1
    ) async throws(ModbusBusError) -> (result: Result<[UInt16], ModbusError>, duration: Duration, isConnected: Bool) {
        try await perform { connection in
            let start = ContinuousClock.now
            let result = Result { () throws(ModbusError) in
                try connection.readRegisters(table, address: address, count: count, unitID: unit)
            }
            return (result, ContinuousClock.now - start, connection.isConnected)
        }
    }
}

/// Holds a bus busy: a job calls ``pass()`` on the bus thread, which blocks there until the
/// test calls ``open()`` (or `patience` runs out, so a failing test cannot hang).
final class Gate: Sendable {
    private let isOpen = Atomic(false)
    private let waiting = Atomic(false)

    /// Whether a job is blocked in ``pass()`` (or has passed).
    var isWaiting: Bool { waiting.load(ordering: .acquiring) }

    /// Whether ``open()`` has been called.
    var isOpened: Bool { isOpen.load(ordering: .acquiring) }

    /// Blocks the calling thread (a bus thread, never a task) until ``open()``.
    func pass() {
        waiting.store(true, ordering: .releasing)
        let deadline = ContinuousClock.now + patience
        while !isOpen.load(ordering: .acquiring) && ContinuousClock.now < deadline {
            usleep(1_000)
        }
    }

    /// Lets blocked and future ``pass()`` calls through.
    func open() {
        isOpen.store(true, ordering: .releasing)
    }

    /// A job that blocks its bus until the gate opens.
    func job(_ connection: ModbusConnection) throws(ModbusError) {
        pass()
    }
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
            names.append(String(name.prefix { $0 != "\n" }))
        }
    }
    return names
}

/// The name a bus gives its thread (see `ModbusBus.init`): `mb ` and the key's last 12 characters.
func threadName(of bus: ModbusBus) -> String {
    "mb " + bus.key.description.suffix(12)
}

/// A counter tasks and bus threads share.
final class Counter: Sendable {
    private let value = Atomic(0)

    /// The count now.
    var current: Int { value.load(ordering: .sequentiallyConsistent) }

    /// Adds `amount` and returns the new count.
    @discardableResult
    func add(_ amount: Int = 1) -> Int {
        value.add(amount, ordering: .sequentiallyConsistent).newValue
    }
}

/// A list tasks and bus threads append to, e.g. the order jobs ran in.
final class Recorder<Element: Sendable>: Sendable {
    private let elements = Mutex<[Element]>([])

    /// Everything appended so far, oldest first.
    var all: [Element] { elements.withLock { $0 } }

    /// Appends `element`.
    func append(_ element: Element) {
        elements.withLock { $0.append(element) }
    }
}

/// Something that happened, or not yet: set once from any thread, read from tests.
final class Flag: Sendable {
    private let value = Atomic(false)

    /// Whether ``set()`` has been called.
    var isSet: Bool { value.load(ordering: .acquiring) }

    /// Records that it happened.
    func set() {
        value.store(true, ordering: .releasing)
    }
}
