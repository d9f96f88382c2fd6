import EdgewiseModbus
import Glibc
import Testing

@Suite("Modbus errors")
struct ModbusErrorTests {
    /// libmodbus's error numbers for exceptions are MODBUS_ENOBASE (112345678) + the code.
    static let exceptionBase: Int32 = 112_345_678

    @Test(
        "libmodbus error numbers sort into kinds",
        arguments: [
            (exceptionBase + 1, ModbusError.Kind.illegalFunction),
            (exceptionBase + 2, .illegalAddress),
            (exceptionBase + 3, .illegalValue),
            (exceptionBase + 4, .deviceFailure),
            (exceptionBase + 5, .otherException(code: 5)),
            (exceptionBase + 6, .busy),
            (exceptionBase + 11, .otherException(code: 11)),
            (ETIMEDOUT, .timeout),
            (ECONNRESET, .connectionClosed),
            (EPIPE, .connectionClosed),
            (ECONNREFUSED, .connectionClosed),
            (EBADF, .connectionClosed),
            (ENOTCONN, .connectionClosed),
            (exceptionBase + 12, .invalidResponse),  // EMBBADCRC
            (exceptionBase + 13, .invalidResponse),  // EMBBADDATA
            (exceptionBase + 14, .invalidResponse),  // EMBBADEXC
            (exceptionBase + 16, .invalidResponse),  // EMBMDATA
            (exceptionBase + 17, .invalidResponse),  // EMBBADSLAVE
            (ENOENT, .other),
            (EHOSTUNREACH, .other),
        ])
    func kinds(errorNumber: Int32, kind: ModbusError.Kind) {
        let error = ModbusError(function: "modbus_read_registers", errorNumber: errorNumber)
        #expect(error.kind == kind)
        #expect(error.kind.isException == (error.exceptionCode != nil))
    }

    @Test("A Modbus exception reads as what was done, libmodbus's reason and the exception code")
    func exceptionDescription() {
        let error = ModbusError(
            function: "modbus_read_registers", errorNumber: Self.exceptionBase + 2, operation: "read holding 100–103 on unit 1")
        #expect(error.description == "read holding 100–103 on unit 1 failed: Illegal data address (Modbus exception 2)")
        #expect(error.exceptionCode == 2)
    }

    @Test("A system error reads as what was done and the system's reason; without an operation, the function")
    func systemErrorDescription() {
        let timeout = ModbusError(function: "modbus_write_bit", errorNumber: ETIMEDOUT, operation: "write coil 0 on unit 3")
        #expect(timeout.description == "write coil 0 on unit 3 failed: Connection timed out")
        #expect(timeout.exceptionCode == nil)
        let bare = ModbusError(function: "modbus_connect", errorNumber: ECONNREFUSED)
        #expect(bare.description == "modbus_connect failed: Connection refused")
    }
}
