/// Every unit Edgewise knows, looked up by symbol. The one place units are parsed.
///
/// Symbols are case-sensitive (`mA` is not `MA`). Common spellings that are not symbols
/// (`°C`, `%`, `celsius`, `kwh`) are recognised only to suggest the right symbol.
public enum UnitCatalog {
    /// All known units, grouped by quantity; the first of each group is its base unit.
    public static let all: [MeasurementUnit] = [
        .init("K", .temperature), .init("degC", .temperature, offset: 273.15),
        .init("degF", .temperature, factor: 5.0 / 9.0, offset: 273.15 - 32 * 5.0 / 9.0),

        .init("Pa", .pressure), .init("hPa", .pressure, factor: 100), .init("kPa", .pressure, factor: 1_000),
        .init("MPa", .pressure, factor: 1_000_000), .init("mbar", .pressure, factor: 100),
        .init("bar", .pressure, factor: 100_000), .init("psi", .pressure, factor: 6_894.757293168),
        .init("inHg", .pressure, factor: 3_386.389), .init("mmHg", .pressure, factor: 133.322387415),

        .init("Wh", .energy), .init("kWh", .energy, factor: 1_000), .init("MWh", .energy, factor: 1_000_000),
        .init("J", .energy, factor: 1.0 / 3_600), .init("kJ", .energy, factor: 1.0 / 3.6),
        .init("MJ", .energy, factor: 1_000 / 3.6),

        .init("W", .power), .init("kW", .power, factor: 1_000), .init("MW", .power, factor: 1_000_000),
        .init("VA", .apparentPower), .init("kVA", .apparentPower, factor: 1_000),
        .init("var", .reactivePower), .init("kvar", .reactivePower, factor: 1_000),

        .init("V", .voltage), .init("mV", .voltage, factor: 0.001), .init("kV", .voltage, factor: 1_000),
        .init("A", .current), .init("mA", .current, factor: 0.001),
        .init("Hz", .frequency), .init("kHz", .frequency, factor: 1_000),

        .init("ratio", .ratio), .init("percent", .ratio, factor: 0.01),
        .init("ppm", .concentration), .init("ppb", .concentration, factor: 0.001),
        .init("ug/m3", .massConcentration), .init("mg/m3", .massConcentration, factor: 1_000),
        .init("lx", .illuminance),

        .init("m3", .volume), .init("L", .volume, factor: 0.001), .init("mL", .volume, factor: 0.000_001),
        .init("m3/h", .volumeFlow), .init("L/min", .volumeFlow, factor: 0.06), .init("L/s", .volumeFlow, factor: 3.6),
        .init("L/h", .volumeFlow, factor: 0.001),

        .init("s", .duration), .init("ms", .duration, factor: 0.001), .init("min", .duration, factor: 60),
        .init("h", .duration, factor: 3_600), .init("d", .duration, factor: 86_400),
        .init("m", .length), .init("mm", .length, factor: 0.001), .init("cm", .length, factor: 0.01),
        .init("km", .length, factor: 1_000),
        .init("m/s", .speed), .init("km/h", .speed, factor: 1 / 3.6),
        .init("kg", .mass), .init("g", .mass, factor: 0.001),
        .init("deg", .angle), .init("rpm", .rotationalSpeed),
        .init("dB", .soundLevel), .init("dBm", .signalLevel), .init("count", .count),
    ]

    static let bySymbol: [String: MeasurementUnit] = Dictionary(uniqueKeysWithValues: all.map { ($0.symbol, $0) })

    /// Spellings people write that are not symbols, mapped to the symbol to use.
    static let commonSpellings: [String: String] = [
        "°c": "degC", "c": "degC", "celsius": "degC", "degc": "degC", "°f": "degF", "f": "degF",
        "fahrenheit": "degF", "degf": "degF", "kelvin": "K", "degk": "K", "%": "percent", "pct": "percent", "%rh": "percent",
        "rh": "percent", "kwh": "kWh", "wh": "Wh", "kw": "kW", "w": "W", "mbar": "mbar", "hpa": "hPa",
        "kpa": "kPa", "pa": "Pa", "v": "V", "a": "A", "hz": "Hz", "lux": "lx", "l": "L", "liter": "L",
        "litre": "L", "m³": "m3", "m³/h": "m3/h", "µg/m3": "ug/m3", "µg/m³": "ug/m3", "sec": "s",
        "seconds": "s", "minutes": "min", "hours": "h", "°": "deg", "degrees": "deg",
    ]

    /// The unit named `symbol`.
    ///
    /// - Throws: `QuantitySyntaxError` with the intended symbol as hint for common spellings.
    public static func unit(_ symbol: String) throws(QuantitySyntaxError) -> MeasurementUnit {
        if let unit = bySymbol[symbol] { return unit }
        if let intended = commonSpellings[symbol.lowercased()] ?? bySymbol.keys.first(where: { $0.lowercased() == symbol.lowercased() }) {
            throw QuantitySyntaxError("unknown unit '\(symbol)'", hint: "write '\(intended)'")
        }
        if let near = SpellingSuggestion.closest(to: symbol, among: bySymbol.keys) {
            throw QuantitySyntaxError("unknown unit '\(symbol)'", hint: "did you mean '\(near)'?")
        }
        throw QuantitySyntaxError("unknown unit '\(symbol)'", hint: "see docs/configuration.md for the list of units")
    }
}
