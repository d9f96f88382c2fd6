/// One entry under a device's `points:`: where its value comes from and what it means.
public struct PointConfig: Sendable {
    /// The point's key under `points:` (`temperature` in `greenhouse-air.temperature`).
    public var name: String
    /// Where the point's name is written.
    public var location: SourceLocation
    public var source: PointSource
    /// `unit`: the unit of the value after `scale` and `offset`.
    public var unit: MeasurementUnit?
    /// `scale`: the raw value is multiplied by this (default 1)…
    public var scale: Double?
    /// …and then this is added (`offset`, default 0).
    public var offset: Double?
    /// `valid: [MIN, MAX]`: values outside are rejected as sensor faults, not reported.
    public var validRange: ClosedRange<Double>?
    /// `thresholds`: limits that raise `ThresholdCrossed` / `ThresholdCleared` events.
    public var thresholds: [Threshold]
    /// `writable`: whether rules may write this point (Modbus coils and holding registers only).
    public var isWritable: Bool

    public init(
        name: String, location: SourceLocation, source: PointSource, unit: MeasurementUnit? = nil, scale: Double? = nil,
        offset: Double? = nil, validRange: ClosedRange<Double>? = nil, thresholds: [Threshold] = [], isWritable: Bool = false
    ) {
        self.name = name
        self.location = location
        self.source = source
        self.unit = unit
        self.scale = scale
        self.offset = offset
        self.validRange = validRange
        self.thresholds = thresholds
        self.isWritable = isWritable
    }

    /// What kind of value this point carries once decoded.
    public var valueKind: ValueKind {
        switch source {
        case .mqtt(_, let kind): kind
        case .modbus(let register): register.type.valueKind
        }
    }
}

/// Where a point's value is read from.
public enum PointSource: Sendable {
    /// From an MQTT payload: the value at `json` (a `PayloadPath`), or the whole payload when `nil`.
    case mqtt(json: PayloadPath?, kind: ValueKind)
    /// From a Modbus register or bit.
    case modbus(ModbusRegister)
}
