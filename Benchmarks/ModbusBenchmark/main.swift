// Modbus benchmark: requests per poll cycle and the time a cycle keeps the bus busy, CPU per 1,000
// polled registers, and the latency of writes, measured against pymodbus servers
// (scripts/modbus-server via EdgewiseTesting's ModbusTestServer) on 127.0.0.1. Run it with
// scripts/bench-modbus (release build).
//
//   ModbusBenchmark [--quick] [--only requests|cpu|writes]...
//
// Prints Markdown tables; docs/performance.md ("Modbus") explains the method. Besides the tables,
// one line per device for scripts: `modbus-cycle-result device=… cycles=… p50_ms=… …`.
import BenchmarkSupport
import Glibc

var quick = false
var only: Set<String> = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--quick": quick = true
    case "--only":
        guard let name = arguments.popFirst(), ["requests", "cpu", "writes"].contains(name) else {
            print("modbus-bench: --only takes requests, cpu or writes")
            exit(2)
        }
        only.insert(name)
    default:
        print("usage: ModbusBenchmark [--quick] [--only requests|cpu|writes]...")
        exit(argument == "--help" || argument == "-h" ? 0 : 2)
    }
}
@MainActor func wanted(_ name: String) -> Bool { only.isEmpty || only.contains(name) }

let requestWindow: Duration = quick ? .seconds(20) : .seconds(60)
let cpuWindow: Duration = quick ? .seconds(6) : .seconds(20)
let writesPerPoint = quick ? 100 : 300

let began = ProcessCounters.seconds(of: CLOCK_MONOTONIC)
let loadAtStart = loadAverage()
var output: [String] = []
var problems: [String] = []
var notes: [String] = []
var results: [String] = []

do {
    if wanted("requests") {
        print("modbus-bench: requests: example hvac, energy meter and PLC polled together for \(format(requestWindow))")
        let outcome = try await RequestCountCase.run(window: requestWindow)
        output.append("Requests per poll cycle (servers' request logs over \(format(requestWindow)) of polling; plan from ModbusDevicePlan):\n")
        output.append(RequestCountCase.table(outcome.rows).markdown)
        let due = outcome.rows.map(\.pollsDue).reduce(0, +)
        output.append("\npolls answered: \(outcome.polls) of \(due) due; rejected readings: \(outcome.rejections)")
        for row in outcome.rows where row.loggedTotal != row.expected {
            problems.append("requests: \(row.device.name): the server logged \(row.loggedTotal) requests, the plan makes \(row.expected)")
        }
        if outcome.polls != due { problems.append("requests: \(outcome.polls) polls answered, \(due) due") }
        for row in outcome.rows { output.append("- \(row.device.name): \(row.device.summary)") }
        output.append("\nBus busy per poll cycle (timed on the bus thread by ModbusPollService's poll observer: first request sent → last answer; "
            + "the same polls as above, by the interval groups due together):\n")
        output.append(PollCycleTimes.table(outcome.cycles).markdown)
        problems += outcome.cycleProblems.map { "cycle times: \($0)" }
        results += PollCycleTimes.resultLines(outcome.cycles)
    }
    if wanted("cpu") {
        let rows = try await PollCPUCase.run(window: cpuWindow)
        output.append("\nCPU per 1,000 polled registers (this process, all threads; \(format(cpuWindow)) per case after 2 s of warm-up):\n")
        output.append(PollCPUCase.table(rows).markdown)
        for row in rows where row.rejections != 0 { problems.append("cpu: \(row.label): \(row.rejections) rejected readings") }
    }
    if wanted("writes") {
        let outcome = try await WriteLatencyCase.run(writes: writesPerPoint)
        output.append("\nWrite latency, ms from the call to ModbusActuator.write (\(writesPerPoint) writes per row; 'acknowledged' = the write's response seen on lo):\n")
        output.append(WriteLatencyCase.table(outcome.rows).markdown)
        if let problem = outcome.captureProblem { notes.append("writes: no packet capture, so no wire times: \(problem)") }
        for row in outcome.rows where !row.failures.isEmpty {
            problems.append("writes: \(row.condition), read-back \(row.readBack): \(row.failures.count) failed, first: \(row.failures[0])")
        }
        for row in outcome.rows where outcome.captureProblem == nil && row.samples.contains(where: { $0.acknowledged == nil }) {
            problems.append("writes: \(row.condition): \(row.samples.filter { $0.acknowledged == nil }.count) writes not found in the capture")
        }
    }
} catch {
    print("modbus-bench: error: \(error)")
    exit(1)
}

print("\nEdgewise Modbus benchmark (\(quick ? "quick" : "full"))")
print("machine: \(machineDescription()); load average \(loadAtStart) at start, \(loadAverage()) at end")
print()
for line in output { print(line) }
if !notes.isEmpty {
    print("\nNotes:")
    for note in notes { print("- \(note)") }
}
if !results.isEmpty {
    print()
    for line in results { print(line) }
}
if !problems.isEmpty {
    print("\nProblems:")
    for problem in problems { print("- \(problem)") }
}
print("\nmodbus-bench: done in \(Int(ProcessCounters.seconds(of: CLOCK_MONOTONIC) - began)) s")
exit(problems.isEmpty ? 0 : 1)
