import BenchmarkSupport
import EdgewiseCore
import EdgewiseRuntime

/// Time from a rule's write to the server having the value: `ModbusActuator.write` (as
/// `ModbusPollService.actuator` gives it to the rule engine) against a pymodbus server, with and
/// without read-back, on an idle bus and while the same device is polled every 100 ms.
///
/// Times are taken from the call: when the write request reached the server and when the
/// server's acknowledgement left it come from a packet capture on the loopback interface
/// (``WireCapture``); when `write` returned (with read-back: confirmed) from the caller.
enum WriteLatencyCase {
    struct Condition: Sendable {
        var label: String
        var device: BenchmarkDevice
    }

    /// One write, in seconds from the call.
    struct Sample: Sendable {
        var requestOnWire: Double?
        var acknowledged: Double?
        var readBackOnWire: Double?
        var returned: Double
        /// Whether a poll's read was answered between the call and the write request: the write
        /// waited for a running poll.
        var waitedForPoll: Bool
    }

    struct Row: Sendable {
        var condition: String
        var readBack: Bool
        var samples: [Sample]
        var failures: [String]
    }

    static let conditions = [
        Condition(label: "idle bus", device: .controller(poll: "1h", heavy: false)),
        Condition(label: "polled every 100ms, 4 reads per poll", device: .controller(poll: "100ms", heavy: false)),
        Condition(label: "polled every 100ms, 1,000 registers (9 reads per poll)", device: .controller(poll: "100ms", heavy: true)),
    ]

    /// `writes` writes per point and condition, alternating between the point with read-back and
    /// the one without, each after a random pause of 5–25 ms (so that writes fall at random
    /// moments of the poll cycle).
    static func run(writes: Int) async throws -> (rows: [Row], captureProblem: String?) {
        var rows: [Row] = []
        var captureProblem: String?
        for condition in conditions {
            print("modbus-bench: writes: \(condition.label), \(writes) writes per point")
            let rig = try await PollRig.make([condition.device])
            let capture: WireCapture?
            switch WireCapture.start(port: rig.servers[0].port!) {
            case .success(let started): capture = started
            case .failure(let problem): capture = nil; captureProblem = problem.description
            }
            let polling = rig.startPolling()
            // The first poll (at t = 0) connects; writes start once it is over.
            try await Task.sleep(for: .seconds(1))
            _ = capture?.drain()
            var checked = Row(condition: condition.label, readBack: true, samples: [], failures: [])
            var unchecked = Row(condition: condition.label, readBack: false, samples: [], failures: [])
            var random = SystemRandomNumberGenerator()
            for index in 0..<(2 * writes) {
                try await Task.sleep(for: .microseconds(Int.random(in: 5_000...25_000, using: &random)))
                let readBack = index % 2 == 0
                let value = Double(index % 1_000)
                let called = WireCapture.now()
                let event = await rig.service.actuator.write(device: "ctl", point: readBack ? "sp_checked" : "sp_unchecked", value: .number(value))
                let returned = WireCapture.now()
                var sample = Sample(returned: returned - called, waitedForPoll: false)
                if let capture { measure(capture.drain(), from: called, to: returned, readBack: readBack, into: &sample) }
                let failure = event.name == .actionConfirmed ? nil : "\(event)"
                if readBack {
                    checked.samples.append(sample)
                    if let failure { checked.failures.append(failure) }
                } else {
                    unchecked.samples.append(sample)
                    if let failure { unchecked.failures.append(failure) }
                }
            }
            polling.cancel()
            _ = try? await polling.value
            await rig.stopServers()
            rows += [unchecked, checked]
        }
        return (rows, captureProblem)
    }

    /// Finds the write, its acknowledgement and the read-back among the frames captured while
    /// the call ran.
    static func measure(_ frames: [WireCapture.Frame], from called: Double, to returned: Double, readBack: Bool, into sample: inout Sample) {
        let during = frames.filter { $0.time >= called && $0.time <= returned }
        guard let request = during.firstIndex(where: { $0.toServer && ($0.function == 6 || $0.function == 16) }) else { return }
        sample.requestOnWire = during[request].time - called
        sample.waitedForPoll = during[..<request].contains { !$0.toServer && (1...4).contains($0.function & 0x7F) }
        let transaction = during[request].transactionID
        guard let response = during[request...].firstIndex(where: { !$0.toServer && $0.transactionID == transaction }) else { return }
        sample.acknowledged = during[response].time - called
        guard readBack, let read = during[response...].firstIndex(where: { $0.toServer && $0.function == 3 }) else { return }
        let readTransaction = during[read].transactionID
        sample.readBackOnWire = during[read...].first { !$0.toServer && $0.transactionID == readTransaction }.map { $0.time - called }
    }

    static func table(_ rows: [Row]) -> Table {
        var table = Table(["condition", "read-back", "writes", "waited for a poll", "wait for the bus: mean / max",
                           "acknowledged: p50 / p90 / p99 / max", "read-back answered: p50 / p99 / max", "write() returned: p50 / p90 / p99 / max"])
        func ms(_ seconds: Double) -> String { decimal(seconds * 1_000, 2) }
        for row in rows {
            let queued = Percentiles(row.samples.compactMap(\.requestOnWire))
            let acknowledged = Percentiles(row.samples.compactMap(\.acknowledged))
            let readBack = Percentiles(row.samples.compactMap(\.readBackOnWire))
            let returned = Percentiles(row.samples.map(\.returned))
            table.add([
                row.condition, row.readBack ? "yes" : "no", "\(row.samples.count)\(row.failures.isEmpty ? "" : " (\(row.failures.count) failed)")",
                queued.count == 0 ? "n/a" : "\(row.samples.filter(\.waitedForPoll).count)",
                queued.count == 0 ? "n/a" : "\(ms(queued.mean)) / \(ms(queued.max))",
                acknowledged.count == 0 ? "n/a" : [50, 90, 99].map { ms(acknowledged.at($0)) }.joined(separator: " / ") + " / \(ms(acknowledged.max))",
                !row.readBack || readBack.count == 0 ? "" : [50, 99].map { ms(readBack.at($0)) }.joined(separator: " / ") + " / \(ms(readBack.max))",
                [50, 90, 99].map { ms(returned.at($0)) }.joined(separator: " / ") + " / \(ms(returned.max))",
            ])
        }
        return table
    }
}
