import EdgewiseCore
import EdgewiseModbus

/// One poll of one device, as it runs on the device's bus thread: the planned reads in order,
/// each split where the device refuses an address (learning the hole), and what came of them.
struct ModbusPollJob: Sendable {
    let requests: [ModbusReadRequest]
    let unitID: Int
    let responseTimeout: Duration
    let holes: ModbusHoles

    /// What a poll produced.
    struct Outcome: Sendable {
        /// One result per point read, in request order.
        var results: [ModbusSlotResult] = []
        /// The holes, with any learned during this poll.
        var holes: ModbusHoles
        /// Whether the device answered at all: a value or a Modbus exception.
        var answered = false
        /// The first failure to get an answer (timeout, closed connection, garbled response);
        /// the reads after it were not sent.
        var transportError: ModbusError?
    }

    /// Runs the reads on `connection`. Blocks: call it only on the bus thread.
    func run(on connection: ModbusConnection) -> Outcome {
        if connection.responseTimeout != responseTimeout { connection.responseTimeout = responseTimeout }
        var outcome = Outcome(holes: holes)
        for request in requests {
            if let error = outcome.transportError {
                outcome.results += request.slots.map { ModbusSlotResult(slot: $0, registers: .failure(.other(detail: "not read after \(error.reason)"))) }
                continue
            }
            outcome.results += ModbusRequestPlanner.read(request, holes: &outcome.holes) { read in
                do throws(ModbusError) {
                    let values = try connection.readRegisters(read.table, address: read.address, count: read.count, unitID: unitID)
                    outcome.answered = true
                    return .success(values)
                } catch {
                    if error.kind == .illegalAddress {
                        outcome.answered = true
                        return .failure(.illegalAddress(detail: error.description))
                    }
                    if error.kind.isException {
                        outcome.answered = true
                    } else {
                        outcome.transportError = error
                    }
                    return .failure(.other(detail: error.description))
                }
            }
        }
        return outcome
    }
}
