import Testing

@testable import EdgewiseCore

@Suite("Durations as written in config files")
struct DurationSyntaxTests {
    @Test("accepted spellings", arguments: [
        ("500ms", 500), ("90s", 90_000), ("2m", 120_000), ("1h", 3_600_000), ("1d", 86_400_000),
        ("1h30m", 5_400_000), ("2m10s", 130_000), ("1.5s", 1_500), ("0s", 0), (" 30s ", 30_000), ("1m0s500ms", 60_500),
    ] as [(String, Int64)])
    func parsesDuration(text: String, milliseconds: Int64) throws {
        #expect(try DurationSyntax.parse(text) == .milliseconds(milliseconds))
    }

    @Test("rejected spellings say what is wrong and how to write it", arguments: [
        ("", "empty duration", "write a number with a unit, e.g. '30s' or '2m'"),
        ("90", "duration '90' has no unit", "write '90s' for seconds or '90ms' for milliseconds"),
        ("2min", "unknown duration unit 'min' in '2min'", "write '2m'"),
        ("2 minutes", "'2 minutes' is not a duration", "write '2m'"),
        ("5 s", "'5 s' is not a duration", "write '5s'"),
        ("3w", "unknown duration unit 'w' in '3w'", "use one of the units ms, s, m, h, d"),
        ("-5s", "duration '-5s' is negative", "durations are zero or more, e.g. '0s'"),
        ("10s1m", "duration '10s1m' lists its units out of order", "write the larger units first, e.g. '1h30m' or '2m10s'"),
        ("soon", "'soon' is not a duration", "write a number with a unit, e.g. '30s', '2m' or '1h30m'"),
        ("1.2.3s", "'1.2.3s' is not a duration", "write a number with a unit, e.g. '30s', '2m' or '1h30m'"),
    ])
    func rejectsDuration(text: String, message: String, hint: String) {
        #expect(throws: QuantitySyntaxError(message, hint: hint)) { try DurationSyntax.parse(text) }
    }

    @Test("formatting reads back to the same duration", arguments: [
        (Duration.milliseconds(130_000), "2m10s"), (.milliseconds(500), "500ms"), (.seconds(0), "0s"),
        (.seconds(90_061), "1d1h1m1s"),
    ])
    func formatsDuration(duration: Duration, text: String) throws {
        #expect(DurationSyntax.format(duration) == text)
        #expect(try DurationSyntax.parse(text) == duration)
    }
}
