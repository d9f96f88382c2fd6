/// A unit a point's value is measured in, such as `degC`, `kPa` or `kWh`.
///
/// Units are written in config files by their `symbol` (ASCII, so they are easy to type:
/// `degC`, not `°C`). Each unit converts to its quantity's base unit affinely:
/// `base = value * factor + offset` (°C → K adds 273.15; kWh → Wh multiplies by 1000).
public struct MeasurementUnit: Hashable, Sendable, CustomStringConvertible {
    public let symbol: String
    public let quantity: PhysicalQuantity
    /// Multiply by this to get the base unit of `quantity`…
    public let factor: Double
    /// …then add this (non-zero only for temperatures).
    public let offset: Double

    public init(_ symbol: String, _ quantity: PhysicalQuantity, factor: Double = 1, offset: Double = 0) {
        self.symbol = symbol
        self.quantity = quantity
        self.factor = factor
        self.offset = offset
    }

    public var description: String { symbol }

    /// Whether values in this unit can be converted to `other`.
    public func isConvertible(to other: MeasurementUnit) -> Bool { quantity == other.quantity }

    /// `value` in this unit expressed in `target`.
    ///
    /// - Precondition: both units measure the same quantity (check with `isConvertible(to:)`).
    public func convert(_ value: Double, to target: MeasurementUnit) -> Double {
        precondition(isConvertible(to: target), "cannot convert \(symbol) to \(target.symbol)")
        if self == target { return value }
        let base = value * factor + offset
        return (base - target.offset) / target.factor
    }
}
