import EdgewiseCore
import Foundation
import Testing

@testable import EdgewiseConfig

/// The rule engine's zones come from the system's TZif files, read without Foundation; here they
/// are checked against Foundation's own (ICU) answer for the same zone and instant.
@Suite("Time zones read from tzdata agree with the system's")
struct TZifTimeZoneTests {
    static let zones = [
        "Europe/Amsterdam", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo",
        "Pacific/Apia", "Europe/Moscow", "Africa/Casablanca", "America/Santiago", "Pacific/Chatham", "UTC", "Etc/GMT+5",
    ]

    @Test(arguments: zones)
    func theOffsetMatchesFoundationEveryWeekFrom2000To2100(_ name: String) throws {
        let table = try #require(RuleTimeZone.iana(name))
        let reference = try #require(TimeZone(identifier: name))
        var mismatches: [String] = []
        // Every 7 days plus 1 h 13 min, so that samples drift through the hours of the day.
        var second: Int64 = 946_684_800
        while second < 4_102_444_800 {
            let expected = Int64(reference.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second))))
            let got = table.offset(at: Timestamp(epochMilliseconds: second * 1_000)).components.seconds
            if got != expected, mismatches.count < 5 { mismatches.append("\(second): \(got) ≠ \(expected)") }
            second += 7 * 86_400 + 4_380
        }
        #expect(mismatches.isEmpty, "\(name): \(mismatches)")
    }

    @Test func amsterdamChangesAtTheRightInstantsIn2026And2090() throws {
        let table = try #require(RuleTimeZone.iana("Europe/Amsterdam"))
        // 2026-03-29 01:00Z → +2 h, 2026-10-25 01:00Z → +1 h; 2090 comes from the footer rule.
        #expect(table.offset(at: Timestamp(epochMilliseconds: 1_774_746_000_000 - 1)) == .seconds(3_600))
        #expect(table.offset(at: Timestamp(epochMilliseconds: 1_774_746_000_000)) == .seconds(7_200))
        #expect(table.offset(at: Timestamp(epochMilliseconds: 1_792_890_000_000)) == .seconds(3_600))
        let march2090 = try #require(table.transitions.first { $0.time.epochMilliseconds >= 3_792_000_000_000 })
        #expect(march2090.offset == .seconds(7_200))
    }

    @Test func namesThatAreNotZonesAreRefused() {
        for name in ["", "Mars/Olympus_Mons", "../../etc/passwd", "/etc/localtime", "Europe/../Europe/Amsterdam", "Europe", "Europe/"] {
            #expect(RuleTimeZone.iana(name) == nil, "\(name)")
        }
    }

    @Test func posixRulesReadTheirOffsetsAndDates() throws {
        let rule = try #require(POSIXTimeZoneRule.parse("CET-1CEST,M3.5.0,M10.5.0/3"))
        #expect(rule.standardOffset == 3_600 && rule.daylightOffset == 7_200)
        let changes = rule.transitions(in: 2026)
        #expect(changes.map(\.time) == [1_774_746_000, 1_792_890_000])
        #expect(POSIXTimeZoneRule.parse("<+0530>-5:30")?.standardOffset == 19_800)
        #expect(POSIXTimeZoneRule.parse("EST5EDT,M3.2.0,M11.1.0")?.transitions(in: 2026).map(\.offset) == [-14_400, -18_000])
        #expect(POSIXTimeZoneRule.parse("CET-1CEST") == nil, "daylight time without its dates is not read")
        #expect(POSIXTimeZoneRule.parse("nonsense") == nil)
    }

    @Test func aDamagedFileIsNotAZone() {
        #expect(throws: TZifZone.FormatError.self) { try TZifZone.parse(Array("TZif2 but short".utf8)) }
        #expect(throws: TZifZone.FormatError.self) { try TZifZone.parse(Array(repeating: 0, count: 100)) }
    }
}
