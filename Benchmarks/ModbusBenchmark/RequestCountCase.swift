import BenchmarkSupport
import EdgewiseCore
import EdgewiseTesting

/// Requests per poll cycle: what `ModbusDevicePlan` says for a register map, what the server
/// logged while a real `ModbusPollService` polled it for a fixed window, and one request per
/// point (the naive poller) for the same due times; and how long each poll cycle kept the
/// device's bus busy (``PollCycleTimes``, from the poll service's poll observer).
enum RequestCountCase {
    struct Row: Sendable {
        var device: BenchmarkDevice
        var points: Int
        /// Requests when every point is due (at t = 0), planned and one per point.
        var fullCycle: Int
        var fullCycleNaive: Int
        var hyperperiod: Duration?
        var perHyperperiod: Int?
        var perHyperperiodNaive: Int?
        /// The window the server's log covers, and the polls due in it.
        var window: Duration
        var pollsDue: Int
        /// Requests the server logged, by function code, and in total.
        var logged: [Int: Int]
        var loggedTotal: Int
        /// Requests the plan makes at the window's due times; one per point at the same times.
        var expected: Int
        var naive: Int
    }

    /// The rows, the cycle times, and the polls the pipeline received from all devices and the
    /// readings it rejected.
    struct Outcome: Sendable {
        var rows: [Row]
        var cycles: [PollCycleTimes.Row]
        /// Where the timed polls disagree with the plans (every due poll timed once, answered, as planned).
        var cycleProblems: [String]
        var polls: Int
        var rejections: Int
    }

    /// Polls the example HVAC controller, the energy meter and the PLC at once (each with its
    /// own server and bus) for `window`, then compares the servers' logs with the plans.
    static func run(window: Duration) async throws -> Outcome {
        let devices = [try BenchmarkDevice.exampleHVAC(), BenchmarkDevice.energyMeter, BenchmarkDevice.plc]
        let cycleLog = PollCycleLog()
        let rig = try await PollRig.make(devices, pollObserver: cycleLog.observer)
        let clock = ContinuousClock()
        // Stop half the shortest interval (500 ms) before the window's end, so that the last poll
        // due inside the window has long finished and the next one is not due yet.
        let margin = Duration.milliseconds(250)
        let started = clock.now
        let polling = rig.startPolling()
        try await clock.sleep(until: started + window - margin)
        polling.cancel()
        _ = try? await polling.value
        let statistics = await rig.pipeline.statistics
        var rows: [Row] = []
        var cycles: [PollCycleTimes.Row] = []
        var cycleProblems: [String] = []
        for (device, server) in zip(devices, rig.servers) {
            let config = rig.device(named: device.name)
            let plan = ModbusDevicePlan(device: config)
            var expected = 0
            var naive = 0
            var pollsDue = 0
            var due = Duration.zero
            while due < window - margin {
                expected += plan.requests(at: due).count
                naive += plan.schedule.dueSlots(at: due).count
                pollsDue += 1
                due = plan.schedule.nextDue(after: due)
            }
            let requests = try server.requests()
            rows.append(Row(
                device: device, points: plan.naiveRequestCount, fullCycle: plan.fullCycle.count, fullCycleNaive: plan.naiveRequestCount,
                hyperperiod: plan.hyperperiod, perHyperperiod: plan.requestsPerHyperperiod, perHyperperiodNaive: plan.naiveRequestsPerHyperperiod,
                window: window, pollsDue: pollsDue, logged: Dictionary(grouping: requests, by: \.function).mapValues(\.count),
                loggedTotal: requests.count, expected: expected, naive: naive))
            let timed = PollCycleTimes.rows(device: device.name, plan: plan, reports: cycleLog.reports(device: device.name), pollsDue: pollsDue,
                                            window: window - margin)
            cycles += timed.rows
            cycleProblems += timed.problems
        }
        await rig.stopServers()
        return Outcome(rows: rows, cycles: cycles, cycleProblems: cycleProblems, polls: statistics.polls, rejections: statistics.rejections)
    }

    static func table(_ rows: [Row]) -> Table {
        var table = Table(["device", "points", "full cycle: planned / one per point", "per hyperperiod: planned / one per point",
                           "window", "polls due", "server logged", "plan for the window", "one per point for the window", "saved"])
        for row in rows {
            let functions = row.logged.sorted { $0.key < $1.key }.map { "fc\($0.key) \($0.value)" }.joined(separator: ", ")
            table.add([
                row.device.name, "\(row.points)", "\(row.fullCycle) / \(row.fullCycleNaive)",
                row.hyperperiod.map { "\(row.perHyperperiod!) / \(row.perHyperperiodNaive!) per \(format($0))" } ?? "n/a",
                format(row.window), "\(row.pollsDue)", "\(row.loggedTotal) (\(functions))", "\(row.expected)", "\(row.naive)",
                percent(1 - Double(row.loggedTotal) / Double(row.naive)),
            ])
        }
        return table
    }
}
