import BenchmarkSupport
import EdgewiseCore
import EdgewiseModbus
import EdgewiseTesting
import Logging
import Synchronization

/// CPU time per 1,000 polled registers: this process's CPU (all threads) while a real
/// `ModbusPollService` polls 1,000 holding registers (8 requests of 125) from a pymodbus server
/// in another process, divided by the registers read. The server's CPU is shown, not counted;
/// the "bus only" case, which reads back to back without a poll interval, shows how far the
/// server goes.
enum PollCPUCase {
    struct Variant: Sendable {
        var label: String
        var device: BenchmarkDevice?
        var registersPerPoint: Int
    }

    struct Row: Sendable {
        var label: String
        var window: Duration
        var polls: Int
        var registers: Int
        var requests: Int
        var events: Int
        var rejections: Int
        var process: ProcessCounters
        var serverCPUSeconds: Double?
    }

    static let variants = [
        Variant(label: "poll service, 1,000 uint16 points, poll 10ms (the shortest allowed)",
                device: .thousandRegisters(float32: false, poll: "10ms"), registersPerPoint: 1),
        // A float32 may not straddle two reads, so 124 registers per read: 9 reads.
        Variant(label: "poll service, 500 float32 points, poll 10ms (the shortest allowed)",
                device: .thousandRegisters(float32: true, poll: "10ms"), registersPerPoint: 2),
        Variant(label: "poll service, 1,000 uint16 points, poll 100ms",
                device: .thousandRegisters(float32: false, poll: "100ms"), registersPerPoint: 1),
        Variant(label: "bus only: 8 reads of 125 per job, no decoding (back to back)", device: nil, registersPerPoint: 1),
    ]

    static func run(window: Duration, warmUp: Duration = .seconds(2)) async throws -> [Row] {
        var rows: [Row] = []
        for variant in variants {
            print("modbus-bench: cpu: \(variant.label), \(format(window))")
            rows.append(try await (variant.device == nil ? runBusOnly(variant, window: window, warmUp: warmUp) : runService(variant, window: window, warmUp: warmUp)))
        }
        return rows
    }

    static func runService(_ variant: Variant, window: Duration, warmUp: Duration) async throws -> Row {
        let rig = try await PollRig.make([variant.device!])
        let requestsPerPoll = ModbusDevicePlan(device: rig.device(named: variant.device!.name)).fullCycle.count
        let serverPID = ProcessCounters.findProcess(withArguments: [ModbusTestServer.script, "--tcp", "\(rig.servers[0].port!)"])
        let polling = rig.startPolling()
        try await Task.sleep(for: warmUp)
        let before = (ProcessCounters.now(), await rig.pipeline.statistics, await rig.sink.count, serverPID.flatMap(cpuSeconds(ofProcess:)))
        try await Task.sleep(for: window)
        let after = (ProcessCounters.now(), await rig.pipeline.statistics, await rig.sink.count, serverPID.flatMap(cpuSeconds(ofProcess:)))
        polling.cancel()
        _ = try? await polling.value
        let logged = try rig.servers[0].requests().count
        let total = await rig.pipeline.statistics
        await rig.stopServers()
        // Every poll makes the planned requests when every read succeeds; the server's log checks that.
        guard logged == total.polls * requestsPerPoll, total.rejections == 0 else {
            throw BenchmarkError("\(variant.label): the server logged \(logged) requests for \(total.polls) polls, \(total.rejections) rejections")
        }
        let polls = after.1.polls - before.1.polls
        return Row(
            label: variant.label, window: window, polls: polls, registers: (after.1.readings - before.1.readings) * variant.registersPerPoint,
            requests: polls * requestsPerPoll, events: after.2 - before.2, rejections: after.1.rejections - before.1.rejections,
            process: after.0.since(before.0), serverCPUSeconds: after.3.flatMap { end in before.3.map { end - $0 } })
    }

    /// The bus alone: the same 8 reads as one job, back to back, the values thrown away.
    static func runBusOnly(_ variant: Variant, window: Duration, warmUp: Duration) async throws -> Row {
        let server = try await ModbusTestServer.start(.init(map: BenchmarkDevice.thousandRegisters(float32: false, poll: "10ms").map))
        let serverPID = ProcessCounters.findProcess(withArguments: [ModbusTestServer.script, "--tcp", "\(server.port!)"])
        var logger = Logger(label: "modbus-bench")
        logger.logLevel = .error
        let bus = try ModbusBus(transport: .tcp(server.endpoint), logger: logger)
        let jobs = JobCounter()
        let reading = Task {
            while !Task.isCancelled {
                _ = try await bus.perform { connection throws(ModbusError) in
                    var registers = 0
                    for block in 0..<8 { registers += try connection.readRegisters(.holding, address: block * 125, count: 125, unitID: 1).count }
                    return registers
                }
                jobs.value.add(1, ordering: .relaxed)
            }
        }
        try await Task.sleep(for: warmUp)
        let before = (ProcessCounters.now(), jobs.value.load(ordering: .relaxed), serverPID.flatMap(cpuSeconds(ofProcess:)))
        try await Task.sleep(for: window)
        let after = (ProcessCounters.now(), jobs.value.load(ordering: .relaxed), serverPID.flatMap(cpuSeconds(ofProcess:)))
        reading.cancel()
        var failure: (any Error)?
        do { try await reading.value } catch ModbusBusError.cancelled {} catch { failure = error }
        await bus.shutdown()
        try? await server.stop()
        if let failure { throw BenchmarkError("\(variant.label): \(failure)") }
        let polls = after.1 - before.1
        return Row(
            label: variant.label, window: window, polls: polls, registers: polls * 1_000, requests: polls * 8, events: 0, rejections: 0,
            process: after.0.since(before.0), serverCPUSeconds: after.2.flatMap { end in before.2.map { end - $0 } })
    }

    static func table(_ rows: [Row]) -> Table {
        var table = Table(["case", "window", "polls/s", "registers", "CPU s (all threads)", "of it the bus thread",
                           "CPU µs / 1,000 registers", "requests / poll", "context switches / poll", "events", "server CPU (pymodbus)"])
        for row in rows {
            let seconds = Double(row.window.components.seconds)
            table.add([
                row.label, format(row.window), decimal(Double(row.polls) / seconds, 1), decimal(Double(row.registers)),
                decimal(row.process.cpuSeconds, 2), percent(row.process.busThreadSeconds / row.process.cpuSeconds),
                decimal(row.process.cpuSeconds / Double(row.registers) * 1e9, 0), "\(row.requests / max(row.polls, 1))",
                decimal(Double(row.process.contextSwitches) / Double(row.polls), 1), decimal(Double(row.events)),
                row.serverCPUSeconds.map { "\(decimal($0, 2)) s (\(percent($0 / seconds)) of a core)" } ?? "n/a",
            ])
        }
        return table
    }
}

/// Jobs done by the bus-only loop, read from the benchmark's task.
final class JobCounter: Sendable {
    let value = Atomic<Int>(0)
}
