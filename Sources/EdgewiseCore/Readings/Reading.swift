/// One value of one point at one time: what normalization produces from a payload or a register,
/// and what events and rules consume. The same whether the device speaks MQTT or Modbus.
public struct Reading: Sendable, Hashable {
    public var device: String
    public var point: String
    public var value: ReadingValue
    /// The unit of `value` (after scale, offset and conversion); `nil` for unitless values.
    public var unit: MeasurementUnit?
    /// When the value was measured: from the payload when the device file says where, else when it arrived.
    public var time: Timestamp

    public init(device: String, point: String, value: ReadingValue, unit: MeasurementUnit? = nil, time: Timestamp) {
        self.device = device
        self.point = point
        self.value = value
        self.unit = unit
        self.time = time
    }
}

/// A reading's value, of the kind its point declares.
public enum ReadingValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case boolean(Bool)
    case text(String)

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var description: String {
        switch self {
        case .number(let value): Normalizer.format(value)
        case .boolean(let value): value ? "true" : "false"
        case .text(let value): value
        }
    }
}
