import Testing

@testable import EdgewiseCore

@Suite("Rule engine: min_on, min_off and cooldown defer, never lose")
struct RuleEngineAntiShortCycleTests {
    static func cool(minOn: String? = nil, minOff: String? = nil, cooldown: String? = nil, until: String? = nil) -> RuleConfig {
        RuleHarness.rule(
            "cool", when: "air.temperature > 26", until: until, then: ["write hvac.cooling = on"], onClear: ["write hvac.cooling = off"],
            minOn: minOn, minOff: minOff, cooldown: cooldown)
    }

    @Test func aClearBeforeMinOnIsDeferredUntilMinOnHasPassed() {
        var harness = RuleHarness([Self.cool(minOn: "5m")])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 20, at: "1m")
        #expect(harness.take() == ["0s RuleTriggered cool", "0s write hvac.cooling = true"])
        #expect(harness.phases["cool"] == .clearDeferred(
            activeSince: RuleHarness.start, requestedAt: RuleHarness.start + .seconds(60), until: RuleHarness.start + .seconds(300)))
        #expect(harness.engine.nextWakeUp == RuleHarness.start + .seconds(300))
        harness.advance(to: "10m")
        #expect(harness.take() == ["5m RuleCleared cool", "5m write hvac.cooling = false"])
        #expect(harness.reasons.last == "condition no longer holds; deferred 4m by min_on")
    }

    @Test func aDeferredClearIsDroppedWhenTheTriggerConditionHoldsAgain() {
        var harness = RuleHarness([Self.cool(minOn: "5m")])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 20, at: "1m")
        harness.read("air.temperature", 28, at: "2m")
        harness.advance(to: "10m")
        #expect(harness.take() == ["0s RuleTriggered cool", "0s write hvac.cooling = true"])
        #expect(harness.phases["cool"] == .active(since: RuleHarness.start))
        // min_on has passed: the next clear happens at once.
        harness.read("air.temperature", 20, at: "11m")
        #expect(harness.take() == ["11m RuleCleared cool", "11m write hvac.cooling = false"])
    }

    @Test func aValueInsideTheHysteresisBandDoesNotDropADeferredClear() {
        var harness = RuleHarness([Self.cool(minOn: "5m", until: "air.temperature < 24")])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 23, at: "1m")
        harness.read("air.temperature", 25, at: "2m")
        harness.advance(to: "10m")
        #expect(harness.take() == ["0s RuleTriggered cool", "0s write hvac.cooling = true", "5m RuleCleared cool", "5m write hvac.cooling = false"])
        #expect(harness.reasons.last == "until condition met; deferred 4m by min_on")
    }

    @Test func aTriggerBeforeMinOffIsDeferredUntilMinOffHasPassed() {
        var harness = RuleHarness([Self.cool(minOff: "3m")])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 20, at: "1m")
        harness.read("air.temperature", 27, at: "2m")
        #expect(harness.phases["cool"] == .triggerDeferred(requestedAt: RuleHarness.start + .seconds(120), until: RuleHarness.start + .seconds(240)))
        harness.advance(to: "10m")
        #expect(harness.take() == [
            "0s RuleTriggered cool", "0s write hvac.cooling = true", "1m RuleCleared cool", "1m write hvac.cooling = false",
            "4m RuleTriggered cool", "4m write hvac.cooling = true",
        ])
        #expect(harness.reasons.last == "condition met; deferred 2m by min_off")
    }

    @Test func aDeferredTriggerIsDroppedWhenTheClearConditionHoldsAgain() {
        var harness = RuleHarness([Self.cool(minOff: "3m")])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 20, at: "1m")
        harness.read("air.temperature", 27, at: "2m")
        harness.read("air.temperature", 20, at: "3m")
        harness.advance(to: "10m")
        #expect(harness.take() == ["0s RuleTriggered cool", "0s write hvac.cooling = true", "1m RuleCleared cool", "1m write hvac.cooling = false"])
        #expect(harness.phases["cool"] == .idle)
    }

    @Test func aDeferredTriggerSurvivesValuesInsideTheHysteresisBand() {
        var harness = RuleHarness([Self.cool(minOff: "3m", until: "air.temperature < 24")])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 20, at: "1m")
        harness.read("air.temperature", 27, at: "2m")
        harness.read("air.temperature", 25, at: "3m")
        harness.advance(to: "10m")
        #expect(harness.take().suffix(2) == ["4m RuleTriggered cool", "4m write hvac.cooling = true"])
    }

    @Test func forStillCountsFromTheConditionNotFromTheEndOfMinOff() {
        var harness = RuleHarness([RuleHarness.rule(
            "cool", when: "air.temperature > 26", for: "30s", then: ["emit On"], onClear: ["emit Off"], minOff: "3m")])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 20, at: "1m")
        harness.read("air.temperature", 27, at: "1m10s")
        harness.advance(to: "10m")
        #expect(harness.take() == [
            "30s RuleTriggered cool", "30s emit On", "1m RuleCleared cool", "1m emit Off", "4m RuleTriggered cool", "4m emit On",
        ])
        #expect(harness.reasons.last == "condition held for 30s; deferred 2m20s by min_off")
    }

    @Test func cooldownIsTheLeastTimeBetweenTwoTriggers() {
        var harness = RuleHarness([Self.cool(cooldown: "5m")])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 20, at: "10s")
        harness.read("air.temperature", 27, at: "20s")
        harness.advance(to: "10m")
        #expect(harness.take() == [
            "0s RuleTriggered cool", "0s write hvac.cooling = true", "10s RuleCleared cool", "10s write hvac.cooling = false",
            "5m RuleTriggered cool", "5m write hvac.cooling = true",
        ])
        #expect(harness.reasons.last == "condition met; deferred 4m40s by cooldown")
    }

    @Test func whicheverOfMinOffAndCooldownEndsLaterDecides() {
        var harness = RuleHarness([Self.cool(minOff: "3m", cooldown: "2m")])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 20, at: "1m")
        harness.read("air.temperature", 27, at: "1m30s")
        harness.advance(to: "10m")
        #expect(harness.take().suffix(2) == ["4m RuleTriggered cool", "4m write hvac.cooling = true"])
        #expect(harness.reasons.last == "condition met; deferred 2m30s by min_off")
    }

    @Test func aTriggerAfterMinOffHasPassedIsImmediate() {
        var harness = RuleHarness([Self.cool(minOn: "5m", minOff: "3m")])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("air.temperature", 20, at: "6m")
        harness.read("air.temperature", 27, at: "9m")
        #expect(harness.take() == [
            "0s RuleTriggered cool", "0s write hvac.cooling = true", "6m RuleCleared cool", "6m write hvac.cooling = false",
            "9m RuleTriggered cool", "9m write hvac.cooling = true",
        ])
    }

    @Test func lastTriggeredAndLastClearedAreInTheStatus() {
        var harness = RuleHarness([Self.cool()])
        harness.read("air.temperature", 27, at: "1s")
        harness.read("air.temperature", 20, at: "2s")
        let status = harness.engine.status()[0]
        #expect(status.lastTriggered == RuleHarness.start + .seconds(1))
        #expect(status.lastCleared == RuleHarness.start + .seconds(2))
    }
}
