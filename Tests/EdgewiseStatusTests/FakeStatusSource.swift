import EdgewiseCore
import EdgewiseStatus
import Synchronization

/// A ``StatusSource`` whose answers a test sets, and which can be made to hang like a stuck gateway.
final class FakeStatusSource: StatusSource {
    struct Answers {
        var snapshot = FakeStatusSource.sampleStatus
        var readiness = Readiness.ready
        var liveness = Liveness.alive
        /// Whether every call waits until cancelled, like a gateway that no longer answers.
        var hangs = false
    }

    let answers: Mutex<Answers>

    init(_ configure: (inout Answers) -> Void = { _ in }) {
        var initial = Answers()
        configure(&initial)
        answers = Mutex(initial)
    }

    func snapshot() async -> GatewayStatus {
        let answers = answers.withLock { $0 }
        if answers.hangs { await Self.hang() }
        return answers.snapshot
    }

    func readiness() async -> Readiness {
        let answers = answers.withLock { $0 }
        if answers.hangs { await Self.hang() }
        return answers.readiness
    }

    func liveness() async -> Liveness {
        let answers = answers.withLock { $0 }
        if answers.hangs { await Self.hang() }
        return answers.liveness
    }

    private static func hang() async {
        try? await Task.sleep(for: .seconds(3_600))
    }

    static let start = Timestamp(epochMilliseconds: 1_763_924_700_000)  // 2025-11-23T19:05:00Z

    /// A gateway with one of everything: both brokers, a Modbus bus, an MQTT and a Modbus device,
    /// points of each value kind, a pending and an idle rule, and a buffer.
    static let sampleStatus = GatewayStatus(
        gatewayID: "greenhouse-01", startedAt: start, generatedAt: start + .seconds(3_723) + .milliseconds(250),
        config: .init(
            digest: "sha256:0f1e2d", loadedAt: start,
            lastReload: .init(at: start + .seconds(600), accepted: false, errors: ["devices/hvac.yaml:3:7: error: unknown key 'hots'"])),
        connections: [
            .init(name: "local_broker", kind: "mqtt", target: "mqtt://127.0.0.1:1883", state: .connected, since: start),
            .init(
                name: "upstream", kind: "mqtt", target: "mqtts://cloud.example.com:8883", state: .connecting, since: start + .seconds(3_700),
                lastError: "connection refused", lastErrorAt: start + .seconds(3_700)),
            .init(name: "modbus:192.168.1.50:502", kind: "modbus-tcp", target: "192.168.1.50:502", state: .connected, since: start),
        ],
        devices: [
            .init(id: "greenhouse-air", protocol: "mqtt", state: .online, since: start + .seconds(2), lastSeen: start + .seconds(3_720), messages: 1_234, rejections: 2),
            .init(id: "hvac", protocol: "modbus-tcp", state: .offline, since: start + .seconds(3_000), lastSeen: start + .seconds(2_990), polls: 1_490, errors: 7),
            .init(id: "cellar", protocol: "mqtt", state: .unknown),
        ],
        points: [
            .init(device: "greenhouse-air", point: "temperature", value: .number(27.5), unit: "degC", time: start + .seconds(3_720)),
            .init(device: "hvac", point: "cooling", value: .boolean(true), time: start + .seconds(2_990)),
            .init(device: "hvac", point: "mode", value: .text("auto"), time: start + .seconds(2_990)),
            .init(device: "cellar", point: "humidity", value: nil, unit: "percent"),
        ],
        rules: [
            .init(name: "cool-greenhouse", phase: "pending", since: start + .seconds(3_700), until: start + .seconds(3_820), lastTriggered: start + .seconds(1_200), triggerCount: 1),
            .init(name: "frost-alarm", phase: "idle"),
        ],
        buffer: .init(
            depth: 42, bytes: 16_384, maxBytes: 268_435_456, oldestEventAgeSeconds: 23.5, evicted: .init(telemetry: 3), refused: 0,
            drainRate: 0))
}
