import CModbus
import EdgewiseCore
import Glibc

/// Reading and writing the four Modbus tables.
extension ModbusConnection {
    /// The most registers one read may ask for (function 3 or 4), by the protocol.
    public static let maxReadRegisters = Int(MODBUS_MAX_READ_REGISTERS)
    /// The most coils or discrete inputs one read may ask for (function 1 or 2), by the protocol.
    public static let maxReadBits = Int(MODBUS_MAX_READ_BITS)
    /// The most registers one write may carry (function 16), by the protocol.
    public static let maxWriteRegisters = Int(MODBUS_MAX_WRITE_REGISTERS)

    /// Reads `count` consecutive addresses of `table` from unit `unitID`, in one request.
    ///
    /// Holding and input registers (functions 3 and 4) come back as they are; coils and discrete
    /// inputs (functions 1 and 2) come back as one `0` or `1` per address, so that one type
    /// serves all four tables.
    ///
    /// - Parameters:
    ///   - address: the 0-based protocol address of the first value.
    ///   - count: 1 to ``maxReadRegisters`` registers or 1 to ``maxReadBits`` bits, not reaching
    ///     past address 65535.
    ///   - unitID: the unit (slave) address: 0–255 on TCP, 0–247 on a serial line.
    /// - Returns: exactly `count` values, for `address`, `address + 1`, ….
    /// - Throws: ``ModbusError``, e.g. `read holding 100–103 on unit 1 failed: Illegal data
    ///   address (Modbus exception 2)`; see the type's notes for what a failure does to the
    ///   connection.
    public func readRegisters(
        _ table: ModbusRegister.Table, address: Int, count: Int, unitID: Int
    ) throws(ModbusError) -> [UInt16] {
        let limit = table.holdsBits ? Self.maxReadBits : Self.maxReadRegisters
        precondition((1...limit).contains(count), "cannot read \(count) \(table.rawValue) values in one request (1–\(limit))")
        checkRange(address: address, count: count)
        let operation = Self.describe("read", table, address: address, count: count, unitID: unitID)
        switch table {
        case .holding, .input:
            var registers = [UInt16](repeating: 0, count: count)
            let function = table == .holding ? "modbus_read_registers" : "modbus_read_input_registers"
            try request(function, operation, unitID: unitID) { context in
                registers.withUnsafeMutableBufferPointer { buffer in
                    table == .holding
                        ? modbus_read_registers(context, Int32(address), Int32(count), buffer.baseAddress)
                        : modbus_read_input_registers(context, Int32(address), Int32(count), buffer.baseAddress)
                }
            }
            return registers
        case .coil, .discreteInput:
            // libmodbus stores one bit per byte, as 0 or 1.
            var bits = [UInt8](repeating: 0, count: count)
            let function = table == .coil ? "modbus_read_bits" : "modbus_read_input_bits"
            try request(function, operation, unitID: unitID) { context in
                bits.withUnsafeMutableBufferPointer { buffer in
                    table == .coil
                        ? modbus_read_bits(context, Int32(address), Int32(count), buffer.baseAddress)
                        : modbus_read_input_bits(context, Int32(address), Int32(count), buffer.baseAddress)
                }
            }
            return bits.map { $0 == 0 ? 0 : 1 }
        }
    }

    /// Switches the coil at `address` of unit `unitID` on or off (function 5).
    ///
    /// - Throws: ``ModbusError``, e.g. `write coil 7 on unit 1 failed: Illegal data address
    ///   (Modbus exception 2)`.
    public func writeCoil(address: Int, value: Bool, unitID: Int) throws(ModbusError) {
        checkRange(address: address, count: 1)
        let operation = Self.describe("write", .coil, address: address, count: 1, unitID: unitID)
        try request("modbus_write_bit", operation, unitID: unitID) { context in
            modbus_write_bit(context, Int32(address), value ? 1 : 0)
        }
    }

    /// Writes `values` to consecutive holding registers of unit `unitID`, starting at `address`:
    /// one value with function 6 (write single register), more with function 16 (write multiple
    /// registers), in one request either way.
    ///
    /// - Parameter values: 1 to ``maxWriteRegisters`` values, not reaching past address 65535.
    /// - Throws: ``ModbusError``, e.g. `write holding 100–101 on unit 1 failed: Illegal data
    ///   value (Modbus exception 3)`.
    public func writeRegisters(address: Int, values: [UInt16], unitID: Int) throws(ModbusError) {
        precondition(
            (1...Self.maxWriteRegisters).contains(values.count),
            "cannot write \(values.count) registers in one request (1–\(Self.maxWriteRegisters))")
        checkRange(address: address, count: values.count)
        let operation = Self.describe("write", .holding, address: address, count: values.count, unitID: unitID)
        if values.count == 1 {
            try request("modbus_write_register", operation, unitID: unitID) { context in
                modbus_write_register(context, Int32(address), values[0])
            }
        } else {
            try request("modbus_write_registers", operation, unitID: unitID) { context in
                values.withUnsafeBufferPointer { buffer in
                    modbus_write_registers(context, Int32(address), Int32(values.count), buffer.baseAddress)
                }
            }
        }
    }

    /// Sends one request to `unitID` with `call` and counts it; on failure, repairs the
    /// connection as the type's notes describe and throws.
    private func request(
        _ function: String, _ operation: String, unitID: Int, _ call: (OpaquePointer) -> Int32
    ) throws(ModbusError) {
        let highestUnit = if case .rtu = transport { 247 } else { 255 }
        precondition((0...highestUnit).contains(unitID), "Modbus unit id \(unitID) is out of range (0–\(highestUnit))")
        guard isConnected else {
            throw ModbusError(function: function, errorNumber: ENOTCONN, operation: operation)
        }
        guard modbus_set_slave(context, Int32(unitID)) == 0 else {
            throw ModbusError(function: "modbus_set_slave", errorNumber: errno, operation: operation)
        }
        requestCount += 1
        let sentAt = requestObserver == nil ? nil : ContinuousClock.now
        let result = call(context)
        let errorNumber = errno
        if let sentAt { requestObserver?(ContinuousClock.now - sentAt, result == -1) }
        guard result == -1 else { return }
        failedRequestCount += 1
        let error = ModbusError(function: function, errorNumber: errorNumber, operation: operation)
        lastFailure = error
        recover(after: error.kind)
        throw error
    }

    /// Leaves the connection ready for the next request after a failure of `kind`.
    private func recover(after kind: ModbusError.Kind) {
        if kind.isException { return }
        switch (transport, kind) {
        case (.rtu, .timeout), (.rtu, .invalidResponse):
            // Drop whatever half-response is still arriving; the port itself is fine.
            _ = modbus_flush(context)
        default:
            close()
        }
    }

    /// Checks that `count` addresses from `address` fit in the 16-bit address space.
    private func checkRange(address: Int, count: Int) {
        precondition(address >= 0 && address + count <= 65_536, "Modbus addresses \(address)+\(count) are out of range (0–65535)")
    }

    /// `read holding 100–103 on unit 1`, `write coil 0 on unit 1`: what a request does, for errors.
    static func describe(_ verb: String, _ table: ModbusRegister.Table, address: Int, count: Int, unitID: Int) -> String {
        let addresses = count == 1 ? "\(address)" : "\(address)–\(address + count - 1)"
        return "\(verb) \(table.rawValue) \(addresses) on unit \(unitID)"
    }
}
