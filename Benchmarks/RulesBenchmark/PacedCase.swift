import BenchmarkSupport
import EdgewiseMQTT
import EdgewiseTesting
import Glibc
import Logging
import Synchronization

/// Latency at a fixed rate, open loop: a publisher in this process sends one reading every
/// `1 / rate` seconds on an absolute schedule (a late wake-up does not shift the later ones), a
/// subscriber in this process stamps each arrival when `nextBatch` hands it over, and every
/// arrival is matched to its reading, so each sample is one reading's publish → arrival on one
/// clock (`CLOCK_MONOTONIC`). Unlike ``EndToEndCase`` (one reading in flight at a time, 20–40 ms
/// apart), readings overlap the gateway's work on the previous ones, as at a busy site.
///
/// Variants, each with brokers of its own (EdgewiseTesting's `MosquittoBroker`) and the release
/// `edgewise run`:
/// - ``Variant/relay``: the ceiling, no gateway: publisher → mosquitto → subscriber, the reading's
///   sequence number as the payload, QoS 0 publish, QoS 1 subscription.
/// - ``Variant/upstream``: sensor publish (a bare number on `sensors/room`, QoS 0) → local mosquitto →
///   gateway (reading → `ReadingReported` event → durable queue, `buffer.durability: batch`) →
///   upstream mosquitto → subscriber on `edgewise/#` (QoS 1). The reading's value is
///   `1,000,000 + sequence number`, read back from the event's `"value"`.
/// - ``Variant/actuator``: the ``EndToEndCase`` rule (`room.temperature > 26` → `write fan.power =
///   on`, `on_clear` → `off`), readings alternating 27 and 23, so every reading is a rule decision
///   and a command (`ON`/`OFF` on `cmnd/fan/POWER`); commands carry no sequence number, so the
///   k-th command is matched to the k-th reading, checked by its payload (a missing command shows
///   as two equal payloads in a row and is counted, not matched).
///
/// Before the paced part, readings are sent 100 ms apart until one arrives (the gateway has
/// subscribed and, upstream, connected), then the first `warmUp` paced readings are not counted.
enum PacedCase {
    /// What sits between publisher and subscriber.
    enum Variant: String, Sendable, CaseIterable {
        case relay, upstream, actuator

        var label: String {
            switch self {
            case .relay: "no gateway: publisher → mosquitto → subscriber (ceiling)"
            case .upstream: "sensor → gateway → durable queue → upstream mosquitto"
            case .actuator: "sensor → gateway rule → actuator command"
            }
        }
    }

    /// One run's samples and counts.
    struct Outcome: Sendable {
        var variant: Variant
        var round: Int
        var rate: Int
        /// Nanoseconds from publish to arrival, counted readings only.
        var samples: [Double] = []
        var sent = 0
        /// Counted readings that never arrived (or whose command was missing).
        var missing = 0
        /// Arrivals matching no counted reading, or a reading already matched.
        var unexpected = 0
        /// The rate the publisher achieved over the counted readings, per second.
        var achievedRate = 0.0
        /// The gateway's CPU seconds and peak RSS (KiB, from /proc, sampled each 100 ms) over the counted readings.
        var gatewayCPU: Double?
        var gatewayRSSPeakKiB: Int?
        var problems: [String] = []
        var load = ""
    }

    static let sensorTopic = "sensors/room"
    static let valueBase = 1_000_000

    static func run(
        _ variant: Variant, round: Int, rate: Int, readings count: Int, warmUp: Int, edgewise: String, gatewayCore: Int?, logLevel: String,
        logDirectory: String?
    ) async throws -> Outcome {
        var outcome = Outcome(variant: variant, round: round, rate: rate)
        let quiet = Logger(label: "rules-bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let local = try await MosquittoBroker.start()
        let upstream: MosquittoBroker? = if variant == .upstream { try await MosquittoBroker.start() } else { nil }
        var config: TemporaryDirectory?
        var gateway: ChildProcess?
        var clients: [MqttClient] = []
        var consumer: Task<[Arrival], Never>?
        func stopAll() async {
            for client in clients { await client.shutdown() }
            _ = await consumer?.value
            if let gateway { _ = try? await gateway.stop(timeout: .seconds(30)) }
            try? await local.stop()
            try? await upstream?.stop()
        }
        do {
            if variant != .relay {
                let directory = try TemporaryDirectory(prefix: "edgewise-paced-bench")
                config = directory
                let statusPort = try FreePort.loopback()
                let files = variant == .actuator
                    ? EndToEndCase.files(rules: 1, pairs: 1, port: local.port, statusPort: statusPort, logLevel: logLevel)
                    : upstreamFiles(
                        localPort: local.port, upstreamPort: upstream!.port, statusPort: statusPort, state: directory.path + "/state", logLevel: logLevel)
                for (path, text) in files { try directory.write(text, to: path) }
                gateway = try await EndToEndCase.launchGateway(
                    edgewise, config: directory, broker: local, clientLogLine: " as edgewise-", core: gatewayCore)
            }
            let subscriber = try MqttClient(
                configuration: MqttClientConfiguration(host: "127.0.0.1", port: (upstream ?? local).port, clientID: "paced-bench-subscriber"), logger: quiet)
            clients.append(subscriber)
            let filter = switch variant {
            case .relay: "bench/#"
            case .upstream: "edgewise/#"
            case .actuator: "cmnd/#"
            }
            try subscriber.subscribe(filter, qos: .atLeastOnce)
            try subscriber.start()
            let publisher = try MqttClient(
                configuration: MqttClientConfiguration(host: "127.0.0.1", port: local.port, clientID: "paced-bench-sensor"), logger: quiet)
            clients.append(publisher)
            try publisher.start()
            try await EndToEndCase.waitUntilReady(subscriber: subscriber, publisher: publisher)
            let received = ArrivalCount()
            let collector = Task { () -> [Arrival] in
                var arrivals: [Arrival] = []
                arrivals.reserveCapacity(count + warmUp + 1_000)
                while let batch = await subscriber.nextBatch(maxCount: 256) {
                    let time = monotonicNanoseconds()
                    for message in batch { arrivals.append(Arrival(time: time, topic: message.topic, payload: message.payload)) }
                    received.value.add(batch.count, ordering: .relaxed)
                }
                return arrivals
            }
            consumer = collector
            let topic = variant == .relay ? "bench/room" : sensorTopic
            func payload(_ index: Int) -> [UInt8] {
                switch variant {
                case .relay, .upstream: Array(String(valueBase + index).utf8)
                case .actuator: Array((index % 2 == 0 ? "27" : "23").utf8)
                }
            }

            // Probe until something arrives: the gateway has subscribed (and connected upstream).
            // For the actuator, end with the fan off (23 → OFF), so that paced reading 0 (27) turns it on.
            var probes = 0
            for phase in variant == .actuator ? [0, 1] : [0] {
                let before = received.value.load(ordering: .relaxed)
                while received.value.load(ordering: .relaxed) == before {
                    probes += 1
                    guard probes < 300 else {
                        throw BenchmarkError("nothing arrived for 300 probe readings 100 ms apart; gateway: \(gateway?.standardError.suffix(2_000) ?? "none")")
                    }
                    _ = try publisher.send(topic: topic, payload: variant == .actuator ? payload(phase) : payload(-1), qos: .atMostOnce)
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            try await Task.sleep(for: .milliseconds(500))
            let probeArrivals = received.value.load(ordering: .relaxed)

            // The paced part: reading k is due at start + k / rate.
            let total = warmUp + count
            var sendTimes = [UInt64](repeating: 0, count: total)
            let period = Duration.nanoseconds(1_000_000_000 / rate)
            let start = ContinuousClock.now + .milliseconds(10)
            var cpuAtStart: Double?
            var rssPeak = 0
            var nextRSSSample = 0
            for index in 0..<total {
                if index == warmUp, let gateway { cpuAtStart = cpuSeconds(ofProcess: gateway.pid) }
                if index >= warmUp, index >= nextRSSSample, let gateway {
                    rssPeak = max(rssPeak, residentKiB(ofProcess: gateway.pid) ?? 0)
                    nextRSSSample = index + max(1, rate / 10)
                }
                try await Task.sleep(until: start + period * index, tolerance: nil)
                sendTimes[index] = monotonicNanoseconds()
                _ = try publisher.send(topic: topic, payload: payload(index), qos: .atMostOnce)
                outcome.sent += 1
            }
            let lastSent = monotonicNanoseconds()
            if total > warmUp + 1 {
                outcome.achievedRate = Double(total - warmUp - 1) / (Double(sendTimes[total - 1] - sendTimes[warmUp]) / 1e9)
            }
            // Wait until everything has arrived or nothing more comes for 2 s (at most 60 s).
            var last = received.value.load(ordering: .relaxed)
            var quietSince = ContinuousClock.now
            let waitEnd = ContinuousClock.now + .seconds(60)
            while last - probeArrivals < total, ContinuousClock.now < waitEnd, ContinuousClock.now - quietSince < .seconds(2) {
                try await Task.sleep(for: .milliseconds(20))
                let now = received.value.load(ordering: .relaxed)
                if now != last { (last, quietSince) = (now, ContinuousClock.now) }
            }
            outcome.load = oneMinuteLoad()
            if let gateway, let cpuAtStart, let cpuAtEnd = cpuSeconds(ofProcess: gateway.pid) { outcome.gatewayCPU = cpuAtEnd - cpuAtStart }
            if gateway != nil { outcome.gatewayRSSPeakKiB = rssPeak }
            _ = lastSent

            for client in clients { await client.shutdown() }
            clients = []
            let arrivals = Array(await collector.value.dropFirst(probeArrivals))
            consumer = nil
            match(arrivals, sendTimes: sendTimes, warmUp: warmUp, into: &outcome)
        } catch {
            await stopAll()
            throw error
        }
        if let gateway {
            gateway.signal(SIGTERM)
            let status = try await gateway.waitForExit(timeout: .seconds(30))
            if status != 0 { outcome.problems.append("the gateway exited with status \(status)") }
            if let logDirectory, let file = fopen(logDirectory + "/paced-\(variant.rawValue)-round-\(round).log", "w") {
                fputs(gateway.standardError, file)
                fclose(file)
            }
        }
        _ = config
        try await local.stop()
        try await upstream?.stop()
        return outcome
    }

    /// One message as the subscriber got it.
    struct Arrival: Sendable {
        var time: UInt64
        var topic: String
        var payload: [UInt8]
    }

    /// Matches arrivals to readings: by the sequence number in the payload (relay, upstream) or in
    /// order, checked by payload (actuator); counted readings only.
    static func match(_ arrivals: [Arrival], sendTimes: [UInt64], warmUp: Int, into outcome: inout Outcome) {
        var arrived = [UInt64](repeating: 0, count: sendTimes.count)
        switch outcome.variant {
        case .relay, .upstream:
            for arrival in arrivals {
                if outcome.variant == .upstream && !arrival.topic.contains("/ReadingReported/") { continue }
                guard let value = outcome.variant == .relay ? Int(String(decoding: arrival.payload, as: UTF8.self)) : jsonValue(arrival.payload) else {
                    outcome.unexpected += 1
                    continue
                }
                let index = value - valueBase
                guard index >= 0, index < sendTimes.count, arrived[index] == 0 else {
                    if index != -1 { outcome.unexpected += 1 }  // -1: a late probe
                    continue
                }
                arrived[index] = arrival.time
            }
        case .actuator:
            var index = 0
            for arrival in arrivals where arrival.topic == EndToEndCase.commandTopic {
                let on = arrival.payload == Array("ON".utf8)
                // Reading k (27 for even k) should have produced ON for even k; a missing command
                // shows as the same payload twice: skip the reading it belonged to.
                if index < sendTimes.count, (index % 2 == 0) != on { index += 1 }
                guard index < sendTimes.count else {
                    outcome.unexpected += 1
                    continue
                }
                arrived[index] = arrival.time
                index += 1
            }
        }
        for index in warmUp..<sendTimes.count {
            if arrived[index] == 0 { outcome.missing += 1 } else { outcome.samples.append(Double(arrived[index] &- sendTimes[index])) }
        }
    }

    /// The number after the first `"value":` in a CloudEvent, as an integer.
    static func jsonValue(_ payload: [UInt8]) -> Int? {
        let key = Array("\"value\":".utf8)
        guard payload.count > key.count else { return nil }
        var position = 0
        while position + key.count <= payload.count {
            if payload[position] == key[0], Array(payload[position..<(position + key.count)]) == key {
                var end = position + key.count
                while end < payload.count, payload[end] == UInt8(ascii: " ") { end += 1 }
                let begin = end
                while end < payload.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(payload[end]) || payload[end] == UInt8(ascii: ".") || payload[end] == UInt8(ascii: "-") || payload[end] == UInt8(ascii: "e") || payload[end] == UInt8(ascii: "+") {
                    end += 1
                }
                return Double(String(decoding: payload[begin..<end], as: UTF8.self)).map { Int($0.rounded()) }
            }
            position += 1
        }
        return nil
    }

    /// The upstream variant's config: the room sensor alone, forwarding every event upstream
    /// through the durable queue (`buffer.durability: batch`).
    static func upstreamFiles(localPort: Int, upstreamPort: Int, statusPort: Int, state: String, logLevel: String) -> [(path: String, text: String)] {
        [
            ("gateway.yaml", """
                gateway: {id: paced-bench}
                local_broker: {url: "mqtt://127.0.0.1:\(localPort)"}
                upstream: {url: "mqtt://127.0.0.1:\(upstreamPort)"}
                buffer: {path: "\(state)/buffer.db", durability: batch}
                status: {listen: "127.0.0.1:\(statusPort)"}
                logging: {level: \(logLevel)}
                """),
            ("devices/room.yaml", """
                device: room
                protocol: mqtt
                topic: \(sensorTopic)
                points:
                  temperature: {unit: degC}
                """),
        ]
    }

    /// One row per round, and one for all rounds of a variant run more than once.
    static func table(_ outcomes: [Outcome]) -> Table {
        var table = Table([
            "case", "round", "rate /s (achieved)", "samples", "publish → arrival ms: p50 / p90 / p99 / p99.9 / max", "missing / unexpected",
            "gateway CPU µs / reading", "gateway RSS peak MiB", "load (1 min)",
        ])
        func add(_ label: String, _ round: String, _ outcomes: [Outcome]) {
            let samples = outcomes.flatMap(\.samples)
            let cpu = outcomes.compactMap(\.gatewayCPU)
            let rss = outcomes.compactMap(\.gatewayRSSPeakKiB)
            table.add([
                label, round, "\(outcomes[0].rate) (\(outcomes.map { decimal($0.achievedRate) }.joined(separator: ", ")))", decimal(Double(samples.count)),
                Percentiles(samples).summary([50, 90, 99, 99.9], scale: 1e6, decimals: 2),
                "\(outcomes.map(\.missing).reduce(0, +)) / \(outcomes.map(\.unexpected).reduce(0, +))",
                cpu.count == outcomes.count ? decimal(cpu.reduce(0, +) * 1e6 / Double(max(samples.count, 1)), 0) : "",
                rss.isEmpty ? "" : decimal(Double(rss.max()!) / 1024, 1),
                outcomes.map(\.load).joined(separator: ", "),
            ])
        }
        for variant in Variant.allCases {
            let rounds = outcomes.filter { $0.variant == variant }
            for outcome in rounds { add(variant.label, "\(outcome.round)", [outcome]) }
            if rounds.count > 1 { add(variant.label, "all", rounds) }
        }
        return table
    }
}

/// How many messages the subscriber has handed over so far, shared with the task that reads them.
final class ArrivalCount: Sendable {
    let value = Atomic<Int>(0)
}

/// Resident set size of another process in KiB (`VmRSS` in /proc/PID/status); `nil` when unreadable.
func residentKiB(ofProcess pid: Int32) -> Int? {
    guard let status = readSmallFile("/proc/\(pid)/status"),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return nil }
    return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
}
