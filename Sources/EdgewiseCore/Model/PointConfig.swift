/// One entry under a device's `points:`: where its value comes from and what it means.
public struct PointConfig: Sendable {
    /// The point's key under `points:` (`temperature` in `greenhouse-air.temperature`).
    public var name: String
    /// Where the point's name is written.
    public var location: ConfigLocation
    public var source: PointSource
    /// `unit`: the unit of the value after `scale` and `offset`.
    public var unit: MeasurementUnit?
    /// `scale`: the raw value is multiplied by this (default 1)…
    public var scale: Double?
    /// …and then this is added (`offset`, default 0).
    public var offset: Double?
    /// `valid: [MIN, MAX]`: reported values outside are rejected as sensor faults, not reported.
    public var validRange: ClosedRange<Double>?
    /// `thresholds`: limits that raise `ThresholdCrossed` / `ThresholdCleared` events.
    public var thresholds: [Threshold]
    /// `writable`: whether rules may write this point (Modbus coils and holding registers only).
    public var isWritable: Bool
    /// `convert_to`: report values in this unit instead of `unit`.
    public var convertTo: MeasurementUnit?
    /// `decimals`: round reported values to this many decimal places.
    public var decimals: Int?
    /// `deadband`: report a value only when it differs from the last reported one by at least this
    /// much (report-by-exception). Thresholds and rules still see every value.
    public var deadband: Double?
    /// `min_interval`: report at most once per this interval (the latest value wins).
    public var minimumInterval: Duration?
    /// `command_topic` and friends: how a writable MQTT point is written (a relay's command topic).
    public var command: MQTTCommand?

    /// The unit readings of this point carry: `convert_to` when set, else `unit`.
    public var reportedUnit: MeasurementUnit? { convertTo ?? unit }

    public init(
        name: String, location: ConfigLocation, source: PointSource, unit: MeasurementUnit? = nil, scale: Double? = nil,
        offset: Double? = nil, validRange: ClosedRange<Double>? = nil, thresholds: [Threshold] = [], isWritable: Bool = false,
        convertTo: MeasurementUnit? = nil, decimals: Int? = nil, deadband: Double? = nil, minimumInterval: Duration? = nil,
        command: MQTTCommand? = nil
    ) {
        self.command = command
        self.name = name
        self.location = location
        self.source = source
        self.unit = unit
        self.scale = scale
        self.offset = offset
        self.validRange = validRange
        self.thresholds = thresholds
        self.isWritable = isWritable
        self.convertTo = convertTo
        self.decimals = decimals
        self.deadband = deadband
        self.minimumInterval = minimumInterval
    }

    /// The register or bit a Modbus point reads; `nil` for MQTT points.
    public var modbusRegister: ModbusRegister? {
        if case .modbus(let register) = source { return register }
        return nil
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
