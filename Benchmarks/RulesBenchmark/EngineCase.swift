import BenchmarkSupport
import EdgewiseCore

/// The rule engine alone, in process, no I/O: readings fed to `RuleEngine.accept(_:at:into:)` one
/// at a time on a virtual clock, and the engine's timers (`for:` countdowns, samples leaving a
/// window, the 07:00 edge) fired with `advance(to:)` at `nextWakeUp` between readings, as
/// `RuleService` does in the gateway. Each call is timed on its own.
///
/// One reading every 10 ms of virtual time, sensors in turn: with 100 rules each sensor reports
/// once a second (with 10 rules every 100 ms, with 1,000 every 10 s). The virtual clock starts at
/// 06:54 UTC on a Monday, in UTC, so the `between 07:00 and 19:00` rules can trigger from 07:00 on.
/// The first 5 virtual minutes (which fill the 5-minute windows) are not counted.
enum EngineCase {
    struct Outcome: Sendable {
        var rules: Int
        var readings = 0
        /// Nanoseconds per `accept`, every counted reading.
        var accept: [Double] = []
        /// Nanoseconds per `accept`, by the shape of the rule that reads the reading's point.
        var acceptByShape: [String: [Double]] = [:]
        /// Nanoseconds per `accept` whose output held at least one action.
        var acceptWithAction: [Double] = []
        /// Nanoseconds per `advance(to: nextWakeUp)` between readings.
        var timers: [Double] = []
        var timersWithAction = 0
        /// Nanoseconds per `nextWakeUp` read (once before every reading).
        var nextWakeUp: [Double] = []
        /// Actions asked for (counted readings and timers), and triggers by rule shape.
        var actions = 0
        var triggers: [String: Int] = [:]
        var virtualSeconds = 0.0
        var wallSeconds = 0.0
        /// The 1-minute load average when the row ended.
        var load = ""
    }

    /// 2026-01-05T06:54:00Z, a Monday: the 07:00 edge comes 6 virtual minutes in, after the warm-up.
    static let start = Timestamp(epochMilliseconds: 1_767_596_040_000)
    static let spacing: Int64 = 10
    static let warmUp: Int64 = 300_000

    static func run(rules count: Int, readings total: Int) -> Outcome {
        let configuration = RuleFixture.configuration(rules: count)
        var engine = RuleEngine(rules: configuration.rules, devices: configuration.devices, timeZone: .utc, now: start)
        let devices = (0..<count).map(RuleFixture.sensor)
        var outcome = Outcome(rules: count)
        outcome.accept.reserveCapacity(total)
        outcome.nextWakeUp.reserveCapacity(total)
        func note(_ output: RuleOutput) {
            outcome.actions += output.actions.count
            for request in output.actions where request.phase == .trigger {
                outcome.triggers[String(request.rule.prefix { $0 != "-" }), default: 0] += 1
            }
        }
        let began = monotonicNanoseconds()
        for sample in 0..<total {
            let elapsed = Int64(sample) * spacing
            let time = start + .milliseconds(elapsed)
            let counted = elapsed >= warmUp
            // Timers due before this reading fire on their own, as RuleService wakes up for them.
            while true {
                let before = monotonicNanoseconds()
                let wake = engine.nextWakeUp
                let after = monotonicNanoseconds()
                if counted { outcome.nextWakeUp.append(Double(after - before)) }
                guard let wake, wake <= time else { break }
                var output = RuleOutput()
                let started = monotonicNanoseconds()
                engine.advance(to: wake, into: &output)
                let ended = monotonicNanoseconds()
                if counted {
                    outcome.timers.append(Double(ended - started))
                    if !output.actions.isEmpty { outcome.timersWithAction += 1 }
                    note(output)
                }
                // A wake-up that does not move on would be an engine bug; don't spin on it.
                if let again = engine.nextWakeUp, again <= wake { break }
            }
            let index = sample % count
            let value = RuleFixture.temperature(sensor: index, of: count, seconds: Double(elapsed) / 1_000, sample: sample)
            let reading = Reading(device: devices[index], point: "temperature", value: .number(value), time: time)
            var output = RuleOutput()
            let started = monotonicNanoseconds()
            engine.accept(reading, at: time, into: &output)
            let ended = monotonicNanoseconds()
            guard counted else { continue }
            outcome.readings += 1
            outcome.accept.append(Double(ended - started))
            outcome.acceptByShape[RuleFixture.shape(of: index), default: []].append(Double(ended - started))
            if !output.actions.isEmpty { outcome.acceptWithAction.append(Double(ended - started)) }
            note(output)
        }
        outcome.wallSeconds = Double(monotonicNanoseconds() - began) / 1e9
        outcome.virtualSeconds = Double(Int64(total) * spacing - warmUp) / 1_000
        outcome.load = oneMinuteLoad()
        return outcome
    }

    static func table(_ outcomes: [(round: Int, outcome: Outcome)]) -> Table {
        var table = Table([
            "rules", "round", "readings", "accept µs: p50 / p90 / p99 / max", "mean µs", "accept p50 µs by shape: hyst / for / avg / time",
            "with an action", "accept with an action µs: p50 / p90 / p99 / max",
            "timer wake-ups (with action)", "advance µs: p50 / p99 / max", "nextWakeUp µs: p50 / p99",
            "triggers hyst / for / avg / time", "load (1 min)",
        ])
        for (round, outcome) in outcomes {
            let accept = Percentiles(outcome.accept)
            let timers = Percentiles(outcome.timers)
            let wake = Percentiles(outcome.nextWakeUp)
            table.add([
                decimal(Double(outcome.rules)), "\(round)", decimal(Double(outcome.readings)),
                accept.summary(scale: 1_000, decimals: 2), decimal(accept.mean / 1_000, 2),
                RuleFixture.shapes.map { decimal(Percentiles(outcome.acceptByShape[$0] ?? []).at(50) / 1_000, 2) }.joined(separator: " / "),
                decimal(Double(outcome.acceptWithAction.count)), Percentiles(outcome.acceptWithAction).summary(scale: 1_000, decimals: 2),
                "\(decimal(Double(outcome.timers.count))) (\(decimal(Double(outcome.timersWithAction))))",
                timers.summary([50, 99], scale: 1_000, decimals: 2),
                [50, 99].map { decimal(wake.at($0) / 1_000, 2) }.joined(separator: " / "),
                RuleFixture.shapes.map { decimal(Double(outcome.triggers[$0] ?? 0)) }.joined(separator: " / "), outcome.load,
            ])
        }
        return table
    }
}
