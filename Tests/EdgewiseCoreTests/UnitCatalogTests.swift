import Testing

@testable import EdgewiseCore

@Suite("Units and conversions")
struct UnitCatalogTests {
    @Test("conversions between common units", arguments: [
        ("degC", 100.0, "degF", 212.0), ("degF", 32.0, "degC", 0.0), ("degC", 0.0, "K", 273.15), ("K", 0.0, "degC", -273.15),
        ("hPa", 1013.25, "kPa", 101.325), ("bar", 1.0, "psi", 14.503773773), ("kPa", 100.0, "bar", 1.0),
        ("kWh", 1.5, "Wh", 1_500.0), ("Wh", 3.6, "kJ", 12.96), ("percent", 50.0, "ratio", 0.5), ("L/min", 1.0, "m3/h", 0.06),
        ("mA", 20.0, "A", 0.02), ("h", 1.0, "min", 60.0),
    ])
    func converts(from: String, value: Double, to: String, expected: Double) throws {
        let source = try UnitCatalog.unit(from)
        let target = try UnitCatalog.unit(to)
        #expect(abs(source.convert(value, to: target) - expected) < 1e-6)
    }

    @Test func unitsOfDifferentQuantitiesDoNotConvert() throws {
        #expect(try !UnitCatalog.unit("degC").isConvertible(to: UnitCatalog.unit("kPa")))
    }

    @Test("unknown units suggest the symbol to write", arguments: [
        ("celsius", "write 'degC'"), ("°C", "write 'degC'"), ("%", "write 'percent'"), ("kwh", "write 'kWh'"),
        ("KPA", "write 'kPa'"), ("degK", "write 'K'"), ("kpaa", "did you mean 'kPa'?"), ("furlongs", "see docs/configuration.md for the list of units"),
    ])
    func suggestsSymbol(text: String, hint: String) {
        #expect(throws: QuantitySyntaxError("unknown unit '\(text)'", hint: hint)) { try UnitCatalog.unit(text) }
    }

    @Test func everySymbolIsUnique() {
        #expect(Set(UnitCatalog.all.map(\.symbol)).count == UnitCatalog.all.count)
    }
}
