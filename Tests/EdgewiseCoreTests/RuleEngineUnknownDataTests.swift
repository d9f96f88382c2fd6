import Testing

@testable import EdgewiseCore

@Suite("Rule engine: unknown data and on_unknown")
struct RuleEngineUnknownDataTests {
    static func heat(_ policy: UnknownDataPolicy, minOn: String? = nil) -> RuleConfig {
        RuleHarness.rule(
            "heat", when: "air.temperature < 15", until: "air.temperature > 18", then: ["write hvac.heating = on"],
            onClear: ["write hvac.heating = off"], minOn: minOn, onUnknown: policy)
    }

    @Test func holdKeepsAnActiveRuleActiveWhileItsDeviceIsOffline() {
        var harness = RuleHarness([Self.heat(.hold)])
        harness.read("air.temperature", 12, at: "0s")
        harness.offline("air", at: "1m")
        harness.advance(to: "1h")
        #expect(harness.take() == ["0s RuleTriggered heat", "0s write hvac.heating = true"])
        #expect(harness.phases["heat"] == .active(since: RuleHarness.start))
        harness.read("air.temperature", 19, at: "1h")
        #expect(harness.take() == ["1h RuleCleared heat", "1h write hvac.heating = false"])
    }

    @Test func holdKeepsAnIdleRuleIdle() {
        var harness = RuleHarness([Self.heat(.hold)])
        harness.read("air.temperature", 20, at: "0s")
        harness.offline("air", at: "1m")
        harness.advance(to: "1h")
        #expect(harness.take() == [])
    }

    @Test func clearFailsSafeWhenTheDeviceGoesOffline() {
        var harness = RuleHarness([Self.heat(.clear)])
        harness.read("air.temperature", 12, at: "0s")
        harness.offline("air", at: "1m")
        #expect(harness.take() == ["0s RuleTriggered heat", "0s write hvac.heating = true", "1m RuleCleared heat", "1m write hvac.heating = false"])
        #expect(harness.reasons.last == "data unknown: air offline (on_unknown: clear)")
        #expect(harness.events.last?.data == .ruleCleared(RuleEventData(
            rule: "heat", reason: "data unknown: air offline (on_unknown: clear)", values: [.init(point: "air.temperature", value: nil)])))
    }

    @Test func clearStillRespectsMinOn() {
        var harness = RuleHarness([Self.heat(.clear, minOn: "5m")])
        harness.read("air.temperature", 12, at: "0s")
        harness.offline("air", at: "1m")
        harness.advance(to: "10m")
        #expect(harness.take().suffix(2) == ["5m RuleCleared heat", "5m write hvac.heating = false"])
        #expect(harness.reasons.last == "data unknown: air offline (on_unknown: clear); deferred 4m by min_on")
    }

    @Test func clearDoesNothingToAnIdleRule() {
        var harness = RuleHarness([Self.heat(.clear)])
        harness.read("air.temperature", 16, at: "0s")
        harness.offline("air", at: "1m")
        #expect(harness.take() == [])
    }

    @Test func triggerTriggersWhenTheDeviceGoesOffline() {
        var harness = RuleHarness([Self.heat(.trigger)])
        harness.read("air.temperature", 16, at: "0s")
        harness.offline("air", at: "1m")
        #expect(harness.take() == ["1m RuleTriggered heat", "1m write hvac.heating = true"])
        #expect(harness.reasons == ["data unknown: air offline (on_unknown: trigger)"])
        // Data returns: the rule is judged by it again.
        harness.read("air.temperature", 19, at: "2m")
        #expect(harness.take() == ["2m RuleCleared heat", "2m write hvac.heating = false"])
    }

    @Test func triggerIgnoresForBecauseThereIsNoConditionToWaitFor() {
        var rule = Self.heat(.trigger)
        rule.holdFor = .seconds(120)
        var harness = RuleHarness([rule])
        harness.read("air.temperature", 16, at: "0s")
        harness.offline("air", at: "1m")
        #expect(harness.take() == ["1m RuleTriggered heat", "1m write hvac.heating = true"])
    }

    @Test func pointsNotReportedYetAfterStartDoNotSetOffThePolicy() {
        let rule = RuleHarness.rule(
            "ventilate", when: "air.humidity > 80 and room.occupied", then: ["write hvac.fan = 3"], onUnknown: .trigger)
        var harness = RuleHarness([rule])
        harness.read("air.humidity", 85, at: "0s")
        harness.advance(to: "10m")
        #expect(harness.take() == [])
        harness.offline("room", at: "11m")
        #expect(harness.take() == ["11m RuleTriggered ventilate", "11m write hvac.fan = 3"])
    }

    @Test func falseAndUnknownIsFalseAndTrueOrUnknownIsTrue() {
        let either = RuleHarness.rule("either", when: "air.temperature > 26 or room.occupied", then: ["emit Either"])
        let both = RuleHarness.rule("both", when: "air.temperature > 26 and room.occupied", then: ["emit Both"], onUnknown: .trigger)
        var harness = RuleHarness([either, both])
        harness.read("room.occupied", false, at: "0s")
        harness.offline("air", at: "1s")
        #expect(harness.take() == [])  // false and unknown: false, so 'both' is not unknown and does not trigger
        harness.read("room.occupied", true, at: "2s")
        #expect(harness.take() == ["2s RuleTriggered either", "2s emit Either", "2s RuleTriggered both", "2s emit Both"])
        #expect(harness.reasons == ["condition met", "data unknown: air offline (on_unknown: trigger)"])
    }

    @Test func goingOfflineForgetsValuesSoThePointsAreUnknownUntilTheyReportAgain() {
        var harness = RuleHarness([Self.heat(.clear)])
        harness.read("air.temperature", 12, at: "0s")
        harness.read("air.humidity", 50, at: "0s")
        harness.offline("air", at: "1m")
        harness.online("air", at: "2m")
        #expect(harness.engine.state.values["air.temperature"] == nil)
        harness.advance(to: "3m")
        #expect(harness.take().count == 4)
        harness.read("air.temperature", 12, at: "3m")
        #expect(harness.take() == ["3m RuleTriggered heat", "3m write hvac.heating = true"])
    }

    @Test func aReadingBringsItsDeviceBackOnline() {
        var harness = RuleHarness([Self.heat(.hold)])
        harness.offline("air", at: "0s")
        harness.read("air.temperature", 12, at: "1m")
        #expect(harness.take() == ["1m RuleTriggered heat", "1m write hvac.heating = true"])
        #expect(harness.engine.state.offlineDevices.isEmpty)
    }

    @Test func offlineDevicesOfOtherRulesDoNotMatter() {
        var harness = RuleHarness([Self.heat(.clear)])
        harness.read("air.temperature", 12, at: "0s")
        harness.offline("room", at: "1m")
        #expect(harness.take() == ["0s RuleTriggered heat", "0s write hvac.heating = true"])
    }

    @Test func eventsShowUnknownValuesAsNil() {
        let rule = RuleHarness.rule("either", when: "air.temperature > 26 or room.occupied", then: ["emit Either"])
        var harness = RuleHarness([rule])
        harness.read("room.occupied", true, at: "0s")
        let data = RuleEventData(
            rule: "either", reason: "condition met", values: [.init(point: "air.temperature", value: nil), .init(point: "room.occupied", value: .boolean(true))])
        #expect(harness.events.map(\.data) == [.ruleTriggered(data), .emitted(data)])
    }
}
