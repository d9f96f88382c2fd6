/// What a unit measures. Values convert only between units of the same quantity.
public enum PhysicalQuantity: String, Sendable, Hashable, CaseIterable {
    case temperature, pressure, energy, power, apparentPower, reactivePower
    case voltage, current, frequency, ratio, concentration, massConcentration, illuminance
    case volume, volumeFlow, duration, length, speed, mass, angle, rotationalSpeed
    case soundLevel, signalLevel, count
}
