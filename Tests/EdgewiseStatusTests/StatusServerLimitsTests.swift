import EdgewiseCore
import EdgewiseStatus
import EdgewiseTesting
import InMemoryLogging
import Logging
import ServiceLifecycle
import Testing

@Suite("The status server's limits and lifecycle")
struct StatusServerLimitsTests {
    @Test func aClientThatConnectsAndSendsNothingIsDisconnectedAfterTheIdleTimeout() async throws {
        try await StatusServerHarness.withServer(configure: { $0.idleTimeout = .milliseconds(300) }) { port in
            let started = ContinuousClock.now
            let received = try await RawHTTPClient.exchange([], port: port)
            let waited = ContinuousClock.now - started
            #expect(received.isEmpty)
            #expect(waited >= .milliseconds(250) && waited < .seconds(5), "closed after \(waited)")
        }
    }

    @Test func aClientThatTricklesItsHeadersIsDisconnectedAfterTheIdleTimeout() async throws {
        try await StatusServerHarness.withServer(configure: { $0.idleTimeout = .milliseconds(300) }) { port in
            // An unfinished request head: the server waits for the rest only as long as the idle timeout.
            let received = try await RawHTTPClient.exchange(Array("GET /status HTTP/1.1\r\nHost: x\r\n".utf8), port: port)
            #expect(received.isEmpty)
            // Meanwhile others are served.
            #expect(try await RawHTTPClient.request("/healthz", port: port).status == 200)
        }
    }

    @Test func requestHeadersBeyondTheLimitAreRefused() async throws {
        try await StatusServerHarness.withServer(configure: { $0.maxHeaderFieldSize = 1_024 }) { port in
            let response = try await RawHTTPClient.request("/healthz", port: port, headers: [("X-Padding", String(repeating: "a", count: 4_000))])
            #expect(response.status == 400)
        }
    }

    @Test func connectionsBeyondTheLimitWaitUntilOneCloses() async throws {
        try await StatusServerHarness.withServer(configure: { $0.maxConnections = 1; $0.idleTimeout = .milliseconds(600) }) { port in
            // The first connection is silent and holds the only slot until the idle timeout closes it…
            async let silent = RawHTTPClient.exchange([], port: port)
            try await Task.sleep(for: .milliseconds(200))
            // …so this request is answered only after that, some 400 ms later.
            let sent = ContinuousClock.now
            let response = try await RawHTTPClient.request("/healthz", port: port)
            let waited = ContinuousClock.now - sent
            #expect(response.status == 200)
            #expect(waited >= .milliseconds(150), "answered after \(waited)")
            #expect(try await silent.isEmpty)
        }
    }

    @Test func aPortInUseIsAStartError() async throws {
        let occupant = try SilentTCPListener()
        defer { occupant.close() }
        let server = try StatusServer(
            configuration: .init(listen: HostAndPort(host: "127.0.0.1", port: occupant.port)), source: FakeStatusSource(),
            metrics: GatewayMetrics(), logger: StatusServerHarness.logger)
        let error = await #expect(throws: StatusServerError.self) { try await server.run() }
        #expect(error?.message.hasPrefix("status.listen: cannot listen on 127.0.0.1:\(occupant.port): ") == true)
        #expect(error?.message.contains("Address already in use") == true, "\(String(describing: error))")
    }

    @Test func startingLogsTheAddressAndWhetherATokenIsRequired() async throws {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        let captured = handler
        let logger = Logger(label: "status-test", factory: { _ in captured })
        let port = try FreePort.loopback()
        let server = try StatusServer(
            configuration: .init(listen: HostAndPort(host: "127.0.0.1", port: port)), source: FakeStatusSource(), metrics: GatewayMetrics(),
            logger: logger)
        let group = ServiceGroup(services: [server], logger: StatusServerHarness.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await FreePort.waitUntilAcceptingConnections(port: port, timeout: .seconds(20))
            _ = try await RawHTTPClient.request("/healthz", port: port)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        // One line of ours; Hummingbird's own info lines ("Server started…", "Shutting down") are held back.
        let entries = handler.entries
        #expect(entries.map { "\($0.message)" } == ["Status endpoint listening"])
        #expect(entries.first?.level == .info)
        #expect(entries.first?.metadata["status.address"] == "127.0.0.1:\(port)")
        #expect(entries.first?.metadata["status.authentication"] == "none")
    }

    @Test func gracefulShutdownStopsListening() async throws {
        let listenedOn = try await StatusServerHarness.withServer { port in
            let response = try await RawHTTPClient.request("/healthz", port: port)
            #expect(response.status == 200)
            return port
        }
        // withServer has waited for run() to return.
        await #expect(throws: RawHTTPClient.Failure.self) { try await RawHTTPClient.request("/healthz", port: listenedOn) }
    }
}
