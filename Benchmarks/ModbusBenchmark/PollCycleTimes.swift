import BenchmarkSupport
import EdgewiseCore
import EdgewiseRuntime
import Synchronization

/// How long each poll cycle kept its device's bus busy: the `ModbusPollService` poll observer's
/// reports (timed on the bus thread, from just before the cycle's first request to just after
/// its last answer), collected while the request case polls, and summarised per device and per
/// kind of cycle.
///
/// A device whose points have different intervals reads a different set of groups at different
/// due times (the example HVAC: the 500 ms point alone, with the 2 s points every fourth poll, and
/// everything at 0 and every minute). Groups due together are read in the same merged requests,
/// so a group has no time of its own; what a user can plan with is the time of each kind of
/// cycle (which groups were due together) and, over all cycles, how busy the bus was.
final class PollCycleLog: Sendable {
    private let reports = Mutex<[ModbusPollService.PollReport]>([])

    /// The observer to give the poll service.
    var observer: ModbusPollService.PollObserver {
        { [self] report in reports.withLock { $0.append(report) } }
    }

    /// The reports for `device`, in the order its polls ran.
    func reports(device: String) -> [ModbusPollService.PollReport] {
        reports.withLock { $0.filter { $0.device == device } }
    }
}

enum PollCycleTimes {
    /// One kind of cycle of one device, or (with `intervals` nil) all its cycles.
    struct Row: Sendable {
        var device: String
        /// The interval groups due together in these cycles, shortest first; `nil`: all cycles.
        var intervals: [Duration]?
        /// Whether every group of the device is read in these cycles.
        var readsEveryGroup: Bool
        /// Requests per cycle (one value for a kind of cycle; lowest and highest for all).
        var requests: ClosedRange<Int>
        /// Each cycle's time on the bus, in seconds.
        var busy: [Double]
        /// The window polled, in seconds, for the bus's share.
        var window: Double
    }

    /// The rows for one device, and what in its reports disagrees with its plan and schedule:
    /// every poll due in the window reported once, in order, answered, with the planned requests.
    static func rows(
        device: String, plan: ModbusDevicePlan, reports: [ModbusPollService.PollReport], pollsDue: Int, window: Duration
    ) -> (rows: [Row], problems: [String]) {
        var problems: [String] = []
        if reports.count != pollsDue { problems.append("\(device): \(reports.count) polls timed, \(pollsDue) due") }
        var due = Duration.zero
        for report in reports {
            if report.due != due {
                problems.append("\(device): a poll due at \(format(report.due)) was timed where one due at \(format(due)) was expected")
                break
            }
            due = plan.schedule.nextDue(after: due)
        }
        let unanswered = reports.filter { !$0.answered }.count
        if unanswered > 0 { problems.append("\(device): \(unanswered) polls got no answer") }
        if let report = reports.first(where: { $0.requests != plan.requests(at: $0.due).count }) {
            problems.append("\(device): the poll due at \(format(report.due)) sent \(report.requests) requests, the plan makes \(plan.requests(at: report.due).count)")
        }

        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        func busy(_ reports: [ModbusPollService.PollReport]) -> [Double] {
            reports.map { Double($0.busy.components.seconds) + Double($0.busy.components.attoseconds) / 1e18 }
        }
        let groups = plan.schedule.groups.count
        let kinds = Dictionary(grouping: reports) { plan.schedule.dueIntervals(at: $0.due).sorted() }
        var rows = kinds.keys.sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }.map { intervals in
            let cycles = kinds[intervals]!
            let requests = cycles.map(\.requests)
            return Row(device: device, intervals: intervals, readsEveryGroup: intervals.count == groups,
                       requests: requests.min()!...requests.max()!, busy: busy(cycles), window: seconds)
        }
        if rows.count > 1 {
            let requests = reports.map(\.requests)
            rows.append(Row(device: device, intervals: nil, readsEveryGroup: false, requests: requests.min()!...requests.max()!,
                            busy: busy(reports), window: seconds))
        }
        return (rows, problems)
    }

    static func table(_ rows: [Row]) -> Table {
        var table = Table(["device", "cycle (groups due together)", "requests per cycle", "cycles", "bus busy per cycle, ms: p50 / p99 / max",
                           "bus busy, share of the window"])
        for row in rows {
            let label = row.intervals.map { $0.map(format).joined(separator: " + ") + ($0.count > 1 && row.readsEveryGroup ? " (every point)" : "") }
                ?? "all cycles"
            table.add([
                row.device, label,
                row.requests.count == 1 ? "\(row.requests.lowerBound)" : "\(row.requests.lowerBound)–\(row.requests.upperBound)",
                "\(row.busy.count)", summary(row), share(row),
            ])
        }
        return table
    }

    /// `p50 / p99 / max` in ms.
    static func summary(_ row: Row) -> String {
        Percentiles(row.busy).summary([50, 99], scale: 1e-3, decimals: 2)
    }

    /// The busy time as a share of the window, in percent with two decimals (polls are short).
    static func share(_ row: Row) -> String {
        decimal(row.busy.reduce(0, +) / row.window * 100, 2) + " %"
    }

    /// One line per device for scripts (scripts/bench-suite): all its cycles.
    /// `modbus-cycle-result device=hvac cycles=120 requests=1-4 p50_ms=… p99_ms=… max_ms=… busy_percent=…`
    static func resultLines(_ rows: [Row]) -> [String] {
        let devices = rows.reduce(into: [String]()) { if !$0.contains($1.device) { $0.append($1.device) } }
        return devices.compactMap { device in
            // The device's "all cycles" row, or its only row.
            guard let row = rows.last(where: { $0.device == device }) else { return nil }
            let busy = Percentiles(row.busy)
            let requests = row.requests.count == 1 ? "\(row.requests.lowerBound)" : "\(row.requests.lowerBound)-\(row.requests.upperBound)"
            return "modbus-cycle-result device=\(device) cycles=\(busy.count) requests=\(requests)"
                + " p50_ms=\(decimal(busy.at(50) * 1e3, 3)) p99_ms=\(decimal(busy.at(99) * 1e3, 3)) max_ms=\(decimal(busy.max * 1e3, 3))"
                + " busy_percent=\(decimal(row.busy.reduce(0, +) / row.window * 100, 3))"
        }
    }
}
