import EdgewiseConfig
import EdgewiseCore
import EdgewiseTesting
import Testing

@Suite("Rule test cases run on a virtual clock")
struct RuleTestRunnerTests {
    @Test func everyCaseOfTheRepositoryExamplePasses() throws {
        let root = RepositoryPaths.root()
        let configuration = try #require(try ConfigLoader.load(directory: root).configuration)
        let loaded = try RuleTestLoader.load(directory: root, configuration: configuration)
        let runner = RuleTestRunner(rules: configuration.rules, devices: configuration.devices, timeZone: .utc)
        for testCase in loaded.files.flatMap(\.cases) {
            let result = runner.run(testCase)
            #expect(result.passed, "\(result.name)\n\(result.timeline().joined(separator: "\n"))")
        }
    }

    @Test func aCaseWithEverythingExpectedPasses() throws {
        let results = RuleTestFixture("""
            cases:
              - name: cools
                readings:
                  - {at: 0s, point: air.temperature, value: 27}
                  - {at: 3m, point: air.temperature, value: 23}
                expect:
                  - {at: 2m, event: RuleTriggered, rule: cool}
                  - {at: 2m, write: hvac.cooling = on}
                  - {at: 2m, emit: CoolingRequested}
                  - {at: 7m, event: RuleCleared}
                  - {at: 7m, write: hvac.cooling = off}
            """).run()
        #expect(results.map(\.passed) == [true])
        #expect(results[0].matched.count == 5)
    }

    @Test func anUnexpectedActionFailsTheCase() throws {
        let result = try #require(RuleTestFixture("""
            cases:
              - name: forgot the emit
                readings: [{at: 0s, point: air.temperature, value: 27}]
                expect:
                  - {at: 2m, event: RuleTriggered}
                  - {at: 2m, write: hvac.cooling = on}
            """).run().first)
        #expect(!result.passed)
        #expect(result.missing.isEmpty)
        #expect(result.unexpected.map(\.description) == ["emit CoolingRequested (cool)"])
    }

    @Test func theTimeMustMatchExactly() throws {
        let result = try #require(RuleTestFixture("""
            cases:
              - name: off by a second
                readings: [{at: 0s, point: air.temperature, value: 27}]
                expect:
                  - {at: 2m, event: RuleTriggered}
                  - {at: 2m1s, write: hvac.cooling = on}
                  - {at: 2m, emit: CoolingRequested}
            """).run().first)
        #expect(result.timeline() == [
            "      2m    event RuleTriggered (cool)",
            "      2m    emit CoolingRequested (cool)",
            "    + 2m    write hvac.cooling = on (cool)   produced, not expected",
            "    - 2m1s  write hvac.cooling = on          expected at rules/test1.test.yaml:6:9, not produced",
        ])
    }

    @Test func aValueOrRuleThatDiffersIsBothMissingAndUnexpected() throws {
        let result = try #require(RuleTestFixture("""
            cases:
              - name: wrong value
                readings: [{at: 0s, point: air.temperature, value: 27}]
                expect:
                  - {at: 2m, event: RuleTriggered, rule: alert}
                  - {at: 2m, write: hvac.cooling = off}
                  - {at: 2m, emit: CoolingRequested}
            """).run().first)
        #expect(result.missing.map(\.description) == ["event RuleTriggered (alert)", "write hvac.cooling = off"])
        #expect(result.unexpected.map(\.description) == ["event RuleTriggered (cool)", "write hvac.cooling = on (cool)"])
    }

    @Test func withoutRunForACaseRunsOnWhileATimerIsPending() throws {
        // The last step is at 1m; the for: countdown it leaves running ends at 2m and must be expected.
        let result = try #require(RuleTestFixture("""
            cases:
              - name: late trigger
                readings: [{at: 1m, point: air.temperature, value: 30}]
                expect: []
            """).run().first)
        #expect(result.unexpected.map { "\(DurationSyntax.format($0.at)) \($0)" } == [
            "3m event RuleTriggered (cool)", "3m write hvac.cooling = on (cool)", "3m emit CoolingRequested (cool)",
        ])
    }

    @Test func runForStopsTheClock() throws {
        let result = try #require(RuleTestFixture("""
            cases:
              - name: stops before the countdown ends
                run_for: 2m59s
                readings: [{at: 1m, point: air.temperature, value: 30}]
                expect: []
            """).run().first)
        #expect(result.passed)
    }

    @Test func publishPayloadsMatchWhenGivenAndAnyPayloadOtherwise() throws {
        let results = RuleTestFixture("""
            cases:
              - name: exact payload
                readings: [{at: 1m, point: air.door_open, value: true}]
                expect: [{at: 1m, event: RuleTriggered}, {at: 1m, publish: alerts/door, payload: "door open at 2026-01-05T00:01:00.000Z", rule: alert}]
              - name: any payload
                readings: [{at: 1m, point: air.door_open, value: true}]
                expect: [{at: 1m, event: RuleTriggered}, {at: 1m, publish: alerts/door}]
              - name: wrong payload
                readings: [{at: 1m, point: air.door_open, value: true}]
                expect: [{at: 1m, event: RuleTriggered}, {at: 1m, publish: alerts/door, payload: "door open"}]
            """).run()
        #expect(results.map(\.passed) == [true, true, false])
    }

    @Test func offlineAndOnlineStepsReachTheEngine() throws {
        let results = RuleTestFixture("""
            cases:
              - name: offline breaks the countdown
                readings:
                  - {at: 0s, point: air.temperature, value: 30}
                  - {at: 1m, offline: air}
                  - {at: 2m, online: air}
                expect: []
            """).run()
        #expect(results.map(\.passed) == [true])
    }

    @Test func timeOfDayRulesUseTheStartAndTheZone() throws {
        let rules = """
            rules:
              - name: lights
                when: between 07:00 and 19:00 and weekday in [mon-fri]
                then: [{publish: {topic: lights/set, payload: "ON"}}]
                on_clear: [{publish: {topic: lights/set, payload: "OFF"}}]
            """
        let tests = """
            cases:
              - name: on at seven in the morning, Amsterdam summer time
                start: 2026-06-01T06:00:00+02:00
                run_for: 14h
                expect:
                  - {at: 1h, event: RuleTriggered}
                  - {at: 1h, publish: lights/set, payload: "ON"}
                  - {at: 13h, event: RuleCleared}
                  - {at: 13h, publish: lights/set, payload: "OFF"}
            """
        let amsterdam = try #require(RuleTimeZone.iana("Europe/Amsterdam"))
        let results = RuleTestFixture(rules: rules, tests).run(timeZone: amsterdam)
        #expect(results.map(\.passed) == [true], "\(results.map { $0.timeline() })")
        // In UTC the same clock is two hours off.
        #expect(RuleTestFixture(rules: rules, tests).run(timeZone: .utc).map(\.passed) == [false])
    }

    @Test func theIANAZoneTableKnowsDaylightSavingTime() throws {
        let amsterdam = try #require(RuleTimeZone.iana("Europe/Amsterdam"))
        #expect(amsterdam.offset(at: Timestamp.parseRFC3339("2026-01-15T12:00:00Z")!) == .seconds(3_600))
        #expect(amsterdam.offset(at: Timestamp.parseRFC3339("2026-07-15T12:00:00Z")!) == .seconds(7_200))
        #expect(amsterdam.nextTransition(after: Timestamp.parseRFC3339("2026-01-15T12:00:00Z")!) == Timestamp.parseRFC3339("2026-03-29T01:00:00Z"))
        #expect(RuleTimeZone.iana("Mars/Olympus_Mons") == nil)
        #expect(RuleTimeZone.iana("UTC")?.transitions.isEmpty == true)
    }
}
