/// Why a value cannot be written to a Modbus point, with a message for the person who asked for
/// the write: `7000 does not fit hvac.setpoint (int16 -32768…32767 after scale 0.1: -3276.8…3276.7 degC)`.
public struct ModbusEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is, for counting and tests.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The number is outside what the register type holds (after inverse scaling).
        case outOfRange = "out_of_range"
        /// The number is NaN or infinite.
        case notFinite = "not_finite"
        /// The value is of another kind than the point: text for a number, 2 for a coil.
        case wrongType = "wrong_type"
        /// The text needs more bytes than the string's registers hold.
        case tooLong = "too_long"
        /// The point cannot be written: an input, a discrete input, a bit of a holding register,
        /// or a point without `writable: true`.
        case notWritable = "not_writable"
    }

    public var reason: Reason
    /// The whole message, naming the value, the point and the limit it broke.
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
