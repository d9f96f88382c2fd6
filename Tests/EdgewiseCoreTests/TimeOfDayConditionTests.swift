import Testing

@testable import EdgewiseCore

@Suite("Time of day and weekday conditions in the engine, in the gateway's zone")
struct TimeOfDayConditionTests {
    static let lights = RuleHarness.rule("lights", when: "between 07:00 and 19:00", then: ["publish lights/set ON"], onClear: ["publish lights/set OFF"])

    @Test func aDaytimeRuleTurnsOnAndOffAtTheEdges() {
        var harness = RuleHarness([Self.lights], startingAt: "6h")
        harness.advance(to: "6h")
        #expect(harness.engine.nextWakeUp == RuleHarness.start + .seconds(7 * 3_600))
        harness.advance(to: "1d")
        #expect(harness.take() == ["7h RuleTriggered lights", "7h publish lights/set ON", "19h RuleCleared lights", "19h publish lights/set OFF"])
    }

    @Test func startingInsideTheRangeTriggersAtStart() {
        var harness = RuleHarness([Self.lights], startingAt: "12h")
        harness.advance(to: "12h")
        #expect(harness.take() == ["12h RuleTriggered lights", "12h publish lights/set ON"])
    }

    @Test func aRangeAcrossMidnightHoldsFromItsStartToItsEndNextMorning() {
        let night = RuleHarness.rule("night", when: "between 22:00 and 06:00", then: ["emit Night"], onClear: ["emit Day"])
        var harness = RuleHarness([night], startingAt: "21h")
        harness.advance(to: "2d")
        #expect(harness.take() == [
            "22h RuleTriggered night", "22h emit Night", "1d6h RuleCleared night", "1d6h emit Day", "1d22h RuleTriggered night", "1d22h emit Night",
        ])
    }

    @Test func aFixedOffsetZoneShiftsTheEdges() {
        var harness = RuleHarness([Self.lights], timeZone: .fixed(offset: .seconds(3_600)), startingAt: "1h")
        harness.advance(to: "1d")
        #expect(harness.take() == ["6h RuleTriggered lights", "6h publish lights/set ON", "18h RuleCleared lights", "18h publish lights/set OFF"])
    }

    @Test func aNegativeOffsetZoneWorksToo() {
        var harness = RuleHarness([Self.lights], timeZone: .fixed(offset: .seconds(-5 * 3_600)), startingAt: "1h")
        harness.advance(to: "1d")
        // 07:00 and 19:00 at UTC-5 are 12:00 and 00:00 UTC.
        #expect(harness.take() == ["12h RuleTriggered lights", "12h publish lights/set ON", "1d RuleCleared lights", "1d publish lights/set OFF"])
    }

    @Test func weekendsFromSaturdayMidnightToMondayMidnight() {
        // The virtual clock starts on Monday 2026-01-05.
        let weekend = RuleHarness.rule("weekend", when: "weekday in [sat, sun]", then: ["emit Weekend"], onClear: ["emit Workweek"])
        var harness = RuleHarness([weekend])
        harness.advance(to: "8d")
        #expect(harness.take() == ["5d RuleTriggered weekend", "5d emit Weekend", "7d RuleCleared weekend", "7d emit Workweek"])
    }

    @Test func weekdayUsesTheLocalDate() {
        let monday = RuleHarness.rule("monday", when: "weekday in [mon]", then: ["emit Monday"], onClear: ["emit NotMonday"])
        // At 2026-01-04T23:30Z it is already Monday in UTC+1.
        var harness = RuleHarness([monday], timeZone: .fixed(offset: .seconds(3_600)), startingAt: "0s")
        harness.advance(to: "2d")
        #expect(harness.take() == ["0s RuleTriggered monday", "0s emit Monday", "23h RuleCleared monday", "23h emit NotMonday"])
    }

    @Test func calendarAndDataConditionsCombine() {
        let heat = RuleHarness.rule(
            "office-heat", when: "weekday in [mon-fri] and between 07:00 and 18:00 and room.temp < 20", then: ["write hvac.heating = on"],
            onClear: ["write hvac.heating = off"])
        var harness = RuleHarness([heat], startingAt: "6h")
        harness.read("room.temp", 18, at: "6h")
        harness.advance(to: "1d")
        #expect(harness.take() == ["7h RuleTriggered office-heat", "7h write hvac.heating = true", "18h RuleCleared office-heat", "18h write hvac.heating = false"])
    }

    @Test func forCountsFromTheEdge() {
        let late = RuleHarness.rule("late", when: "between 22:00 and 06:00 and room.occupied", for: "15m", then: ["emit StillHere"])
        var harness = RuleHarness([late], startingAt: "21h")
        harness.read("room.occupied", true, at: "21h")
        harness.advance(to: "1d")
        #expect(harness.take() == ["22h15m RuleTriggered late", "22h15m emit StillHere"])
    }

    /// Europe/Amsterdam in 2026: UTC+1, summer time (UTC+2) from 2026-03-29T01:00Z.
    static let amsterdam = RuleTimeZone(initialOffset: .seconds(3_600), transitions: [
        .init(time: Timestamp(epochMilliseconds: 1_774_746_000_000), offset: .seconds(7_200)),
        .init(time: Timestamp(epochMilliseconds: 1_792_890_000_000), offset: .seconds(3_600)),
    ])

    @Test func edgesFollowADaylightSavingTransition() {
        // Start on Saturday 2026-03-28 at 12:00Z.
        let saturdayNoon = Timestamp(epochMilliseconds: 1_774_699_200_000)
        var engine = RuleEngine(rules: [Self.lights], devices: RuleHarness.devices, timeZone: Self.amsterdam, now: saturdayNoon)
        var output = RuleOutput()
        engine.advance(to: saturdayNoon + .seconds(2 * 86_400), into: &output)
        #expect(output.events.map { "\($0.name) \($0.time)" } == [
            "RuleTriggered 2026-03-28T12:00:00.000Z",  // 13:00 local, inside the range at start
            "RuleCleared 2026-03-28T18:00:00.000Z",  // 19:00 CET
            "RuleTriggered 2026-03-29T05:00:00.000Z",  // 07:00 CEST
            "RuleCleared 2026-03-29T17:00:00.000Z",  // 19:00 CEST
            "RuleTriggered 2026-03-30T05:00:00.000Z",
        ])
    }

    @Test func theTimeZoneTableGivesOffsetsAndTransitions() {
        let zone = Self.amsterdam
        let transition = Timestamp(epochMilliseconds: 1_774_746_000_000)
        #expect(zone.offset(at: transition - .milliseconds(1)) == .seconds(3_600))
        #expect(zone.offset(at: transition) == .seconds(7_200))
        #expect(zone.nextTransition(after: transition - .milliseconds(1)) == transition)
        #expect(zone.nextTransition(after: transition) == Timestamp(epochMilliseconds: 1_792_890_000_000))
        #expect(zone.nextTransition(after: Timestamp(epochMilliseconds: 1_792_890_000_000)) == nil)
        #expect(RuleTimeZone.utc.localTime(at: Timestamp(epochMilliseconds: -1)) == LocalTime(daysSinceEpoch: -1, millisecondOfDay: 86_399_999))
        #expect(RuleTimeZone.utc.localTime(at: RuleHarness.start).weekday == .monday)
    }
}
