import EdgewiseSystem
import EdgewiseTesting
import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import EdgewiseRuntime

/// The watchdog service in-process, against a notify socket the test binds, with a heartbeat the
/// test beats: no gateway, no sleeps to wait out (every wait is for a message that must come).
@Suite("SystemdNotifyService: watchdog keep-alives and STOPPING=1")
struct SystemdNotifyServiceTests {
    /// The stall is logged at `critical`: keep it out of the test output.
    static func quietLogger() -> Logger {
        Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    @Test func aStalledPipelineGetsNoKeepAlivesUntilItTicksAgainAndShutdownSaysStopping() async throws {
        let listener = try NotifySocketListener(path: "@edgewise-test-\(UUID().uuidString)")
        let link = SystemdLink(notifier: try SystemdNotifier(socketPath: listener.socketPath), watchdog: .milliseconds(100))
        let heartbeat = PipelineHeartbeat()
        heartbeat.beat(at: .now - .seconds(3_600))
        var service = SystemdNotifyService(link: link, heartbeat: heartbeat, logger: Self.quietLogger())
        #expect(service.checkInterval == .milliseconds(50))
        #expect(service.stallTolerance == .seconds(10), "never less than 10 s, so that a reload does not look like a stall")
        service.stallTolerance = .seconds(5)
        let group = ServiceGroup(services: [service], logger: Self.quietLogger())

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let stalled = try await listener.waitForMessage { $0.hasPrefix("STATUS=Stalled: the pipeline has not ticked for 36") }
            // Several checks pass while it stays stalled; none of them sends a keep-alive.
            try await listener.waitForMessage(skipping: stalled + 1) { $0.hasPrefix("STATUS=Stalled") }
            #expect(!listener.messages.contains("WATCHDOG=1"))

            heartbeat.beat()
            let resumed = try await listener.waitForMessage { $0 == "WATCHDOG=1" }
            #expect(listener.messages[resumed - 1].contains("recovered"))
            try await listener.waitForMessage(skipping: resumed + 1) { $0 == "WATCHDOG=1" }

            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(listener.messages.last?.hasPrefix("STOPPING=1\nSTATUS=Stopping") == true, "\(listener.messages.suffix(3))")
    }

    @Test func withoutAWatchdogItOnlySaysStopping() async throws {
        let listener = try NotifySocketListener(path: "@edgewise-test-\(UUID().uuidString)")
        let link = SystemdLink(notifier: try SystemdNotifier(socketPath: listener.socketPath), watchdog: nil)
        let group = ServiceGroup(
            services: [SystemdNotifyService(link: link, heartbeat: PipelineHeartbeat(), logger: Self.quietLogger())], logger: Self.quietLogger())
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(listener.messages.count == 1)
        #expect(listener.messages.first?.hasPrefix("STOPPING=1") == true)
    }
}
