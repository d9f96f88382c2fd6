/// Turns a raw number into a point's reported value: `scale`, `offset`, unit conversion,
/// `decimals`, then the `valid` range check. Pure and allocation-free; used for MQTT payloads and
/// Modbus registers alike.
///
/// Order matters and is documented for users: `raw × scale + offset` is in `unit`; it is then
/// converted to `convert_to`, rounded to `decimals`, and only then checked against `valid`, so
/// `valid` and `thresholds` are written in the unit readings are reported in.
public struct Normalizer: Sendable {
    let scale: Double
    let offset: Double
    let conversion: (from: MeasurementUnit, to: MeasurementUnit)?
    let roundingFactor: Double?
    let validRange: ClosedRange<Double>?

    public init(point: PointConfig) {
        scale = point.scale ?? 1
        offset = point.offset ?? 0
        if let unit = point.unit, let target = point.convertTo, unit != target {
            conversion = (unit, target)
        } else {
            conversion = nil
        }
        roundingFactor = point.decimals.map { Self.powerOfTen($0) }
        validRange = point.validRange
    }

    /// The reported value for `raw`, or why it is rejected (`notFinite`, `outOfRange`).
    public func normalize(_ raw: Double) -> Result<Double, NormalizationFailure> {
        guard raw.isFinite else { return .failure(NormalizationFailure(reason: .notFinite, detail: "the value is \(raw)")) }
        var value = raw * scale + offset
        if let conversion { value = conversion.from.convert(value, to: conversion.to) }
        if let roundingFactor { value = (value * roundingFactor).rounded(.toNearestOrAwayFromZero) / roundingFactor }
        guard value.isFinite else {
            return .failure(NormalizationFailure(reason: .notFinite, detail: "\(raw) scales to \(value)"))
        }
        if let validRange, !validRange.contains(value) {
            return .failure(NormalizationFailure(
                reason: .outOfRange, detail: "\(Self.format(value)) is outside the valid range [\(Self.format(validRange.lowerBound)), \(Self.format(validRange.upperBound))]"))
        }
        return .success(value)
    }

    static func powerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// `21.5`, `85` — numbers as people write them in config files.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// Why a raw value could not be normalized.
public struct NormalizationFailure: Error, Sendable, Hashable {
    public var reason: Rejection.Reason
    public var detail: String
}
