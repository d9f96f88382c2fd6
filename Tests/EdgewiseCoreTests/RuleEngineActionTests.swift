import Testing

@testable import EdgewiseCore

@Suite("Rule engine: actions, and the events rules produce")
struct RuleEngineActionTests {
    @Test func writeValuesAreEvaluatedWhenTheActionRuns() {
        let follow = RuleHarness.rule(
            "follow", when: "room.occupied", then: ["write hvac.setpoint = room.setpoint + 1"], onClear: ["write hvac.setpoint = room.setpoint - 2"])
        var harness = RuleHarness([follow])
        harness.read("room.setpoint", 21, at: "0s")
        harness.read("room.occupied", true, at: "1s")
        harness.read("room.setpoint", 23, at: "2s")
        harness.read("room.occupied", false, at: "3s")
        #expect(harness.take() == ["1s RuleTriggered follow", "1s write hvac.setpoint = 22", "3s RuleCleared follow", "3s write hvac.setpoint = 21"])
    }

    @Test func aWriteWhoseValueIsUnknownIsNotMadeAndSaysSo() {
        let follow = RuleHarness.rule("follow", when: "room.occupied", then: ["write hvac.setpoint = room.setpoint / 0", "emit Followed"])
        var harness = RuleHarness([follow])
        harness.read("room.occupied", true, at: "1s")
        #expect(harness.take() == ["1s RuleTriggered follow", "1s emit Followed"])
        #expect(harness.notices.map(\.message) == ["write hvac.setpoint = room.setpoint / 0 not made: the value is unknown"])
    }

    @Test func actionsCarryTheRulePhaseTimeAndPriority() {
        let rule = RuleHarness.rule("cool", when: "air.temperature > 26", then: ["write hvac.cooling = on"], onClear: ["write hvac.cooling = off"], priority: 7)
        var harness = RuleHarness([rule])
        harness.read("air.temperature", 27, at: "1s")
        harness.read("air.temperature", 20, at: "2s")
        #expect(harness.actions == [
            RuleActionRequest(rule: "cool", phase: .trigger, action: .write(device: "hvac", point: "cooling", value: .boolean(true)), time: RuleHarness.start + .seconds(1), priority: 7),
            RuleActionRequest(rule: "cool", phase: .clear, action: .write(device: "hvac", point: "cooling", value: .boolean(false)), time: RuleHarness.start + .seconds(2), priority: 7),
        ])
    }

    @Test func publishRendersRuleTimeAndCurrentValues() {
        let alert = RuleHarness.rule("alert", when: "air.temperature > 30", then: [#"publish alerts/greenhouse {{"rule": "{rule}", "at": "{time}", "t": {air.temperature}, "h": {air.humidity}}}"#])
        var harness = RuleHarness([alert])
        harness.read("air.temperature", 31.5, at: "1m")
        #expect(harness.actions.map(\.action) == [
            .publish(topic: "alerts/greenhouse", payload: #"{"rule": "alert", "at": "2026-01-05T00:01:00.000Z", "t": 31.5, "h": null}"#, retain: false)
        ])
    }

    @Test func emitRaisesTheCustomEventWithTheRulesReasonAndValues() {
        let rule = RuleHarness.rule("cool", when: "air.temperature > 26 and air.humidity < 90 and air.temperature < 40", then: ["emit CoolingRequested"], onClear: ["emit CoolingDone"])
        var harness = RuleHarness([rule])
        harness.read("air.humidity", 50, at: "0s")
        harness.read("air.temperature", 27, at: "1s")
        let data = RuleEventData(
            rule: "cool", reason: "condition met", values: [.init(point: "air.temperature", value: .number(27)), .init(point: "air.humidity", value: .number(50))])
        #expect(harness.events == [
            DomainEvent(.ruleTriggered, time: RuleHarness.start + .seconds(1), device: nil, data: .ruleTriggered(data)),
            DomainEvent(EventName("CoolingRequested"), time: RuleHarness.start + .seconds(1), device: nil, data: .emitted(data)),
        ])
        #expect(harness.actions.map(\.action) == [.emit(EventName("CoolingRequested"))])
    }

    @Test func ruleEventsListThePointsOfUntilToo() {
        let rule = RuleHarness.rule("cool", when: "air.temperature > 26", until: "air.temperature < 24 or room.occupied", then: ["emit On"])
        var harness = RuleHarness([rule])
        harness.read("air.temperature", 27, at: "0s")
        guard case .ruleTriggered(let data) = harness.events.first?.data else { Issue.record("no RuleTriggered"); return }
        #expect(data.values == [.init(point: "air.temperature", value: .number(27)), .init(point: "room.occupied", value: nil)])
    }

    @Test func actionsRunInTheOrderWritten() {
        let rule = RuleHarness.rule("many", when: "room.occupied", then: ["emit First", "write hvac.fan = 2", "publish lights/on ON", "emit Last"])
        var harness = RuleHarness([rule])
        harness.read("room.occupied", true, at: "0s")
        #expect(harness.take() == ["0s RuleTriggered many", "0s emit First", "0s write hvac.fan = 2", "0s publish lights/on ON", "0s emit Last"])
    }

    @Test func aRuleWithOnlyOnClearActionsStillTriggersAndClears() {
        let rule = RuleHarness.rule("door", when: "room.occupied", onClear: ["write hvac.fan = 0"])
        var harness = RuleHarness([rule])
        harness.read("room.occupied", true, at: "0s")
        harness.read("room.occupied", false, at: "1s")
        #expect(harness.take() == ["0s RuleTriggered door", "1s RuleCleared door", "1s write hvac.fan = 0"])
    }

    @Test func aReadingArrivingLaterThanItsTimeIsEvaluatedWhenItArrives() {
        var harness = RuleHarness([RuleHarness.rule("cool", when: "air.temperature > 26", for: "1m", then: ["emit On"])])
        var output = RuleOutput()
        harness.engine.accept(Reading(device: "air", point: "temperature", value: .number(27), time: RuleHarness.start), at: RuleHarness.start + .seconds(30), into: &output)
        harness.record(output)
        #expect(harness.phases["cool"] == .pending(since: RuleHarness.start + .seconds(30), triggersAt: RuleHarness.start + .seconds(90)))
    }

    @Test func timeNeverGoesBackwards() {
        var harness = RuleHarness([RuleHarness.rule("cool", when: "air.temperature > 26", then: ["emit On"])])
        harness.advance(to: "10m")
        harness.read("air.temperature", 27, at: "5m")
        #expect(harness.take() == ["10m RuleTriggered cool", "10m emit On"])
        #expect(harness.engine.now == RuleHarness.start + .seconds(600))
    }
}
