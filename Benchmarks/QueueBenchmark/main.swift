// Durable queue figures: append throughput per durability mode, and a large backlog's size on
// disk, drain rate and memory. Prints a Markdown table (docs/performance.md, "Durable queue").
//
//   swift build -c release --product QueueBenchmark
//   .build/release/QueueBenchmark [--quick] [--dir DIR] [--backlog N]
//   .build/release/QueueBenchmark --encode
//
// --dir: where the queue files go (default: a new directory under $TMPDIR or /tmp, removed at the
// end); use a directory on the disk you want to measure. --backlog: events in the drain case
// (default 1,000,000; --quick: 100,000, and smaller append cases). --encode: only the work
// done per event before it reaches the queue (upstream topic and CloudEvents JSON), in events/s.
import EdgewiseCore
import EdgewiseStore
import Glibc
import Logging

// MARK: Settings

var quick = false
var encodeOnly = false
var directoryArgument: String?
var backlogArgument: Int?
var argumentIndex = 1
while argumentIndex < CommandLine.arguments.count {
    let argument = CommandLine.arguments[argumentIndex]
    switch argument {
    case "--quick": quick = true
    case "--encode": encodeOnly = true
    case "--dir":
        argumentIndex += 1
        directoryArgument = CommandLine.arguments[argumentIndex]
    case "--backlog":
        argumentIndex += 1
        backlogArgument = Int(CommandLine.arguments[argumentIndex])
    default:
        print("usage: QueueBenchmark [--quick] [--dir DIR] [--backlog N] | --encode")
        exit(2)
    }
    argumentIndex += 1
}
let scale = quick ? 10 : 1

// MARK: Encoding before the queue

/// What `QueueingEventSink` does per event before appending: the upstream topic and the
/// CloudEvents JSON of `ReadingReported` events for 200 devices × 4 points.
@MainActor func encodeCase() {
    let upstream = UpstreamConfig(broker: BrokerConfig(url: BrokerURL(usesTLS: false, host: "127.0.0.1", port: 1883)), topic: .default)
    let topics = upstream.topicFormatter(gateway: "greenhouse-01")
    let encoder = CloudEventEncoder(gatewayID: "greenhouse-01")
    var generator = EventIDGenerator()
    var random = SystemRandomNumberGenerator()
    let points = ["temperature", "humidity", "battery", "co2"]
    let events = (0..<(backlogArgument ?? 100_000)).map { index in
        Event(id: generator.next(at: Timestamp(epochMilliseconds: 1_795_000_000_000 + Int64(index)), using: &random), event: DomainEvent(
            .readingReported, time: Timestamp(epochMilliseconds: 1_795_000_000_000 + Int64(index)), device: "sensor-\(index % 200)",
            point: points[index % 4], data: .readingReported(value: .number(20 + Double(index % 100) / 10), unit: nil)))
    }
    var bytes = 0
    let rounds = backlogArgument == nil ? 10 : 1
    let clock = ContinuousClock()
    let elapsed = clock.measure {
        for _ in 0..<rounds {
            for event in events {
                bytes &+= topics.topic(for: event).utf8.count &+ encoder.encode(event).count
            }
        }
    }
    let rate = Double(events.count * rounds) / seconds(elapsed)
    print("| encode (topic + CloudEvents JSON) | \(events.count * rounds) events | \(formatted(rate)) events/s | \(bytes / (events.count * rounds)) bytes/event |")
}
let backlog = backlogArgument ?? (quick ? 100_000 : 1_000_000)
let logger = Logger(label: "queue-benchmark", factory: { _ in SwiftLogNoOpLogHandler() })

if encodeOnly {
    encodeCase()
    exit(0)
}

let workDirectory: String
if let directoryArgument {
    workDirectory = directoryArgument
} else {
    let parent = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array("\(parent)/edgewise-queue-bench-XXXXXX".utf8CString)
    guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
        print("cannot create a work directory under \(parent)")
        exit(1)
    }
    workDirectory = String(cString: created)
}

// MARK: Helpers

/// A CloudEvents `ReadingReported` as the gateway encodes it: 330 bytes.
func payload(_ number: Int) -> [UInt8] {
    let id = String(number).leftPadded(to: 10)
    return Array(("""
        {"specversion":"1.0","id":"greenhouse-01-\(id)","source":"edgewise://greenhouse-01/devices/greenhouse-air",\
        "type":"io.edgewise.reading.reported.v1","subject":"greenhouse-air/temperature","time":"2026-11-23T20:46:01.123Z",\
        "datacontenttype":"application/json","data":{"device":"greenhouse-air","point":"temperature","value":23.4,"unit":"degC"}}
        """).utf8)
}

func event(_ number: Int) -> QueuedEvent {
    QueuedEvent(
        eventID: "greenhouse-01-\(String(number).leftPadded(to: 10))", type: "ReadingReported", priority: .telemetry,
        topic: "edgewise/greenhouse-01/events/ReadingReported/greenhouse-air", payload: payload(number),
        acceptedAt: 1_795_000_000_000 + Int64(number))
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// This process's resident memory (`VmRSS`) or peak (`VmHWM`), in bytes.
func memory(_ field: String) -> Int64 {
    guard let file = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix(field + ":") {
            let digits = text.filter(\.isNumber)
            return (Int64(digits) ?? 0) * 1024
        }
    }
    return 0
}

func fileSize(_ path: String) -> Int64 {
    var info = stat()
    return stat(path, &info) == 0 ? Int64(info.st_size) : 0
}

func removeQueueFiles(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func formatted(_ value: Double, decimals: Int = 0) -> String {
    if decimals > 0 {
        let factor = pow(10.0, Double(decimals))
        let rounded = (value * factor).rounded() / factor
        var text = String(rounded)
        let fraction = text.split(separator: ".").last?.count ?? 0
        if fraction < decimals { text += String(repeating: "0", count: decimals - fraction) }
        return text
    }
    var digits = String(Int(value.rounded()))
    var result = ""
    while digits.count > 3 {
        result = "," + digits.suffix(3) + result
        digits = String(digits.dropLast(3))
    }
    return digits + result
}

func mebibytes(_ bytes: Int64) -> String { "\(formatted(Double(bytes) / 1_048_576, decimals: 1)) MiB" }

var rows: [[String]] = []

// MARK: Append throughput

/// Appends `total` events from `producers` tasks, `perCall` events per append call.
@MainActor
func appendCase(_ name: String, durability: QueueDurability, producers: Int, perCall: Int, total: Int) async throws {
    let path = workDirectory + "/append.db"
    removeQueueFiles(path)
    let queue = try DurableQueue.open(
        path: path, maxSize: ByteSize(bytes: 4_000_000_000), overflow: .priority, durability: durability, logger: logger)
    let callsPerProducer = total / producers / perCall
    // The events are made before the clock starts: only the queue is measured.
    let batches = (0..<producers).map { producer in
        (0..<callsPerProducer).map { call in
            let first = (producer * callsPerProducer + call) * perCall
            return (first..<first + perCall).map(event)
        }
    }
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for producer in 0..<producers {
            let mine = batches[producer]
            group.addTask {
                for batch in mine { _ = try await queue.append(batch) }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - start
    let statistics = queue.statistics()
    await queue.close()
    let appended = producers * callsPerProducer * perCall
    let rate = Double(appended) / seconds(elapsed)
    let calls = producers * callsPerProducer
    rows.append([
        name, formatted(Double(appended)), formatted(rate),
        formatted(Double(calls) / Double(max(1, statistics.transactions)), decimals: 1),
        formatted(Double(statistics.syncs)), formatted(seconds(elapsed) / Double(calls) * 1e6 * Double(producers), decimals: 0),
    ])
    note("  \(name): \(formatted(rate)) events/s")
    removeQueueFiles(path)
}

/// Progress on standard error, so that standard output is only the tables.
func note(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

note("Durable queue benchmark in \(workDirectory) (SQLite \(SQLite.libraryVersion))")
// MARK: Backlog: size on disk, drain rate, memory (first, while the process is small)

let rssAtStart = memory("VmRSS")

let backlogPath = workDirectory + "/backlog.db"
removeQueueFiles(backlogPath)
note("  filling a backlog of \(formatted(Double(backlog))) events")
var queue = try DurableQueue.open(
    path: backlogPath, maxSize: ByteSize(bytes: 4_000_000_000), overflow: .priority, durability: .batch(maxDelay: .milliseconds(50)),
    logger: logger)
let fillStart = ContinuousClock.now
for first in stride(from: 0, to: backlog, by: 1000) {
    _ = try await queue.append((first..<min(backlog, first + 1000)).map(event))
}
let fillTime = ContinuousClock.now - fillStart
let accounted = queue.statistics().bytes
await queue.close()
let databaseBytes = fileSize(backlogPath)

// Reopen, as after a restart: the open includes `PRAGMA quick_check` over the whole file.
let openStart = ContinuousClock.now
queue = try DurableQueue.open(
    path: backlogPath, maxSize: ByteSize(bytes: 4_000_000_000), overflow: .priority, durability: .batch(maxDelay: .milliseconds(50)),
    logger: logger)
let openTime = ContinuousClock.now - openStart
let rssBefore = memory("VmRSS")

/// Drains with a window of `window` events: peek, then acknowledge the window's events, either
/// in one call or one call per event from concurrent tasks (as PUBACKs arrive).
@MainActor
func drain(_ queue: DurableQueue, window: Int, ackPerEvent: Bool, limit: Int) async throws -> (Int, Duration, Int64) {
    var last: Int64?
    var drained = 0
    var peakRSS: Int64 = 0
    var windows = 0
    let start = ContinuousClock.now
    while drained < limit {
        let events = try queue.peek(after: last, limit: min(window, limit - drained))
        guard let tail = events.last else { break }
        let sequences = events.map(\.sequence)
        if ackPerEvent {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for sequence in sequences.reversed() {
                    group.addTask { try await queue.acknowledge([sequence]) }
                }
                try await group.waitForAll()
            }
        } else {
            try await queue.acknowledge(sequences)
        }
        last = tail.sequence
        drained += events.count
        windows += 1
        if windows % 100 == 0 { peakRSS = max(peakRSS, memory("VmRSS")) }
    }
    return (drained, ContinuousClock.now - start, max(peakRSS, memory("VmRSS")))
}

note("  draining")
let perEventPart = backlog / 10
let (drainedPerEvent, perEventTime, perEventRSS) = try await drain(queue, window: 100, ackPerEvent: true, limit: perEventPart)
let (drainedWindows, windowTime, windowRSS) = try await drain(queue, window: 100, ackPerEvent: false, limit: backlog)
let afterDrain = queue.statistics()
await queue.close()
let drainedBytes = fileSize(backlogPath)
removeQueueFiles(backlogPath)


// MARK: Append throughput runs

let batch = QueueDurability.batch(maxDelay: .milliseconds(50))
try await appendCase("batch, 1 event per call, 16 tasks", durability: batch, producers: 16, perCall: 1, total: 200_000 / scale)
try await appendCase("batch, 1 event per call, 1 task", durability: batch, producers: 1, perCall: 1, total: 100_000 / scale)
try await appendCase("batch, 100 events per call, 1 task", durability: batch, producers: 1, perCall: 100, total: 500_000 / scale)
try await appendCase("full, 1 event per call, 16 tasks", durability: .full, producers: 16, perCall: 1, total: 50_000 / scale)
try await appendCase("full, 1 event per call, 1 task", durability: .full, producers: 1, perCall: 1, total: 5_000 / scale)
try await appendCase("full, 100 events per call, 1 task", durability: .full, producers: 1, perCall: 100, total: 200_000 / scale)


if directoryArgument == nil { rmdir(workDirectory) }

// MARK: Tables

print("")
print("| append case | events | events/s | append calls per transaction | syncs | µs per call (per task) |")
print("|---|--:|--:|--:|--:|--:|")
for row in rows { print("| " + row.joined(separator: " | ") + " |") }


print("")
print("| backlog of \(formatted(Double(backlog))) events (\(payload(0).count)-byte payloads) | |")
print("|---|--:|")
print("| fill: 1,000 events per append call, batch | \(formatted(Double(backlog) / seconds(fillTime))) events/s |")
print("| database file after filling (checkpointed) | \(mebibytes(databaseBytes)) |")
print("| bytes on disk per event | \(formatted(Double(databaseBytes) / Double(backlog))) |")
print("| accounted bytes per event (counted against max_size) | \(formatted(Double(accounted) / Double(backlog))) |")
print("| reopen (includes quick_check of the whole file) | \(formatted(seconds(openTime), decimals: 2)) s |")
print("| drain, window of 100, one acknowledge call per window | \(formatted(Double(drainedWindows) / seconds(windowTime))) events/s |")
print("| drain, window of 100, one acknowledge call per event from 100 tasks (first \(formatted(Double(drainedPerEvent)))) | \(formatted(Double(drainedPerEvent) / seconds(perEventTime))) events/s |")
print("| RSS at start / after reopening / peak while draining | \(mebibytes(rssAtStart)) / \(mebibytes(rssBefore)) / \(mebibytes(max(perEventRSS, windowRSS))) |")
print("| database file after the drain and close | \(mebibytes(drainedBytes)) (\(afterDrain.depth) events left) |")
