import EdgewiseCore

/// The keys every numeric point may have, whatever its protocol: `unit`, `scale`, `offset`,
/// `valid` and `thresholds`.
struct PointValueSettings {
    var unit: MeasurementUnit?
    var scale: Double?
    var offset: Double?
    var validRange: ClosedRange<Double>?
    var thresholds: [Threshold] = []
    var convertTo: MeasurementUnit?
    var decimals: Int?
    var deadband: Double?
    var minimumInterval: Duration?
    var isComplete = true

    /// Reads the numeric settings; for boolean and string points, reports each one present as not applicable.
    init(_ point: ConfigMapping, kind: ValueKind) {
        point.markKnown("description")
        let keys = ["unit", "scale", "offset", "valid", "thresholds", "convert_to", "decimals", "deadband"]
        guard kind == .number else {
            for key in keys {
                if let node = point.optional(key) {
                    node.error("'\(key)' applies only to numeric points, but this point is \(kind == .boolean ? "a boolean" : "a string")")
                    isComplete = false
                }
            }
            minimumInterval = read(point.optional("min_interval")) { $0.duration() }
            return
        }
        unit = read(point.optional("unit")) { $0.unit() }
        scale = read(point.optional("scale")) { $0.number() }
        offset = read(point.optional("offset")) { $0.number() }
        validRange = read(point.optional("valid")) { Self.range($0) }
        thresholds = read(point.optional("thresholds")) { Self.thresholds($0) } ?? []
        convertTo = read(point.optional("convert_to")) { $0.unit() }
        decimals = read(point.optional("decimals")) { $0.integer(in: 0...10) }
        deadband = read(point.optional("deadband")) { node in
            guard let value = node.number() else { return nil }
            guard value >= 0 else {
                node.error("'deadband' must not be negative")
                return nil
            }
            return value
        }
        minimumInterval = read(point.optional("min_interval")) { $0.duration() }
        if let convertTo, let node = point.optional("convert_to") {
            if let unit, !unit.isConvertible(to: convertTo) {
                node.error("cannot convert \(unit.quantity) in \(unit) to \(convertTo.quantity) in \(convertTo)",
                           hint: "convert_to needs a unit of the same quantity as 'unit'")
                isComplete = false
            } else if unit == nil {
                node.error("'convert_to' needs 'unit', the unit the device reports in")
                isComplete = false
            }
        }
        if scale == 0, let node = point.optional("scale") {
            node.error("'scale' must not be 0", hint: "a scale of 0 turns every value into 0")
            isComplete = false
        }
    }

    private mutating func read<Value>(_ node: ConfigNode?, _ decode: (ConfigNode) -> Value?) -> Value? {
        guard let node else { return nil }
        let value = decode(node)
        if value == nil { isComplete = false }
        return value
    }

    static func range(_ node: ConfigNode) -> ClosedRange<Double>? {
        guard let bounds = node.sequence(), bounds.count == 2 else {
            return node.typeMismatch("a list of two numbers [MIN, MAX]", hint: "e.g. valid: [-40, 85]")
        }
        guard let low = bounds[0].number(), let high = bounds[1].number() else { return nil }
        guard low < high else {
            node.error("'valid' must list the lower bound first, but \(low) is not below \(high)")
            return nil
        }
        return low...high
    }

    static func thresholds(_ node: ConfigNode) -> [Threshold]? {
        guard let entries = node.sequence() else { return nil }
        var thresholds: [Threshold] = []
        var complete = true
        for entry in entries {
            guard let mapping = entry.mapping(context: "a threshold") else {
                complete = false
                continue
            }
            let above = mapping.optional("above")
            let below = mapping.optional("below")
            let hysteresis = mapping.optional("hysteresis")?.number() ?? 0
            mapping.markKnown("name")
            mapping.reportUnknownKeys()
            let direction: Threshold.Direction
            let limitNode: ConfigNode
            switch (above, below) {
            case (let node?, nil): (direction, limitNode) = (.above, node)
            case (nil, let node?): (direction, limitNode) = (.below, node)
            default:
                entry.error("a threshold needs exactly one of 'above' or 'below'", hint: "e.g. {above: 30, hysteresis: 1}")
                complete = false
                continue
            }
            guard let limit = limitNode.number() else {
                complete = false
                continue
            }
            if hysteresis < 0, let node = mapping.optional("hysteresis") {
                node.error("'hysteresis' must not be negative")
                complete = false
                continue
            }
            thresholds.append(Threshold(direction: direction, limit: limit, hysteresis: hysteresis, location: entry.location))
        }
        return complete ? thresholds : nil
    }
}
