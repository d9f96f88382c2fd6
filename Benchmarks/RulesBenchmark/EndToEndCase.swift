import BenchmarkSupport
import EdgewiseMQTT
import EdgewiseTesting
import Foundation  // range(of:); benchmarks are not shipped
import Glibc
import Logging

/// From a sensor's MQTT publish to the actuator's MQTT command arriving, on loopback: a
/// mosquitto of its own (EdgewiseTesting's `MosquittoBroker`), the release `edgewise run` on a
/// temporary config, and a publisher and a subscriber (`MqttClient`, TCP_NODELAY) in this process,
/// so one clock times both ends.
///
/// The config: an MQTT sensor `room` (`sensors/room`, a bare number), an MQTT relay `fan`
/// (`command_topic: cmnd/fan/POWER`) and the rule `when: room.temperature > 26`, `then: write
/// fan.power = on`, `on_clear: write fan.power = off` (no `for:`); with more devices and rules,
/// the others are ``RuleFixture``'s, on sensors nobody publishes to. The publisher sends `27` and `23` in
/// turn (QoS 0, as sensors usually do), so every publish triggers or clears the rule and the
/// gateway publishes `ON` or `OFF` (QoS 1); the subscriber (`cmnd/#`, QoS 1) stamps each
/// command when `nextBatch` hands it over. After each command, a pause of 20–40 ms (uniformly
/// random) before the next publish: the gateway is idle when a reading comes (its work for the
/// previous command, the PUBACK and the `ActionConfirmed` event, takes well under 1 ms), and a run
/// gathers the thousands of samples a p99.9 needs in minutes.
///
/// The `relay` variants have no gateway: the same publisher sends `ON`/`OFF` straight to
/// `cmnd/fan/POWER`, to the same subscriber, through the same broker: one broker hop, the
/// ceiling the gateway figures are to be read against (they have two hops and the gateway
/// between them). At QoS 0 it is the sensor's hop; at QoS 1 (publisher not waiting for the
/// PUBACK before the message arrives) it is the command's hop.
enum EndToEndCase {
    /// Starts `edgewise run` on `config` and returns once `broker` has logged its client
    /// (`clientLogLine`): the gateway's own line is at `info`, which `--log-level notice`
    /// silences; warm-up covers the subscription. With `core`, the gateway runs pinned to that
    /// CPU core (`taskset -c`), every thread of it.
    static func launchGateway(
        _ edgewise: String, config: TemporaryDirectory, broker: MosquittoBroker, clientLogLine: String, core: Int? = nil
    ) async throws -> ChildProcess {
        let run = [edgewise, "run", "--config", config.path, "--state-dir", config.path + "/state"]
        let child = if let core {
            try ChildProcess.launch("/usr/bin/taskset", arguments: ["-c", "\(core)"] + run)
        } else {
            try ChildProcess.launch(edgewise, arguments: Array(run.dropFirst()))
        }
        let connected = ContinuousClock.now + .seconds(30)
        while !broker.output.contains(clientLogLine) {
            guard ContinuousClock.now < connected else {
                child.signal(SIGKILL)
                throw BenchmarkError("the gateway did not connect within 30 s: \(child.standardError.suffix(2_000))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return child
    }

    /// Returns once `subscriber` has its one subscription and `publisher` is connected (30 s at most).
    static func waitUntilReady(subscriber: MqttClient, publisher: MqttClient) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !(subscriber.status().activeSubscriptions == 1 && publisher.status().state == .connected) {
            guard ContinuousClock.now < deadline else { throw BenchmarkError("the benchmark's MQTT clients did not connect and subscribe within 30 s") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    enum Variant: Sendable, Equatable {
        case relay(qos: MqttQoS)
        /// `rules` rules and `pairs` sensor/relay pairs (`room`/`fan` and `pairs - 1` of
        /// ``RuleFixture``'s), so that the cost of more devices and of more rules can be told apart.
        case gateway(rules: Int, pairs: Int)

        var label: String {
            switch self {
            case .relay(let qos): "no gateway: publisher → mosquitto → subscriber, QoS \(qos.rawValue)"
            case .gateway(let rules, let pairs): "gateway, \(rules) rule\(rules == 1 ? "" : "s"), \(2 * pairs) devices"
            }
        }
    }

    struct Outcome: Sendable {
        var variant: Variant
        var round: Int
        /// Nanoseconds from publish to command, counted samples only.
        var samples: [Double] = []
        var timeouts = 0
        var unexpected = 0
        /// The gateway's own `ActionConfirmed` durations (action started → broker's PUBACK) of the
        /// counted samples, ms (only logged at `info`).
        var actionDurations: [Double] = []
        /// The gateway's CPU seconds over the counted samples.
        var gatewayCPU: Double?
        var gatewayMessages: Int?
        var published = 0
        var problems: [String] = []
        /// The 1-minute load average when the counted samples ended.
        var load = ""
    }

    static let commandTopic = "cmnd/fan/POWER"

    static func run(_ variant: Variant, round: Int, samples count: Int, warmUp: Int, edgewise: String, logLevel: String, logDirectory: String?) async throws -> Outcome {
        var outcome = Outcome(variant: variant, round: round)
        let quiet = Logger(label: "rules-bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let broker = try await MosquittoBroker.start()
        var config: TemporaryDirectory?
        var gateway: ChildProcess?
        var clients: [MqttClient] = []
        var consumer: Task<Void, Never>?
        // Whatever happens, stop what was started: clients, gateway, broker (in that order).
        func stopAll() async {
            for client in clients { await client.shutdown() }
            await consumer?.value
            if let gateway { _ = try? await gateway.stop(timeout: .seconds(30)) }
            try? await broker.stop()
        }
        do {
            if case .gateway(let rules, let pairs) = variant {
                let directory = try TemporaryDirectory(prefix: "edgewise-rules-bench")
                config = directory
                let statusPort = try FreePort.loopback()
                for (path, text) in files(rules: rules, pairs: pairs, port: broker.port, statusPort: statusPort, logLevel: logLevel) { try directory.write(text, to: path) }
                gateway = try await Self.launchGateway(edgewise, config: directory, broker: broker, clientLogLine: " as edgewise-rules-bench ")
            }
            let subscriber = try MqttClient(
                configuration: MqttClientConfiguration(host: "127.0.0.1", port: broker.port, clientID: "rules-bench-commands"), logger: quiet)
            clients.append(subscriber)
            try subscriber.subscribe("cmnd/#", qos: .atLeastOnce)
            try subscriber.start()
            let publisher = try MqttClient(
                configuration: MqttClientConfiguration(host: "127.0.0.1", port: broker.port, clientID: "rules-bench-sensor"), logger: quiet)
            clients.append(publisher)
            try publisher.start()
            try await EndToEndCase.waitUntilReady(subscriber: subscriber, publisher: publisher)
            let arrivals = CommandArrivals()
            consumer = Task { await arrivals.consume(subscriber) }

            let relayQoS: MqttQoS? = if case .relay(let qos) = variant { qos } else { nil }
            let topic = relayQoS == nil ? "sensors/room" : commandTopic
            var on = true
            var warmed = 0
            var warmUpTimeouts = 0
            var cpuAtStart: Double?
            while outcome.samples.count < count {
                if warmed == warmUp, cpuAtStart == nil, let gateway { cpuAtStart = cpuSeconds(ofProcess: gateway.pid) }
                let expected = on ? "ON" : "OFF"
                let payload = relayQoS == nil ? (on ? "27" : "23") : expected
                let started = monotonicNanoseconds()
                // QoS 1: the PUBACK is awaited after the message has arrived (or not), so that it is not timed.
                let pending = try publisher.send(topic: topic, payload: Array(payload.utf8), qos: relayQoS ?? .atMostOnce)
                outcome.published += 1
                var arrival: CommandArrivals.Arrival?
                while let next = await arrivals.next(timeout: .seconds(2)) {
                    if next.topic == commandTopic && next.payload == expected {
                        arrival = next
                        break
                    }
                    if warmed >= warmUp { outcome.unexpected += 1 }
                }
                if let arrival {
                    if warmed < warmUp { warmed += 1 } else { outcome.samples.append(Double(arrival.time - started)) }
                } else if warmed < warmUp {
                    // Most likely the gateway has not subscribed yet.
                    warmUpTimeouts += 1
                    guard warmUpTimeouts < 30 else { throw BenchmarkError("no command within 2 s of 30 publishes during warm-up") }
                } else {
                    outcome.timeouts += 1
                }
                try await publisher.acknowledgement(of: pending)
                // After a timeout too: whether the reading or the command was lost, the next value
                // or the one after it changes the rule's state again.
                on.toggle()
                try await Task.sleep(for: .microseconds(Int.random(in: 20_000...40_000)))
            }
            outcome.load = oneMinuteLoad()
            if let gateway, let cpuAtStart, let cpuAtEnd = cpuSeconds(ofProcess: gateway.pid) { outcome.gatewayCPU = cpuAtEnd - cpuAtStart }
            if warmUpTimeouts > 0 { outcome.problems.append("\(warmUpTimeouts) warm-up publishes without a command (before the gateway had subscribed, presumably)") }
        } catch {
            await stopAll()
            throw error
        }
        for client in clients { await client.shutdown() }
        clients = []
        await consumer?.value
        consumer = nil
        if let gateway {
            gateway.signal(SIGTERM)
            let status = try await gateway.waitForExit(timeout: .seconds(30))
            if status != 0 { outcome.problems.append("the gateway exited with status \(status)") }
            let log = gateway.standardError
            outcome.actionDurations = Array(actionDurations(in: log).dropFirst(warmUp))
            outcome.gatewayMessages = log.split(separator: "\n").last { $0.contains("MQTT ingestion stopped") }
                .flatMap { line in line.split(separator: " ").first { $0.hasPrefix("mqtt.messages=") } }
                .flatMap { Int($0.dropFirst("mqtt.messages=".count)) }
            if outcome.gatewayMessages != outcome.published {
                outcome.problems.append("the gateway received \(outcome.gatewayMessages.map(String.init) ?? "?") of \(outcome.published) messages")
            }
            let failed = log.split(separator: "\n").filter { $0.contains(" ActionFailed ") }.count
            if failed > 0 { outcome.problems.append("\(failed) ActionFailed events in the gateway's log") }
            if let logDirectory {
                let name: String = if case .gateway(let rules, let pairs) = variant { "gateway-\(rules)-rules-\(2 * pairs)-devices-round-\(round).log" } else { "relay-round-\(round).log" }
                if let file = fopen(logDirectory + "/" + name, "w") {
                    fputs(log, file)
                    fclose(file)
                }
            }
        }
        _ = config
        try await broker.stop()
        return outcome
    }

    /// The config directory's files: the room sensor, the fan relay and its rule, `pairs - 1` other
    /// sensors and relays from ``RuleFixture``, and the first `rules - 1` of their rules. The status
    /// endpoint listens on `statusPort` (a free one), not on the default 8080, which something else
    /// on a shared machine may hold.
    static func files(rules: Int, pairs: Int, port: Int, statusPort: Int, logLevel: String) -> [(path: String, text: String)] {
        precondition(rules <= pairs, "a rule needs its sensor and relay")
        var files: [(path: String, text: String)] = [
            ("gateway.yaml", """
                gateway: {id: rules-bench}
                local_broker: {url: "mqtt://127.0.0.1:\(port)"}
                status: {listen: "127.0.0.1:\(statusPort)"}
                logging: {level: \(logLevel)}
                """),
            ("devices/room.yaml", """
                device: room
                protocol: mqtt
                topic: sensors/room
                points:
                  temperature: {unit: degC}
                """),
            ("devices/fan.yaml", """
                device: fan
                protocol: mqtt
                topic: stat/fan/POWER
                points:
                  power: {type: bool, writable: true, command_topic: \(commandTopic)}
                """),
            ("rules/fan.yaml", """
                rules:
                  - name: fan
                    when: room.temperature > 26
                    then: [{write: fan.power = on}]
                    on_clear: [{write: fan.power = off}]
                """),
        ]
        if pairs > 1 { files += RuleFixture.devices(1..<pairs) }
        if rules > 1 { files.append(RuleFixture.rules(1..<rules)) }
        return files
    }

    /// The `duration` of the fan's `ActionConfirmed` lines (`duration="0.000412 seconds"`), in ms.
    static func actionDurations(in log: String) -> [Double] {
        log.split(separator: "\n").filter { $0.contains(" ActionConfirmed ") && $0.contains(" device=fan") }.compactMap { line in
            guard let start = line.range(of: "duration=\"") else { return nil }
            let rest = line[start.upperBound...]
            guard let end = rest.firstIndex(of: " ") else { return nil }
            return Double(rest[..<end]).map { $0 * 1_000 }
        }
    }

    /// One row per round, and for each case run more than once a row for all its rounds together.
    static func table(_ outcomes: [Outcome]) -> Table {
        var table = Table([
            "case", "round", "samples", "publish → command ms: p50 / p90 / p99 / p99.9 / max", "mean ms", "timeouts / unexpected",
            "gateway's ActionConfirmed duration ms: p50 / p99 / max", "gateway CPU ms / sample", "load (1 min)",
        ])
        func add(_ label: String, _ round: String, _ outcomes: [Outcome]) {
            let samples = outcomes.flatMap(\.samples)
            let latency = Percentiles(samples)
            let isRelay = if case .relay = outcomes[0].variant { true } else { false }
            let cpu = outcomes.compactMap(\.gatewayCPU)
            table.add([
                label, round, decimal(Double(samples.count)),
                latency.summary([50, 90, 99, 99.9], scale: 1e6, decimals: 2), decimal(latency.mean / 1e6, 2),
                "\(outcomes.map(\.timeouts).reduce(0, +)) / \(outcomes.map(\.unexpected).reduce(0, +))",
                isRelay ? "" : Percentiles(outcomes.flatMap(\.actionDurations)).summary([50, 99], decimals: 2),
                cpu.count == outcomes.count && !isRelay ? decimal(cpu.reduce(0, +) * 1_000 / Double(max(samples.count, 1)), 2) : "",
                outcomes.map(\.load).joined(separator: ", "),
            ])
        }
        var labels: [String] = []
        for outcome in outcomes where !labels.contains(outcome.variant.label) { labels.append(outcome.variant.label) }
        for label in labels {
            let rounds = outcomes.filter { $0.variant.label == label }
            for outcome in rounds { add(label, "\(outcome.round)", [outcome]) }
            if rounds.count > 1 { add(label, "all", rounds) }
        }
        return table
    }
}

