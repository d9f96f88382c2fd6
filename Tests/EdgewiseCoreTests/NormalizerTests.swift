import Testing

@testable import EdgewiseCore

@Suite("Normalizer: scale, offset, conversion, decimals, valid range")
struct NormalizerTests {
    static func point(
        unit: String? = nil, convertTo: String? = nil, scale: Double? = nil, offset: Double? = nil, decimals: Int? = nil, valid: ClosedRange<Double>? = nil
    ) -> PointConfig {
        PointConfig(
            name: "p", location: ConfigLocation(file: "f", line: 1, column: 1), source: .mqtt(json: nil, kind: .number),
            unit: unit.map { try! UnitCatalog.unit($0) }, scale: scale, offset: offset, validRange: valid,
            convertTo: convertTo.map { try! UnitCatalog.unit($0) }, decimals: decimals)
    }

    @Test func scaleThenOffset() {
        #expect(Normalizer(point: Self.point(scale: 0.1, offset: -40)).normalize(655) == .success(25.5))
    }

    @Test func scaledRegisterValuesCarryNoBinaryNoise() {
        let tenths = Normalizer(point: Self.point(scale: 0.1))
        #expect(tenths.normalize(254) == .success(25.4), "254 × 0.1 is 25.400000000000002 in binary arithmetic")
        #expect(tenths.normalize(-3) == .success(-0.3))
        #expect(Normalizer(point: Self.point(scale: 0.01, offset: 0.1)).normalize(20) == .success(0.3))
        #expect(Normalizer(point: Self.point(scale: 1e-9)).normalize(123_456_789) == .success(0.123456789))
        let precise = 3.5493093
        #expect(Normalizer(point: Self.point(scale: 1)).normalize(precise + 1e-15) == .success(precise + 1e-15), "unscaled values are not touched")
        #expect(Normalizer(point: Self.point(scale: 2)).normalize(1.234567890123) == .success(2.469135780246), "real digits are kept")
    }

    @Test func convertsFahrenheitToCelsiusAndRounds() {
        #expect(Normalizer(point: Self.point(unit: "degF", convertTo: "degC", decimals: 1)).normalize(77.3) == .success(25.2))
    }

    @Test func convertsWattHoursToKilowattHours() {
        #expect(Normalizer(point: Self.point(unit: "Wh", convertTo: "kWh", decimals: 3)).normalize(123_456) == .success(123.456))
    }

    @Test func validRangeAppliesToTheReportedValue() {
        let normalizer = Normalizer(point: Self.point(unit: "degF", convertTo: "degC", valid: -40...85))
        #expect(normalizer.normalize(212) == .failure(NormalizationFailure(reason: .outOfRange, detail: "100 is outside the valid range [-40, 85]")))
        #expect(normalizer.normalize(-40) == .success(-40))
    }

    @Test func infinitiesAndNaNAreRejected() {
        let normalizer = Normalizer(point: Self.point())
        #expect(normalizer.normalize(.nan) == .failure(NormalizationFailure(reason: .notFinite, detail: "the value is nan")))
        #expect(normalizer.normalize(.infinity) == .failure(NormalizationFailure(reason: .notFinite, detail: "the value is inf")))
        #expect(Normalizer(point: Self.point(scale: 1e308)).normalize(1e10) == .failure(NormalizationFailure(reason: .notFinite, detail: "10000000000.0 scales to inf")))
    }

    @Test func roundsHalfAwayFromZero() {
        let normalizer = Normalizer(point: Self.point(decimals: 0))
        #expect(normalizer.normalize(2.5) == .success(3))
        #expect(normalizer.normalize(-2.5) == .success(-3))
    }
}
