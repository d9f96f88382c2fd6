import EdgewiseCore
import EdgewiseStatus
import EdgewiseTesting
import Foundation
import Logging
import ServiceLifecycle
import Testing

@Suite("edgewise status, against a real status server")
struct StatusCommandTests {
    static let token = "3f6c1e9a0b7d4c2e8f5a6b1c0d9e8f7a"

    @Test func aReadyGatewayIsSummarizedAndExits0() async throws {
        try await StatusPeer.withServer(CannedStatusSource(status: CannedStatusSource.healthy)) { port in
            let result = try await EdgewiseBinary.run("status", "--url", "http://127.0.0.1:\(port)")
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardError == "")
            #expect(result.standardOutput == """
                greenhouse-01: READY (edgewise \(EdgewiseVersion.current), up 1h2m3s)
                connections:
                  local_broker             connected  for 1h2m3s
                  upstream                 connected  for 20m23s; last error 40m23s ago: connection refused
                  modbus:192.168.1.50:502  connected  for 1h2m3s
                devices: 2 (2 online)
                rules: 2 (1 active)
                  active  cool-greenhouse  for 2m3s, triggered 3 times
                buffer: 0 events (0 B of 256 MiB), draining 12.5/s
                config: sha256:0f1e2d, loaded 1h2m3s ago

                """)
        }
    }

    @Test func anOfflineDeviceAndAGatewayNotReadyExit1WithTheReasons() async throws {
        var source = CannedStatusSource(status: CannedStatusSource.healthy)
        source.readiness = .notReady(["local broker: not connected since 2025-11-23T20:06:40.000Z"])
        source.status.connections[0] = .init(
            name: "local_broker", kind: "mqtt", target: "mqtt://127.0.0.1:1883", state: .connecting, since: CannedStatusSource.start + .seconds(3_700),
            lastError: "connection refused", lastErrorAt: CannedStatusSource.start + .seconds(3_700))
        source.status.devices[1] = .init(
            id: "hvac", protocol: "modbus-tcp", state: .offline, since: CannedStatusSource.start + .seconds(3_000),
            lastSeen: CannedStatusSource.start + .seconds(2_990), polls: 1_490, errors: 7)
        source.status.buffer?.depth = 42
        source.status.buffer?.bytes = 16_384
        source.status.buffer?.oldestEventAgeSeconds = 23.5
        source.status.config.lastReload = .init(
            at: CannedStatusSource.start + .seconds(600), accepted: false, errors: ["devices/hvac.yaml:3:7: error: unknown key 'hots'"])
        try await StatusPeer.withServer(source) { port in
            let result = try await EdgewiseBinary.run("status", "--url", "http://127.0.0.1:\(port)/")
            #expect(result.status == 1, "\(result.standardError)")
            let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first == "greenhouse-01: NOT READY (edgewise \(EdgewiseVersion.current), up 1h2m3s)")
            #expect(lines.dropFirst().first == "  local broker: not connected since 2025-11-23T20:06:40.000Z")
            #expect(lines.contains("  local_broker             connecting  for 23s; last error 23s ago: connection refused"))
            #expect(lines.contains("devices: 2 (1 online, 1 offline)"))
            #expect(lines.contains("  offline  hvac  for 12m3s, last seen 12m13s ago, 7 errors"))
            #expect(lines.contains("buffer: 42 events (16 KiB of 256 MiB), oldest 23s, draining 12.5/s"))
            #expect(lines.contains("config: sha256:0f1e2d, loaded 1h2m3s ago; last reload rejected 52m3s ago"))
            #expect(lines.contains("  devices/hvac.yaml:3:7: error: unknown key 'hots'"))
        }
    }

    @Test func aStalledGatewayExits1() async throws {
        var source = CannedStatusSource(status: CannedStatusSource.healthy)
        source.liveness = .stalled("the pipeline has taken no batch for 60s")
        try await StatusPeer.withServer(source) { port in
            let result = try await EdgewiseBinary.run("status", "--url", "http://127.0.0.1:\(port)")
            #expect(result.status == 1)
            #expect(result.standardOutput.hasPrefix("""
                greenhouse-01: STALLED (edgewise \(EdgewiseVersion.current), up 1h2m3s)
                  stalled: the pipeline has taken no batch for 60s
                connections:
                """))
        }
    }

    @Test func anUnreachableGatewayExits2() async throws {
        let port = try FreePort.loopback()  // nothing listens there
        let result = try await EdgewiseBinary.run("status", "--url", "http://127.0.0.1:\(port)")
        #expect(result.status == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "edgewise status: error: cannot reach the gateway at http://127.0.0.1:\(port): connection refused\n")
    }

    @Test func aGatewayThatDoesNotAnswerInTimeExits2() async throws {
        let listener = try SilentTCPListener()
        let result = try await EdgewiseBinary.run("status", "--url", "http://127.0.0.1:\(listener.port)", "--timeout", "300ms")
        #expect(result.status == 2)
        #expect(result.standardError == "edgewise status: error: cannot reach the gateway at http://127.0.0.1:\(listener.port): no answer within 300ms\n")
    }

    @Test func withoutTheTokenTheAnswerIs401AndTheMessageSaysWhatToPass() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Self.token + "\n", to: "status.token")
        try await StatusPeer.withServer(CannedStatusSource(status: CannedStatusSource.healthy), tokenFile: path) { port in
            let missing = try await EdgewiseBinary.run("status", "--url", "http://127.0.0.1:\(port)")
            #expect(missing.status == 2)
            #expect(missing.standardError == """
                edgewise status: error: http://127.0.0.1:\(port) answered 401 Unauthorized: it requires a bearer token: pass --token-file with the gateway's status.token_file

                """)

            let wrongPath = try directory.write("not-the-token\n", to: "wrong.token")
            let wrong = try await EdgewiseBinary.run("status", "--url", "http://127.0.0.1:\(port)", "--token-file", wrongPath)
            #expect(wrong.status == 2)
            #expect(wrong.standardError == "edgewise status: error: http://127.0.0.1:\(port) answered 401 Unauthorized: the gateway did not accept the token in \(wrongPath)\n")

            let right = try await EdgewiseBinary.run("status", "--url", "http://127.0.0.1:\(port)", "--token-file", path)
            #expect(right.status == 0, "\(right.standardError)")
            #expect(right.standardOutput.hasPrefix("greenhouse-01: READY"))
        }
    }

    @Test func aMissingTokenFileExits2() async throws {
        let result = try await EdgewiseBinary.run("status", "--token-file", "/nonexistent/status.token")
        #expect(result.status == 2)
        #expect(result.standardError == "edgewise status: error: cannot open the token file /nonexistent/status.token: No such file or directory\n")
    }

    @Test func withConfigItAsksStatusListenWithStatusTokenFile() async throws {
        let port = try FreePort.loopback()
        let config = try EdgewiseBinary.exampleConfig(statusPort: port)
        let tokenPath = try config.write(Self.token, to: "status.token")
        let gateway = try FileSystem.read(config.path + "/gateway.yaml")
        let listen = "listen: \"127.0.0.1:\(port)\""
        try #require(gateway.contains(listen))
        try config.write(gateway.replacingOccurrences(of: listen, with: "\(listen)\n  token_file: \(tokenPath)"), to: "gateway.yaml")
        try await StatusPeer.withServer(CannedStatusSource(status: CannedStatusSource.healthy), port: port, tokenFile: tokenPath) { _ in
            let result = try await EdgewiseBinary.run("status", "--config", config.path)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.hasPrefix("greenhouse-01: READY"))
        }
    }

    @Test func jsonPrintsTheAnswersOfReadyzAndStatus() async throws {
        var source = CannedStatusSource(status: CannedStatusSource.healthy)
        source.readiness = .notReady(["upstream: not connected"])
        try await StatusPeer.withServer(source) { port in
            let result = try await EdgewiseBinary.run("status", "--url", "http://127.0.0.1:\(port)", "--json")
            #expect(result.status == 1)
            struct Output: Decodable {
                var readiness: Readiness
                var status: GatewayStatus
            }
            let output = try JSONDecoder().decode(Output.self, from: Data(result.standardOutput.utf8))
            #expect(output.readiness == source.readiness)
            #expect(output.status == source.status)
        }
    }

    @Test(arguments: [
        ("https://gateway:8080", "only http:// is supported"), ("http://:8080", "has no host"), ("http://gateway:99999", "is not a TCP port"),
    ])
    func aURLItCannotUseIsAUsageError(url: String, problem: String) async throws {
        let result = try await EdgewiseBinary.run("status", "--url", url)
        #expect(result.status == 64)
        #expect(result.standardError.contains(problem), "\(result.standardError)")
    }
}

/// A ``StatusSource`` with fixed answers, for the `edgewise status` tests.
struct CannedStatusSource: StatusSource {
    var status: GatewayStatus
    var readiness = Readiness.ready
    var liveness = Liveness.alive

    func snapshot() async -> GatewayStatus { status }
    func readiness() async -> Readiness { readiness }
    func liveness() async -> Liveness { liveness }

    static let start = Timestamp(epochMilliseconds: 1_763_924_700_000)  // 2025-11-23T19:05:00Z

    /// A gateway with everything up: both brokers and a Modbus bus connected, two devices online,
    /// one rule active, an empty buffer.
    static let healthy = GatewayStatus(
        gatewayID: "greenhouse-01", startedAt: start, generatedAt: start + .seconds(3_723) + .milliseconds(250),
        config: .init(digest: "sha256:0f1e2d", loadedAt: start),
        connections: [
            .init(name: "local_broker", kind: "mqtt", target: "mqtt://127.0.0.1:1883", state: .connected, since: start),
            .init(
                name: "upstream", kind: "mqtt", target: "mqtts://cloud.example.com:8883", state: .connected, since: start + .seconds(2_500),
                lastError: "connection refused", lastErrorAt: start + .seconds(1_300)),
            .init(name: "modbus:192.168.1.50:502", kind: "modbus-tcp", target: "192.168.1.50:502", state: .connected, since: start),
        ],
        devices: [
            .init(id: "greenhouse-air", protocol: "mqtt", state: .online, since: start + .seconds(2), lastSeen: start + .seconds(3_720), messages: 1_234),
            .init(id: "hvac", protocol: "modbus-tcp", state: .online, since: start + .seconds(1), lastSeen: start + .seconds(3_720), polls: 1_490),
        ],
        points: [
            .init(device: "greenhouse-air", point: "temperature", value: .number(27.5), unit: "degC", time: start + .seconds(3_720)),
            .init(device: "hvac", point: "cooling", value: .boolean(true), time: start + .seconds(3_720)),
        ],
        rules: [
            .init(name: "cool-greenhouse", phase: "active", since: start + .seconds(3_600), lastTriggered: start + .seconds(3_600), triggerCount: 3),
            .init(name: "frost-alarm", phase: "idle"),
        ],
        buffer: .init(depth: 0, bytes: 0, maxBytes: 268_435_456, oldestEventAgeSeconds: nil, drainRate: 12.5))
}

/// Runs a real ``StatusServer`` in-process, in a `ServiceGroup`, for the length of a test body.
enum StatusPeer {
    static let logger = Logger(label: "edgewise.status.cli-test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func withServer(
        _ source: CannedStatusSource, port: Int? = nil, tokenFile: String? = nil, _ body: (_ port: Int) async throws -> Void
    ) async throws {
        let port = try port ?? FreePort.loopback()
        let configuration = StatusServer.Configuration(listen: HostAndPort(host: "127.0.0.1", port: port), tokenFile: tokenFile)
        let server = try StatusServer(configuration: configuration, source: source, metrics: GatewayMetrics(), logger: logger)
        let group = ServiceGroup(services: [server], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                try await FreePort.waitUntilAcceptingConnections(port: port, timeout: .seconds(20))
                try await body(port)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
