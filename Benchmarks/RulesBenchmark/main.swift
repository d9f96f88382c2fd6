// Rules benchmark: how long the gateway takes to decide on a reading with rules loaded, and how
// long a sensor's MQTT message takes to become an actuator's MQTT command on loopback.
//
//   RulesBenchmark [--quick] [--only engine|pipeline|e2e|paced]... [--rounds N] [--edgewise PATH]
//                  [--log-level LEVEL] [--keep DIR] [--rate N] [--paced-readings N] [--gateway-core N]
//
// Cases (docs/performance.md, "Rules", explains them):
//   engine     RuleEngine.accept in process on a virtual clock, with 10, 100 and 1,000 rules
//   pipeline   EventPipeline.ingest of one MQTT message with the gateway's RuleEvaluator as its
//              observer (100 rules), with the decision timed, and without an observer (the baseline)
//   e2e        sensor publish → mosquitto → `edgewise run` → mosquitto → command, with 1 rule and
//              2 devices, 1 rule and 200 devices, 100 rules and 200 devices, and the bare
//              publish → mosquitto → subscriber hop (QoS 0 and QoS 1) for comparison, in the same run
//   paced      open loop at a fixed rate (--rate, default 1,000 readings/s; --paced-readings counted
//              readings per run): sensor publish → gateway → durable queue → upstream mosquitto → subscriber,
//              sensor publish → gateway rule → actuator command, and publisher → mosquitto → subscriber
//              (the ceiling), alternating (PacedCase.swift). Not run unless asked for with --only paced.
//              Besides the table, one line per case for scripts: `paced-result variant=… p50_ms=… …`.
//              `--gateway-core N` runs the paced cases' gateway pinned to core N (`taskset -c N`).
//
// Run it with scripts/bench-rules (release build). `--edgewise` is the binary the e2e cases run
// (default: the `edgewise` next to this program); `--log-level` is the gateway's `logging.level`
// (default `info`, the gateway's default); `--keep DIR` writes the gateways' logs there.
// Prints Markdown tables; every figure is read from CLOCK_MONOTONIC in this process.
import BenchmarkSupport
import EdgewiseTesting
import Glibc

var quick = false
var only: Set<String> = []
var rounds: Int?
var edgewise: String?
var logLevel = "info"
var keep: String?
var pacedRate = 1_000
var pacedReadings: Int?
var gatewayCore: Int?
var arguments = CommandLine.arguments.dropFirst()
func usage(_ status: Int32) -> Never {
    print("usage: RulesBenchmark [--quick] [--only engine|pipeline|e2e|paced]... [--rounds N] [--edgewise PATH] [--log-level LEVEL] [--keep DIR] [--rate N] [--paced-readings N] [--gateway-core N]")
    exit(status)
}
while let argument = arguments.popFirst() {
    switch argument {
    case "--quick": quick = true
    case "--only":
        guard let name = arguments.popFirst(), ["engine", "pipeline", "e2e", "paced"].contains(name) else { usage(2) }
        only.insert(name)
    case "--rounds":
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else { usage(2) }
        rounds = value
    case "--edgewise":
        guard let value = arguments.popFirst() else { usage(2) }
        edgewise = value
    case "--log-level":
        guard let value = arguments.popFirst() else { usage(2) }
        logLevel = value
    case "--keep":
        guard let value = arguments.popFirst() else { usage(2) }
        keep = value
    case "--rate":
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0, value <= 100_000 else { usage(2) }
        pacedRate = value
    case "--paced-readings":
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else { usage(2) }
        pacedReadings = value
    case "--gateway-core":
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value >= 0 else { usage(2) }
        gatewayCore = value
    case "-h", "--help": usage(0)
    default: usage(2)
    }
}
@MainActor func wanted(_ name: String) -> Bool { name == "paced" ? only.contains(name) : only.isEmpty || only.contains(name) }

/// A progress line, flushed at once (standard output is fully buffered when it is not a terminal).
func progress(_ line: String) {
    print("rules-bench: " + line)
    fflush(nil)
}

/// Rules and readings per engine row: every sensor reports once per `rules × 10 ms` of virtual time.
/// (The first 30,000 readings are the 5 warm-up minutes; with 1,000 rules a reading costs about 1 ms with its timers.)
let engineRows: [(rules: Int, readings: Int)] = quick ? [(10, 200_000), (100, 100_000), (1_000, 40_000)] : [(10, 500_000), (100, 300_000), (1_000, 45_000)]
let pipelineMessages = quick ? 50_000 : 100_000
let pipelineWarmUp = quick ? 5_000 : 10_000
let endToEndSamples = quick ? 300 : 1_500
let endToEndWarmUp = quick ? 20 : 50
let engineRounds = rounds ?? (quick ? 1 : 3)
let pipelineRounds = rounds ?? (quick ? 1 : 3)
let endToEndRounds = rounds ?? (quick ? 1 : 3)
let pacedCount = pacedReadings ?? (quick ? 10_000 : 30_000)
let pacedWarmUp = quick ? max(1, pacedRate / 2) : pacedRate
let pacedRounds = rounds ?? (quick ? 1 : 3)

let began = monotonicNanoseconds()
let loadAtStart = loadAverage()
let overhead = clockOverhead()
var output: [String] = []
var problems: [String] = []

do {
    if wanted("engine") {
        var outcomes: [(round: Int, outcome: EngineCase.Outcome)] = []
        for round in 1...engineRounds {
            for row in engineRows {
                progress("engine: \(row.rules) rules, \(row.readings) readings, round \(round)")
                let outcome = EngineCase.run(rules: row.rules, readings: row.readings)
                progress("  \(decimal(outcome.wallSeconds, 1)) s")
                outcomes.append((round, outcome))
            }
        }
        outcomes.sort { ($0.outcome.rules, $0.round) < ($1.outcome.rules, $1.round) }
        output.append("""
            RuleEngine in process (virtual clock, one reading per 10 ms, first 5 virtual minutes not counted; \
            µs per call from CLOCK_MONOTONIC, whose own cost is \(decimal(overhead.median, 0)) ns):

            """)
        output.append(EngineCase.table(outcomes).markdown)
        for (round, outcome) in outcomes where RuleFixture.shapes.contains(where: { (outcome.triggers[$0] ?? 0) == 0 }) {
            problems.append("engine: \(outcome.rules) rules, round \(round): a rule shape never triggered: \(outcome.triggers)")
        }
    }
    if wanted("pipeline") {
        var outcomes: [(round: Int, rules: Int, outcome: PipelineCase.Outcome)] = []
        for round in 1...pipelineRounds {
            for observer in PipelineCase.Observer.allCases {
                progress("pipeline: 100 rules, \(observer.rawValue), \(pipelineMessages) messages, round \(round)")
                let outcome = await PipelineCase.run(rules: 100, observer: observer, messages: pipelineMessages, warmUp: pipelineWarmUp)
                progress("  \(decimal(outcome.wallSeconds, 1)) s")
                outcomes.append((round, 100, outcome))
                if observer != .none && outcome.decisions == 0 { problems.append("pipeline: \(observer.rawValue), round \(round): no rule decided anything") }
            }
        }
        let order = PipelineCase.Observer.allCases
        outcomes.sort { (order.firstIndex(of: $0.outcome.observer)!, $0.round) < (order.firstIndex(of: $1.outcome.observer)!, $1.round) }
        output.append("""

            EventPipeline.ingest, one message per call, awaited one after the other (first \(decimal(Double(pipelineWarmUp))) not counted):

            """)
        output.append(PipelineCase.table(outcomes).markdown)
    }
    if wanted("e2e") {
        let binary = edgewise ?? BuiltProducts.executable("edgewise")
        var outcomes: [EndToEndCase.Outcome] = []
        for round in 1...endToEndRounds {
            // Relay and gateway cases alternate, so that a change in the machine's load touches both.
            let variants: [EndToEndCase.Variant] = [
                .relay(qos: .atMostOnce), .gateway(rules: 1, pairs: 1), .relay(qos: .atLeastOnce), .gateway(rules: 1, pairs: 100), .gateway(rules: 100, pairs: 100),
            ]
            for variant in variants {
                progress("e2e: \(variant.label), \(endToEndWarmUp) + \(endToEndSamples) samples, round \(round)")
                let outcome = try await EndToEndCase.run(
                    variant, round: round, samples: endToEndSamples, warmUp: endToEndWarmUp, edgewise: binary, logLevel: logLevel, logDirectory: keep)
                let latency = Percentiles(outcome.samples)
                progress("  p50 \(decimal(latency.at(50) / 1e6, 2)) ms, p99 \(decimal(latency.at(99) / 1e6, 2)) ms, load \(outcome.load)")
                outcomes.append(outcome)
                problems += outcome.problems.map { "e2e: \(variant.label), round \(round): \($0)" }
            }
        }
        output.append("""

            End to end on loopback, ms from the sensor's publish to the command's arrival (\(endToEndWarmUp) warm-up samples per case not counted, \
            20–40 ms between samples; gateway `logging.level: \(logLevel)`; the relay rows are the ceiling, one broker hop with the same clients):

            """)
        output.append(EndToEndCase.table(outcomes).markdown)
    }
    if wanted("paced") {
        let binary = edgewise ?? BuiltProducts.executable("edgewise")
        var outcomes: [PacedCase.Outcome] = []
        for round in 1...pacedRounds {
            for variant in PacedCase.Variant.allCases {
                progress("paced: \(variant.label), \(pacedRate)/s, \(pacedWarmUp) + \(pacedCount) readings, round \(round)")
                let outcome = try await PacedCase.run(
                    variant, round: round, rate: pacedRate, readings: pacedCount, warmUp: pacedWarmUp, edgewise: binary, gatewayCore: gatewayCore,
                    logLevel: logLevel, logDirectory: keep)
                let latency = Percentiles(outcome.samples)
                progress("  p50 \(decimal(latency.at(50) / 1e6, 2)) ms, p99 \(decimal(latency.at(99) / 1e6, 2)) ms, p99.9 \(decimal(latency.at(99.9) / 1e6, 2)) ms, missing \(outcome.missing), load \(outcome.load)")
                outcomes.append(outcome)
                problems += outcome.problems.map { "paced: \(variant.rawValue), round \(round): \($0)" }
                if outcome.missing > 0 { problems.append("paced: \(variant.rawValue), round \(round): \(outcome.missing) of \(pacedCount) readings never arrived") }
            }
        }
        output.append("""

            At a fixed rate, open loop: \(pacedRate) readings/s, ms from the sensor's publish to the arrival (first \(pacedWarmUp) readings \
            not counted; gateway `logging.level: \(logLevel)`\(gatewayCore.map { ", pinned to core \($0)" } ?? ""); the first row is the ceiling, one \
            broker hop with the same clients):

            """)
        output.append(PacedCase.table(outcomes).markdown)
        for variant in PacedCase.Variant.allCases {
            let rounds = outcomes.filter { $0.variant == variant }
            guard !rounds.isEmpty else { continue }
            let latency = Percentiles(rounds.flatMap(\.samples))
            let perRound = rounds.map { Percentiles($0.samples) }
            func range(_ p: Double) -> String { perRound.map { decimal($0.at(p) / 1e6, 3) }.joined(separator: ",") }
            let cpu = rounds.compactMap(\.gatewayCPU)
            var fields = [
                "variant=\(variant.rawValue)", "rate=\(pacedRate)", "rounds=\(rounds.count)", "samples=\(latency.count)",
                "p50_ms=\(decimal(latency.at(50) / 1e6, 3))", "p99_ms=\(decimal(latency.at(99) / 1e6, 3))", "p999_ms=\(decimal(latency.at(99.9) / 1e6, 3))",
                "p50_rounds=\(range(50))", "p99_rounds=\(range(99))", "p999_rounds=\(range(99.9))",
                "missing=\(rounds.map(\.missing).reduce(0, +))", "load=\(rounds.map(\.load).joined(separator: ","))",
            ]
            if cpu.count == rounds.count { fields.append("cpu_us_per_reading=\(decimal(cpu.reduce(0, +) * 1e6 / Double(max(latency.count, 1)), 1))") }
            if let rss = rounds.compactMap(\.gatewayRSSPeakKiB).max() { fields.append("rss_peak_kib=\(rss)") }
            if let gatewayCore { fields.append("gateway_core=\(gatewayCore)") }
            output.append("paced-result " + fields.joined(separator: " "))
        }
    }
} catch {
    print("rules-bench: error: \(error)")
    exit(1)
}

print("\nEdgewise rules benchmark (\(quick ? "quick" : "full"))")
print("machine: \(machineDescription()); load average \(loadAtStart) at start, \(loadAverage()) at end")
print("clock: CLOCK_MONOTONIC read back to back: median \(decimal(overhead.median, 0)) ns, max \(decimal(overhead.max, 0)) ns")
print()
for line in output { print(line) }
if !problems.isEmpty {
    print("\nProblems:")
    for problem in problems { print("- \(problem)") }
}
print("\nrules-bench: done in \(Int(Double(monotonicNanoseconds() - began) / 1e9)) s")
exit(problems.isEmpty ? 0 : 1)
