/// Why a Modbus read returned no values, as the runtime reports it to the planner.
///
/// Only "illegal data address" (exception code 2) makes the planner split a read: it means the
/// device is there but refuses some address of the block. Everything else — timeouts, connection
/// errors, other exceptions — fails the read as a whole.
public enum ModbusReadFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The device answered with exception 2, "illegal data address".
    case illegalAddress(detail: String)
    /// Any other failure: no answer in time, a broken connection, another exception.
    case other(detail: String)

    /// What happened, for people: libmodbus's message, say.
    public var detail: String {
        switch self {
        case .illegalAddress(let detail), .other(let detail): detail
        }
    }

    public var isIllegalAddress: Bool {
        if case .illegalAddress = self { return true }
        return false
    }

    public var description: String { detail }
}

/// The outcome of a read for one point: its registers (for coils and discrete inputs, one 0 or 1
/// per bit) ready for `ModbusValueCodec.decode`, or why they could not be read.
public struct ModbusSlotResult: Sendable, Hashable {
    public var slot: ModbusPointSlot
    public var registers: Result<ArraySlice<UInt16>, ModbusReadFailure>

    public init(slot: ModbusPointSlot, registers: Result<ArraySlice<UInt16>, ModbusReadFailure>) {
        self.slot = slot
        self.registers = registers
    }
}
