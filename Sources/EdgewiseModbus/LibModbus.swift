import CModbus

/// Process-wide facts about libmodbus, the library Edgewise's Modbus TCP and RTU polling uses.
///
/// The Modbus client (connect, read, write, one thread per bus) lives beside this type; this one
/// answers what the library is and turns its `-1` + `errno` results into `ModbusError`s.
public enum LibModbus {
    /// The linked libmodbus's version, e.g. `3.1.6` (read at run time, not from the headers).
    public static var libraryVersion: String {
        "\(libmodbus_version_major).\(libmodbus_version_minor).\(libmodbus_version_micro)"
    }
}

/// A libmodbus call that failed: which function, the `errno` it left and libmodbus's explanation.
public struct ModbusError: Error, Hashable, Sendable, CustomStringConvertible {
    public var function: String
    public var errorNumber: Int32

    public init(function: String, errorNumber: Int32) {
        self.function = function
        self.errorNumber = errorNumber
    }

    /// libmodbus's text for the error, covering both `errno` values and Modbus exception codes.
    public var reason: String { String(cString: modbus_strerror(errorNumber)) }

    public var description: String { "\(function) failed: \(reason)" }
}
