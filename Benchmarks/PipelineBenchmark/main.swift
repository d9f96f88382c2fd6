// Pipeline benchmark: normalization + event derivation in process, no broker.
//
// Feeds ~150-byte JSON sensor payloads for many devices (each with 4 points and a threshold)
// through EventPipeline into a sink that only counts, and prints readings/s, events/s and the
// process's peak RSS. Run it with scripts/bench (release build; `taskset -c 0` for one core).
import EdgewiseConfig
import EdgewiseCore
import EdgewiseRuntime
import EdgewiseStatus
import Foundation  // String(format:); benchmarks are not shipped
import Glibc
import Logging

let deviceCount = 200
let messageCount = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000
let batchSize = 256

actor CountingSink: EventSink {
    var count = 0
    func publish(_ events: [Event]) async { count += events.count }
}

func peakResidentKilobytes() -> Int {
    guard let file = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("VmHWM:") { return Int(text.split(separator: " ").dropFirst().first ?? "") ?? -1 }
    }
    return -1
}

func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

let devices = (0..<deviceCount).map { index in
    ("devices/sensor-\(index).yaml", """
        device: sensor-\(index)
        protocol: mqtt
        topic: site/sensors/sensor-\(index)
        message_id: "$.seq"
        stale_after: 5m
        points:
          temperature: {json: "$.temp", unit: degC, valid: [-40, 85], thresholds: [{above: 30, hysteresis: 1}]}
          humidity: {json: "$.hum", unit: percent, valid: [0, 100]}
          battery: {json: "$.battery", unit: V}
          status: {json: "$.status", type: string}
        """)
}
let loaded = ConfigLoader.load(ConfigLoader.ConfigFiles(
    gateway: ("gateway.yaml", "gateway: {id: bench}\nlocal_broker: {url: \"mqtt://127.0.0.1\"}\n"), devices: devices, rules: []))
guard let configuration = loaded.configuration else { fatalError("benchmark config invalid: \(loaded.diagnostics)") }

// Pre-build the messages so the benchmark measures the pipeline, not payload formatting.
let start = WallClock.now()
let messages: [InboundMessage] = (0..<min(messageCount, 100_000)).map { index in
    let device = index % deviceCount
    let temperature = 20.0 + Double(index % 150) / 10.0   // crosses 30 now and then
    let payload = "{\"seq\":\(index),\"sensor\":\"sensor-\(device)\",\"temp\":\(temperature),\"hum\":\(40 + index % 20).25,\"battery\":3.0\(index % 10),\"rssi\":-67,\"status\":\"ok\",\"fw\":\"2.4.1\",\"ts\":\(start.epochMilliseconds + Int64(index))}"
    return InboundMessage(topic: "site/sensors/sensor-\(device)", payload: Array(payload.utf8), receivedAt: start + .milliseconds(Int64(index)))
}
let averagePayload = messages.reduce(0) { $0 + $1.payload.count } / messages.count

let sink = CountingSink()
// Metrics are recorded as in the gateway (into a registry nobody scrapes); BENCH_NO_METRICS=1 leaves them out.
let metrics: GatewayMetrics? = getenv("BENCH_NO_METRICS") == nil ? GatewayMetrics() : nil
let pipeline = EventPipeline(
    configuration: configuration, state: DerivationState(), sink: sink, startedAt: start, logger: Logger(label: "bench"), metrics: metrics)
let began = monotonicSeconds()
var sent = 0
while sent < messageCount {
    var batch: [InboundMessage] = []
    batch.reserveCapacity(batchSize)
    for offset in 0..<min(batchSize, messageCount - sent) {
        var message = messages[(sent + offset) % messages.count]
        // Fresh message ids past the pre-built set, so nothing counts as a redelivery.
        if sent + offset >= messages.count {
            message.payload = Array("{\"seq\":\(sent + offset),\"sensor\":\"sensor-0\",\"temp\":21.5,\"hum\":40.25,\"battery\":3.01,\"rssi\":-67,\"status\":\"ok\",\"fw\":\"2.4.1\",\"ts\":1763924700123}".utf8)
        }
        batch.append(message)
    }
    await pipeline.ingest(batch)
    sent += batch.count
}
let elapsed = monotonicSeconds() - began
let statistics = await pipeline.statistics
let events = await sink.count
print("pipeline benchmark: \(messageCount) messages (~\(averagePayload) bytes JSON, \(deviceCount) devices x 4 points, metrics \(metrics == nil ? "off" : "on"))")
print(String(format: "  messages/s   %10.0f", Double(messageCount) / elapsed))
print(String(format: "  readings/s   %10.0f   (%d readings)", Double(statistics.readings) / elapsed, statistics.readings))
print(String(format: "  events/s     %10.0f   (%d events)", Double(events) / elapsed, events))
print("  rejections   \(statistics.rejections)")
print("  peak RSS     \(peakResidentKilobytes() / 1024) MiB")
