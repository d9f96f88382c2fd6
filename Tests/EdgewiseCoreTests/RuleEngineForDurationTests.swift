import Testing

@testable import EdgewiseCore

@Suite("Rule engine: for: — the condition must hold without a break")
struct RuleEngineForDurationTests {
    static let cool = RuleHarness.rule(
        "cool", when: "air.temperature > 26", for: "2m", then: ["write hvac.cooling = on"], onClear: ["write hvac.cooling = off"])

    @Test func triggersExactlyWhenTheConditionHasHeldForTheDuration() {
        var harness = RuleHarness([Self.cool])
        harness.read("air.temperature", 25, at: "0s")
        harness.read("air.temperature", 27, at: "10s")
        harness.advance(to: "2m9s")
        #expect(harness.take() == [])
        harness.advance(to: "2m10s")
        #expect(harness.take() == ["2m10s RuleTriggered cool", "2m10s write hvac.cooling = true"])
        #expect(harness.reasons == ["condition held for 2m"])
    }

    @Test func furtherTrueReadingsDoNotRestartTheCountdown() {
        var harness = RuleHarness([Self.cool])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 28, at: "1m")
        harness.read("air.temperature", 29, at: "1m59s")
        harness.advance(to: "5m")
        #expect(harness.take() == ["2m RuleTriggered cool", "2m write hvac.cooling = true"])
    }

    @Test func aFalseReadingBreaksTheCountdownAndTheNextTrueOneStartsItAgain() {
        var harness = RuleHarness([Self.cool])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 25, at: "1m")
        #expect(harness.phases["cool"] == .idle)
        harness.read("air.temperature", 27, at: "1m30s")
        harness.advance(to: "3m29s")
        #expect(harness.take() == [])
        harness.advance(to: "10m")
        #expect(harness.take() == ["3m30s RuleTriggered cool", "3m30s write hvac.cooling = true"])
    }

    @Test func aOneMinuteSpikeDoesNothing() {
        var harness = RuleHarness([Self.cool])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 25, at: "1m")
        harness.advance(to: "1h")
        #expect(harness.take() == [])
    }

    @Test func unknownDataBreaksTheCountdownEvenWithOnUnknownHold() {
        var harness = RuleHarness([Self.cool])
        harness.read("air.temperature", 27, at: "0s")
        harness.offline("air", at: "1m")
        #expect(harness.phases["cool"] == .idle)
        harness.online("air", at: "1m10s")
        harness.read("air.temperature", 27, at: "1m20s")
        harness.advance(to: "10m")
        #expect(harness.take() == ["3m20s RuleTriggered cool", "3m20s write hvac.cooling = true"])
    }

    @Test func thePendingPhaseSaysWhenTheRuleWillTrigger() {
        var harness = RuleHarness([Self.cool])
        harness.read("air.temperature", 27, at: "30s")
        #expect(harness.phases["cool"] == .pending(since: RuleHarness.start + .seconds(30), triggersAt: RuleHarness.start + .seconds(150)))
        #expect(harness.engine.nextWakeUp == RuleHarness.start + .seconds(150))
    }

    @Test func withoutForTheRuleTriggersOnTheReading() {
        var harness = RuleHarness([RuleHarness.rule("cool", when: "air.temperature > 26", then: ["write hvac.cooling = on"])])
        harness.read("air.temperature", 27, at: "7s")
        #expect(harness.take() == ["7s RuleTriggered cool", "7s write hvac.cooling = true"])
        #expect(harness.reasons == ["condition met"])
    }

    @Test func aCountdownEndingAtTheInstantOfAReadingFiresBeforeTheReadingIsSeen() {
        var harness = RuleHarness([Self.cool])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 20, at: "2m")
        #expect(harness.take() == [
            "2m RuleTriggered cool", "2m write hvac.cooling = true", "2m RuleCleared cool", "2m write hvac.cooling = false",
        ])
    }

    @Test func aZeroForIsTheSameAsNone() {
        var harness = RuleHarness([RuleHarness.rule("cool", when: "air.temperature > 26", for: "0s", then: ["emit Hot"])])
        harness.read("air.temperature", 27, at: "1s")
        #expect(harness.take() == ["1s RuleTriggered cool", "1s emit Hot"])
    }
}

@Suite("Rule engine: until: — a separate clear condition (hysteresis)")
struct RuleEngineHysteresisTests {
    static let band = RuleHarness.rule(
        "cool", when: "air.temperature > 26", until: "air.temperature < 24", then: ["write hvac.cooling = on"], onClear: ["write hvac.cooling = off"])

    @Test func valuesInsideTheBandChangeNothing() {
        var harness = RuleHarness([Self.band])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 25, at: "1m")
        harness.read("air.temperature", 24, at: "2m")
        harness.read("air.temperature", 23.9, at: "3m")
        harness.read("air.temperature", 25, at: "4m")
        harness.read("air.temperature", 26, at: "5m")
        harness.read("air.temperature", 26.5, at: "6m")
        #expect(harness.take() == [
            "0s RuleTriggered cool", "0s write hvac.cooling = true",
            "3m RuleCleared cool", "3m write hvac.cooling = false",
            "6m RuleTriggered cool", "6m write hvac.cooling = true",
        ])
        #expect(harness.reasons == ["condition met", "until condition met", "condition met"])
    }

    @Test func withoutUntilTheRuleClearsAsSoonAsWhenIsFalse() {
        var harness = RuleHarness([RuleHarness.rule(
            "cool", when: "air.temperature > 26", then: ["write hvac.cooling = on"], onClear: ["write hvac.cooling = off"])])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 26, at: "1m")
        #expect(harness.take() == ["0s RuleTriggered cool", "0s write hvac.cooling = true", "1m RuleCleared cool", "1m write hvac.cooling = false"])
        #expect(harness.reasons == ["condition met", "condition no longer holds"])
    }

    @Test func untilMayReadOtherPoints() {
        var harness = RuleHarness([RuleHarness.rule(
            "dehumidify", when: "air.humidity > 80", until: "air.humidity < 60 or room.occupied", then: ["write hvac.fan = 3"],
            onClear: ["write hvac.fan = 0"])])
        harness.read("room.occupied", false, at: "0s")
        harness.read("air.humidity", 85, at: "1s")
        harness.read("air.humidity", 70, at: "2s")
        harness.read("room.occupied", true, at: "3s")
        #expect(harness.take() == ["1s RuleTriggered dehumidify", "1s write hvac.fan = 3", "3s RuleCleared dehumidify", "3s write hvac.fan = 0"])
    }

    @Test func theWhenConditionDoesNotMatterWhileActiveWhenUntilIsGiven() {
        var harness = RuleHarness([Self.band])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 20, at: "1s")
        harness.read("air.temperature", 30, at: "2s")
        #expect(harness.take().count == 6)
        #expect(harness.phases["cool"] == .active(since: RuleHarness.start + .seconds(2)))
    }
}
