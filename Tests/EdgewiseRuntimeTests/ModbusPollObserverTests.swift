import EdgewiseConfig
import EdgewiseCore
import EdgewiseTesting
import Logging
import Synchronization
import Testing

@testable import EdgewiseRuntime

/// `ModbusPollService`'s poll observer: one report per poll that ran, saying when it was due,
/// how many requests it sent and how long it kept the bus busy.
@Suite("Modbus poll observer", .serialized)
struct ModbusPollObserverTests {
    /// Collects the reports, from whichever task the observer is called on.
    final class Reports: Sendable {
        private let reports = Mutex<[ModbusPollService.PollReport]>([])
        func append(_ report: ModbusPollService.PollReport) { reports.withLock { $0.append(report) } }
        var all: [ModbusPollService.PollReport] { reports.withLock { $0 } }
    }

    /// A poll service for `deviceFile` that hands every report to `reports`, polling until the
    /// returned task is cancelled.
    static func poll(_ deviceFile: String, into reports: Reports) throws -> (service: ModbusPollService, task: Task<Void, any Error>) {
        let loaded = ConfigLoader.load(ConfigLoader.ConfigFiles(
            gateway: ("gateway.yaml", "gateway: {id: gw}\nlocal_broker: {url: \"mqtt://127.0.0.1\"}\n"),
            devices: [("devices/device.yaml", deviceFile)], rules: []))
        let configuration = try #require(loaded.configuration, "\(loaded.diagnostics)")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let pipeline = EventPipeline(configuration: configuration, state: DerivationState(), sink: CollectingEventSink(), startedAt: WallClock.now(), logger: logger)
        let service = try ModbusPollService(configuration: configuration, pipeline: pipeline, logger: logger, pollObserver: reports.append)
        return (service, Task { try await service.run() })
    }

    static func waitFor(_ count: Int, in reports: Reports) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while reports.all.count < count {
            guard ContinuousClock.now < deadline else { throw HarnessError("timed out waiting for \(count) poll reports: \(reports.all)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func everyPollIsReportedWithItsDueTimeRequestsAndTimeOnTheBus() async throws {
        let server = try await ModbusTestServer.start(.init(map: [.holding: [0: 7], .input: [0: 9]]))
        // Two interval groups in two tables: polls at 0, 300 ms, 600 ms read both (2 requests), the others one.
        let device = """
            device: two_rates
            protocol: modbus-tcp
            host: 127.0.0.1
            port: \(server.port!)
            poll: 100ms
            points:
              fast: {holding: 0}
              slow: {input: 0, poll: 300ms}
            """
        let reports = Reports()
        let (service, task) = try Self.poll(device, into: reports)
        try await Self.waitFor(5, in: reports)
        task.cancel()
        _ = try? await task.value
        let logged = try server.requests().count
        try await server.stop()

        let all = reports.all
        let plan = ModbusDevicePlan(device: try #require(service.pollers.first).device)
        // Each poll is reported once, in order, at one of the schedule's due times (on a slow
        // machine the poller skips due times it has missed, so not necessarily every one), with
        // the requests the plan makes at that time: the first reads both tables.
        #expect(all.first?.due == .zero)
        #expect(all.first?.requests == 2)
        var due = Duration.zero
        for report in all {
            while due < report.due { due = plan.schedule.nextDue(after: due) }
            #expect(report.device == "two_rates")
            #expect(report.due == due, "\(report.due) is not a due time of the schedule")
            #expect(report.requests == plan.requests(at: report.due).count)
            #expect(report.answered)
            #expect(report.busy > .zero && report.busy < .seconds(1))
            due = plan.schedule.nextDue(after: due)
        }
        // Every request the server handled belongs to a reported poll: polls in flight at cancellation still report.
        #expect(all.map(\.requests).reduce(0, +) == logged)
    }

    @Test func aPollThatTimesOutKeepsTheBusBusyForTheTimeoutAndIsReportedUnanswered() async throws {
        let silent = try SilentTCPListener()
        let device = """
            device: stuck
            protocol: modbus-tcp
            host: 127.0.0.1
            port: \(silent.port)
            poll: 100ms
            timeout: 300ms
            points:
              value: {holding: 0}
            """
        let reports = Reports()
        let (_, task) = try Self.poll(device, into: reports)
        try await Self.waitFor(1, in: reports)
        task.cancel()
        _ = try? await task.value
        silent.close()

        let first = try #require(reports.all.first)
        #expect(first.due == .zero)
        #expect(first.requests == 1)
        #expect(!first.answered)
        // The bus waited for the answer until the response timeout.
        #expect(first.busy >= .milliseconds(290) && first.busy < .seconds(3), "\(first.busy)")
    }
}
