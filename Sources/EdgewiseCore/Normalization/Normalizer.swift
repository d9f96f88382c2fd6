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
    /// Whether scaling, offset or conversion change the raw value (and may add binary noise).
    let transforms: Bool

    public init(point: PointConfig) {
        scale = point.scale ?? 1
        offset = point.offset ?? 0
        if let unit = point.unit, let target = point.convertTo, unit != target {
            conversion = (unit, target)
        } else {
            conversion = nil
        }
        roundingFactor = point.decimals.map { Self.powerOfTen($0) }
        transforms = scale != 1 || offset != 0 || conversion != nil
        validRange = point.validRange
    }

    /// The reported value for `raw`, or why it is rejected (`notFinite`, `outOfRange`).
    public func normalize(_ raw: Double) -> Result<Double, NormalizationFailure> {
        guard raw.isFinite else { return .failure(NormalizationFailure(reason: .notFinite, detail: "the value is \(raw)")) }
        var value = raw * scale + offset
        if let conversion { value = conversion.from.convert(value, to: conversion.to) }
        if let roundingFactor {
            value = (value * roundingFactor).rounded(.toNearestOrAwayFromZero) / roundingFactor
        } else if transforms {
            value = Self.withoutBinaryNoise(value)
        }
        guard value.isFinite else {
            return .failure(NormalizationFailure(reason: .notFinite, detail: "\(raw) scales to \(value)"))
        }
        if let validRange, !validRange.contains(value) {
            return .failure(NormalizationFailure(
                reason: .outOfRange, detail: "\(Self.format(value)) is outside the valid range [\(Self.format(validRange.lowerBound)), \(Self.format(validRange.upperBound))]"))
        }
        return .success(value)
    }

    /// `value` rounded to 15 or 16 significant digits, which removes the noise binary arithmetic
    /// adds in the 17th (254 × 0.1 is 25.400000000000002; this makes it 25.4) and keeps every
    /// digit a measurement can have. Values beyond 10^15 or below 10^-7 are returned unchanged.
    static func withoutBinaryNoise(_ value: Double) -> Double {
        guard value != 0, value.isFinite else { return value }
        // The decimal exponent from the binary one: exact or one too small (log10(2) ≈ 0.30103).
        let decimalExponent = Int((Double(value.exponent) * 0.30103).rounded(.down))
        let digits = 14 - decimalExponent
        guard (0...22).contains(digits) else { return value }
        let factor = powerOfTen(digits)
        return (value * factor).rounded(.toNearestOrEven) / factor
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
