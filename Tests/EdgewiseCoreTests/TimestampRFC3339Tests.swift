import EdgewiseTesting
import Testing

@testable import EdgewiseCore

@Suite("Timestamps as RFC 3339 text")
struct TimestampRFC3339Tests {
    @Test("formatting", arguments: [
        (0, "1970-01-01T00:00:00.000Z"), (1_763_924_700_123, "2025-11-23T19:05:00.123Z"),
        (1_795_460_700_123, "2026-11-23T19:05:00.123Z"), (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (946_684_799_999, "1999-12-31T23:59:59.999Z"), (-1, "1969-12-31T23:59:59.999Z"), (-86_400_000, "1969-12-31T00:00:00.000Z"),
        (-2_208_988_800_000, "1900-01-01T00:00:00.000Z"), (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
        (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"), (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (7_258_118_400_000, "2200-01-01T00:00:00.000Z"), (4_107_456_000_000, "2100-02-28T00:00:00.000Z"), (4_107_542_400_000, "2100-03-01T00:00:00.000Z"),
        (253_402_300_800_000, "10000-01-01T00:00:00.000Z"), (-62_167_219_200_001, "-0001-12-31T23:59:59.999Z"),
    ] as [(Int64, String)])
    func formats(milliseconds: Int64, text: String) {
        let timestamp = Timestamp(epochMilliseconds: milliseconds)
        #expect(timestamp.rfc3339 == text)
        var bytes = Array("at ".utf8)
        timestamp.appendRFC3339(to: &bytes)
        #expect(bytes == Array("at \(text)".utf8))
    }

    @Test func formatsTheExtremes() {
        #expect(Timestamp(epochMilliseconds: .max).rfc3339 == "292278994-08-17T07:12:55.807Z")
        #expect(Timestamp(epochMilliseconds: .min).rfc3339 == "-292275055-05-16T16:47:04.192Z")
    }

    @Test("parsing", arguments: [
        ("2025-11-23T19:05:00.123Z", 1_763_924_700_123), ("2025-11-23T19:05:00Z", 1_763_924_700_000),
        ("2025-11-23t19:05:00z", 1_763_924_700_000), ("2025-11-23 19:05:00Z", 1_763_924_700_000),
        ("2025-11-23T20:05:00+01:00", 1_763_924_700_000), ("2025-11-23T13:35:00-05:30", 1_763_924_700_000),
        ("2025-11-24T04:05:00+09:00", 1_763_924_700_000), ("2025-11-23T19:05:00-00:00", 1_763_924_700_000),
        ("2025-11-23T19:05:00+00:00", 1_763_924_700_000), ("2025-11-23T19:05:00.1Z", 1_763_924_700_100),
        ("2025-11-23T19:05:00.12Z", 1_763_924_700_120), ("2025-11-23T19:05:00.123456789Z", 1_763_924_700_123),
        ("2025-11-23T19:05:00.9999999999999999999999Z", 1_763_924_700_999), ("2000-02-29T00:00:00Z", 951_782_400_000),
        ("1969-12-31T23:59:59.999Z", -1), ("1900-01-01T00:00:00Z", -2_208_988_800_000), ("0000-01-01T00:00:00Z", -62_167_219_200_000),
        ("9999-12-31T23:59:59.999Z", 253_402_300_799_999), ("2016-12-31T23:59:60Z", 1_483_228_800_000),
        ("2026-01-01T00:30:00+01:00", 1_767_223_800_000), ("1970-01-01T00:00:00.5-23:59", 86_340_500),
    ] as [(String, Int64)])
    func parses(text: String, milliseconds: Int64) {
        #expect(Timestamp.parseRFC3339(text) == Timestamp(epochMilliseconds: milliseconds))
        #expect(Timestamp.parseRFC3339("[\(text)]".dropFirst().dropLast()) == Timestamp(epochMilliseconds: milliseconds))
    }

    @Test("rejected", arguments: [
        "", "2025", "2025-11-23", "2025-11-23T19:05:00", "2025-11-23T19:05Z", "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z",
        "2025-02-29T00:00:00Z", "2025-02-30T00:00:00Z", "2024-02-30T00:00:00Z", "1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
        "2025-04-31T00:00:00Z", "2025-11-00T00:00:00Z", "2025-11-23T25:00:00Z", "2025-11-23T24:00:00Z",
        "2025-11-23T19:60:00Z", "2025-11-23T19:05:61Z", "2025-11-23T19:05:00.Z", "2025-11-23T19:05:00.123",
        "2025-11-23T19:05:00+0100", "2025-11-23T19:05:00+1:00", "2025-11-23T19:05:00+24:00", "2025-11-23T19:05:00+01:60",
        "2025-11-23T19:05:00ZZ", "2025-11-23T19:05:00Z ", " 2025-11-23T19:05:00Z", "2025-11-23X19:05:00Z", "25-11-23T19:05:00Z",
        "+2025-11-23T19:05:00Z", "2025-1-23T19:05:00Z", "2025-11-23T9:05:00Z", "2025-11-23T19:05:00,123Z", "２０２５-11-23T19:05:00Z",
        "2025-11-23T19:05:00.12a3Z", "2025/11/23T19:05:00Z", "2025-11-23T19:05:00UTC",
    ])
    func rejects(text: String) {
        #expect(Timestamp.parseRFC3339(text) == nil)
    }

    @Test func randomInstantsFrom1970To2200RoundTrip() {
        var random = SeededRandom(seed: 3339)
        let range: ClosedRange<Int64> = 0...7_258_118_399_999
        for _ in 0..<50_000 {
            let timestamp = Timestamp(epochMilliseconds: Int64.random(in: range, using: &random))
            #expect(Timestamp.parseRFC3339(timestamp.rfc3339) == timestamp, "\(timestamp.epochMilliseconds)")
        }
    }

    @Test func randomInstantsAcrossYears0To9999RoundTrip() {
        var random = SeededRandom(seed: 1)
        for _ in 0..<20_000 {
            let timestamp = Timestamp(epochMilliseconds: Int64.random(in: -62_167_219_200_000...253_402_300_799_999, using: &random))
            #expect(Timestamp.parseRFC3339(timestamp.rfc3339) == timestamp, "\(timestamp.epochMilliseconds)")
        }
    }

    @Test func everyDayFrom1600To2400MatchesACountedCalendar() {
        // Walk the calendar day by day, counting with the leap-year rule, and compare.
        var days = CivilDate(year: 1600, month: 1, day: 1).daysSinceEpoch
        for year in Int64(1600)...2400 {
            for month in Int64(1)...12 {
                for day in 1...CivilDate.daysInMonth(month, of: year) {
                    let date = CivilDate(year: year, month: month, day: day)
                    #expect(date.daysSinceEpoch == days)
                    #expect(CivilDate(daysSinceEpoch: days) == date)
                    days += 1
                }
            }
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
    }

    @Test("leap years", arguments: [(2000, true), (2024, true), (2025, false), (1900, false), (2100, false), (2400, true)] as [(Int64, Bool)])
    func leapYears(year: Int64, isLeap: Bool) {
        #expect(CivilDate.isLeapYear(year) == isLeap)
        #expect((Timestamp.parseRFC3339("\(year)-02-29T12:00:00Z") != nil) == isLeap)
    }
}
