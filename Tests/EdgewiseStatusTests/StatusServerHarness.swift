import EdgewiseCore
import EdgewiseStatus
import EdgewiseTesting
import Logging
import ServiceLifecycle

/// Runs a real ``StatusServer`` on a free loopback port in a `ServiceGroup` for the length of a
/// test body, then shuts it down gracefully and checks that it stopped.
enum StatusServerHarness {
    static let logger = Logger(label: "edgewise.status.test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// - Parameters:
    ///   - configure: changes to the server configuration (listen is set to the free port).
    ///   - body: the test, given the port.
    /// - Returns: what `body` returns.
    @discardableResult
    static func withServer<T: Sendable>(
        source: some StatusSource = FakeStatusSource(), metrics: GatewayMetrics = GatewayMetrics(), events: StatusEventFeed? = nil,
        configure: (inout StatusServer.Configuration) -> Void = { _ in },
        _ body: (_ port: Int) async throws -> T
    ) async throws -> T {
        let port = try FreePort.loopback()
        var configuration = StatusServer.Configuration(listen: HostAndPort(host: "127.0.0.1", port: port))
        configure(&configuration)
        let server = try StatusServer(configuration: configuration, source: source, metrics: metrics, events: events, logger: logger)
        let group = ServiceGroup(services: [server], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let result: T
            do {
                try await FreePort.waitUntilAcceptingConnections(port: port, timeout: .seconds(20))
                result = try await body(port)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }
}
