import Testing

@testable import EdgewiseCore

/// Two rules writing `hvac.setpoint`: `comfort` (priority 0) and `away` (priority 10).
@Suite("Rule engine: priority decides which active rule's write a point gets")
struct RuleEnginePriorityTests {
    static let comfort = RuleHarness.rule(
        "comfort", when: "room.temp < 20", then: ["write hvac.setpoint = 21"], onClear: ["write hvac.setpoint = 19"])
    static let away = RuleHarness.rule(
        "away", when: "room.occupied == off", then: ["write hvac.setpoint = 16"], onClear: ["write hvac.setpoint = 18"], priority: 10)

    @Test func aHigherPriorityRuleOverridesALowerOneThatIsActive() {
        var harness = RuleHarness([Self.comfort, Self.away])
        harness.read("room.temp", 18, at: "0s")
        harness.read("room.occupied", false, at: "1m")
        #expect(harness.take() == ["0s RuleTriggered comfort", "0s write hvac.setpoint = 21", "1m RuleTriggered away", "1m write hvac.setpoint = 16"])
    }

    @Test func aLowerPriorityRuleTriggeringWhileAHigherOneHoldsThePointWritesNothing() {
        var harness = RuleHarness([Self.comfort, Self.away])
        harness.read("room.occupied", false, at: "0s")
        harness.read("room.temp", 18, at: "1m")
        #expect(harness.take() == ["0s RuleTriggered away", "0s write hvac.setpoint = 16", "1m RuleTriggered comfort"])
        #expect(harness.notices.map(\.description) == [
            "rule 'comfort': write hvac.setpoint = 21 not made: rule 'away' (priority 10) holds hvac.setpoint"
        ])
    }

    @Test func whenTheWinnerClearsTheNextActiveRulesValueIsAppliedAgainInsteadOfTheClearValue() {
        var harness = RuleHarness([Self.comfort, Self.away])
        harness.read("room.occupied", false, at: "0s")
        harness.read("room.temp", 18, at: "1m")
        _ = harness.take()
        harness.read("room.occupied", true, at: "2m")
        #expect(harness.take() == ["2m RuleCleared away", "2m write hvac.setpoint = 21"])
        let reapplied = harness.actions.last!
        #expect(reapplied.rule == "comfort")
        #expect(reapplied.phase == .trigger)
        #expect(reapplied.priority == 0)
    }

    @Test func aLowerRuleClearingWhileAHigherOneHoldsThePointWritesNothing() {
        var harness = RuleHarness([Self.comfort, Self.away])
        harness.read("room.temp", 18, at: "0s")
        harness.read("room.occupied", false, at: "1m")
        _ = harness.take()
        harness.read("room.temp", 22, at: "2m")
        #expect(harness.take() == ["2m RuleCleared comfort"])
    }

    @Test func theLastRuleToClearWritesItsClearValue() {
        var harness = RuleHarness([Self.comfort, Self.away])
        harness.read("room.temp", 18, at: "0s")
        harness.read("room.occupied", false, at: "1m")
        harness.read("room.occupied", true, at: "2m")
        harness.read("room.temp", 22, at: "3m")
        #expect(harness.take().suffix(3) == ["2m write hvac.setpoint = 21", "3m RuleCleared comfort", "3m write hvac.setpoint = 19"])
    }

    @Test func equalPrioritiesAreDecidedByConfiguredOrder() {
        let first = RuleHarness.rule("first", when: "room.temp < 20", then: ["write hvac.setpoint = 21"])
        let second = RuleHarness.rule("second", when: "room.occupied", then: ["write hvac.setpoint = 23"])
        var harness = RuleHarness([first, second])
        harness.read("room.occupied", true, at: "0s")
        harness.read("room.temp", 18, at: "1m")
        #expect(harness.take() == ["0s RuleTriggered second", "0s write hvac.setpoint = 23", "1m RuleTriggered first", "1m write hvac.setpoint = 21"])
        var reversed = RuleHarness([second, first])
        reversed.read("room.occupied", true, at: "0s")
        reversed.read("room.temp", 18, at: "1m")
        #expect(reversed.take() == ["0s RuleTriggered second", "0s write hvac.setpoint = 23", "1m RuleTriggered first"])
    }

    @Test func rulesTriggeringAtTheSameInstantWriteOnlyTheWinnersValue() {
        let low = RuleHarness.rule("low", when: "room.temp > 24", then: ["write hvac.setpoint = 20"])
        let high = RuleHarness.rule("high", when: "room.temp > 22", then: ["write hvac.setpoint = 17"], priority: 5)
        var harness = RuleHarness([low, high])
        harness.read("room.temp", 25, at: "0s")
        #expect(harness.take() == ["0s RuleTriggered high", "0s write hvac.setpoint = 17", "0s RuleTriggered low"])
    }

    @Test func aWinnerClearingAsALoserTriggersWritesOnlyTheLosersValue() {
        let warm = RuleHarness.rule("warm", when: "room.temp > 26", then: ["write hvac.setpoint = 20"], onClear: ["write hvac.setpoint = 22"])
        let mild = RuleHarness.rule("mild", when: "room.temp <= 26", then: ["write hvac.setpoint = 16"], onClear: ["write hvac.setpoint = 18"], priority: 5)
        var harness = RuleHarness([warm, mild])
        harness.read("room.temp", 25, at: "0s")
        harness.read("room.temp", 27, at: "1m")
        #expect(harness.take() == ["0s RuleTriggered mild", "0s write hvac.setpoint = 16", "1m RuleCleared mild", "1m RuleTriggered warm", "1m write hvac.setpoint = 20"])
    }

    @Test func otherActionsAreNotArbitrated() {
        let low = RuleHarness.rule("low", when: "room.temp > 24", then: ["write hvac.setpoint = 20", "emit Warm"])
        let high = RuleHarness.rule("high", when: "room.occupied", then: ["write hvac.setpoint = 17", "publish hvac/mode eco"], priority: 5)
        var harness = RuleHarness([low, high])
        harness.read("room.occupied", true, at: "0s")
        harness.read("room.temp", 25, at: "1s")
        #expect(harness.take() == [
            "0s RuleTriggered high", "0s write hvac.setpoint = 17", "0s publish hvac/mode eco", "1s RuleTriggered low", "1s emit Warm",
        ])
    }

    @Test func rulesWritingDifferentPointsDoNotInterfere() {
        let cool = RuleHarness.rule("cool", when: "room.temp > 24", then: ["write hvac.cooling = on"], onClear: ["write hvac.cooling = off"])
        let heat = RuleHarness.rule("heat", when: "room.temp < 18", then: ["write hvac.heating = on"], onClear: ["write hvac.heating = off"], priority: 9)
        var harness = RuleHarness([cool, heat])
        harness.read("room.temp", 25, at: "0s")
        harness.read("room.temp", 17, at: "1m")
        #expect(harness.take() == [
            "0s RuleTriggered cool", "0s write hvac.cooling = true", "1m RuleTriggered heat", "1m write hvac.heating = true",
            "1m RuleCleared cool", "1m write hvac.cooling = false",
        ])
    }
}
