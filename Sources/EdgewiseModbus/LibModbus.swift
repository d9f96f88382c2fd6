import CModbus

/// Process-wide facts about libmodbus, the library Edgewise's Modbus TCP and RTU polling uses.
///
/// The client lives beside this type: ``ModbusConnection`` (one `modbus_t`, blocking calls) and
/// ``ModbusBus`` (one connection on a thread of its own, jobs queued in order). Failed calls
/// become ``ModbusError``s.
public enum LibModbus {
    /// The linked libmodbus's version, e.g. `3.1.6` (read at run time, not from the headers).
    public static var libraryVersion: String {
        "\(libmodbus_version_major).\(libmodbus_version_minor).\(libmodbus_version_micro)"
    }
}
