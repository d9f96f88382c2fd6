import CModbus

/// A libmodbus call that failed: what Edgewise was doing, which function, the `errno` it left and
/// libmodbus's explanation.
///
/// Its description is written for a log line, e.g.
/// `read holding 100–103 on unit 1 failed: Illegal data address (Modbus exception 2)` or
/// `connect to 127.0.0.1:5020 failed: Connection refused`. Code that reacts to the failure looks
/// at ``kind``: a Modbus exception is the device's answer over a working connection, while
/// `.timeout` and `.connectionClosed` say the link is in trouble.
public struct ModbusError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The libmodbus function that failed, e.g. `modbus_read_registers`.
    public var function: String
    /// The `errno` the function left: a system error number (`ETIMEDOUT`, `ECONNRESET`, …) or one
    /// of libmodbus's own, which start at `MODBUS_ENOBASE`.
    public var errorNumber: Int32
    /// What was being done, in words, e.g. `read holding 100–103 on unit 1`; without it the
    /// description names the function instead.
    public var operation: String?

    /// An error `function` reported with `errorNumber` while doing `operation`.
    public init(function: String, errorNumber: Int32, operation: String? = nil) {
        self.function = function
        self.errorNumber = errorNumber
        self.operation = operation
    }

    /// What kind of failure this is: a Modbus exception, a timeout, a lost connection, a bad response.
    public var kind: Kind { Kind(errorNumber: errorNumber) }

    /// The exception code (1–11) when the device answered with a Modbus exception, else `nil`.
    public var exceptionCode: Int? {
        let code = Int(errorNumber) - Int(MODBUS_ENOBASE)
        return (1...11).contains(code) ? code : nil
    }

    /// libmodbus's text for the error, covering both `errno` values and Modbus exception codes.
    public var reason: String { String(cString: modbus_strerror(errorNumber)) }

    /// `OPERATION failed: REASON`, with `(Modbus exception N)` after an exception's reason.
    public var description: String {
        let text = "\(operation ?? function) failed: \(reason)"
        guard let exceptionCode else { return text }
        return text + " (Modbus exception \(exceptionCode))"
    }
}
