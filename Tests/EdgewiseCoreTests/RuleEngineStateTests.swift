import Testing

@testable import EdgewiseCore

@Suite("Rule engine: restart from saved state and reload with a new configuration")
struct RuleEngineStateTests {
    static let cool = RuleHarness.rule(
        "cool", when: "air.temperature > 26", for: "2m", until: "air.temperature < 24", then: ["write hvac.cooling = on"],
        onClear: ["write hvac.cooling = off"], minOn: "5m", minOff: "3m")

    /// The state through its JSON form, as a restart sees it.
    static func saved(_ harness: RuleHarness) throws -> RuleEngineState {
        try RuleEngineState.decode(json: harness.engine.state.encodedJSON())
    }

    static func restarted(_ rules: [RuleConfig], from state: RuleEngineState, at offset: String) -> RuleHarness {
        RuleHarness(rules, state: state, startingAt: offset)
    }

    @Test func aForCountdownResumesWhereItStoodAndThePauseDoesNotCount() throws {
        var before = RuleHarness([Self.cool])
        for second in stride(from: 0, through: 90, by: 10) { before.read("air.temperature", 27, at: "\(second)s") }
        // Stopped at 1m30s, started again 10 seconds later: 30s of the 2m remain.
        var after = Self.restarted([Self.cool], from: try Self.saved(before), at: "1m40s")
        #expect(after.engine.nextWakeUp == RuleHarness.start + .seconds(100))
        after.advance(to: "2m9s")
        #expect(after.take() == [])
        after.advance(to: "10m")
        #expect(after.take() == ["2m10s RuleTriggered cool", "2m10s write hvac.cooling = true"])
    }

    @Test func withoutTheRestartTheSameReadingsTriggerAtTheSameRemainingTime() {
        var harness = RuleHarness([Self.cool])
        for second in stride(from: 0, through: 90, by: 10) { harness.read("air.temperature", 27, at: "\(second)s") }
        harness.advance(to: "10m")
        #expect(harness.take() == ["2m RuleTriggered cool", "2m write hvac.cooling = true"])
    }

    @Test func aCountdownDoesNotResumeOnValuesOlderThanStaleAfter() throws {
        var before = RuleHarness([Self.cool])
        before.read("air.temperature", 27, at: "0s")
        before.advance(to: "1m30s")
        var after = Self.restarted([Self.cool], from: try Self.saved(before), at: "1h")
        after.advance(to: "2h")
        #expect(after.take() == [])
        #expect(after.phases["cool"] == .idle)
        #expect(after.engine.state.values.isEmpty)
    }

    @Test func aDeferredClearResumesAndHappensWhenMinOnEnds() throws {
        var before = RuleHarness([Self.cool])
        before.read("air.temperature", 27, at: "0s")
        before.advance(to: "2m")
        before.read("air.temperature", 23, at: "3m")
        #expect(before.take() == ["2m RuleTriggered cool", "2m write hvac.cooling = true"])
        var after = Self.restarted([Self.cool], from: try Self.saved(before), at: "3m5s")
        #expect(after.phases["cool"] == .clearDeferred(
            activeSince: RuleHarness.start + .seconds(120), requestedAt: RuleHarness.start + .seconds(180), until: RuleHarness.start + .seconds(420)))
        after.advance(to: "10m")
        #expect(after.take() == ["7m RuleCleared cool", "7m write hvac.cooling = false"])
        #expect(after.reasons == ["until condition met; deferred 4m by min_on"])
    }

    @Test func anActiveRuleStaysActiveAcrossARestartWithoutActingAgain() throws {
        var before = RuleHarness([Self.cool])
        before.read("air.temperature", 27, at: "0s")
        before.advance(to: "3m")
        var after = Self.restarted([Self.cool], from: try Self.saved(before), at: "4m")
        after.read("air.temperature", 27, at: "4m")
        after.advance(to: "20m")
        #expect(after.take() == [])
        #expect(after.phases["cool"] == .active(since: RuleHarness.start + .seconds(120)))
    }

    @Test func theStateSurvivesItsJSONFormUnchanged() throws {
        let average = RuleHarness.rule("avg", when: "avg(room.temp, 10m) > 22", then: ["emit Warm"])
        var harness = RuleHarness([Self.cool, average])
        harness.read("air.temperature", 27, at: "0s")
        harness.read("room.temp", 21.5, at: "10s")
        harness.read("room.temp", 23.25, at: "20s")
        harness.offline("hvac", at: "30s")
        harness.advance(to: "3m")
        harness.read("air.temperature", 23, at: "3m")
        let state = harness.engine.state
        #expect(state.rules["cool"]?.requestReason == "until condition met")
        #expect(state.history["room.temp"]?.count == 2)
        #expect(state.offlineDevices == ["hvac"])
        #expect(try RuleEngineState.decode(json: state.encodedJSON()) == state)
    }

    @Test func theJSONIsReadLeniently() throws {
        let text = """
            {"version": 1, "time": 1000, "rules": {"a": {"definition": "x", "intent": "pending", "pending_since": 500},
             "b": {"intent": "on"}, "c": {"definition": "y", "intent": "sideways"}},
             "values": {"air.temperature": {"value": 21, "time": 900}, "air.humidity": {"value": 1}},
             "history": {"room.temp": [[100, 1.5], ["x"], [200]]}, "offline": ["hvac", 3]}
            """
        let state = try RuleEngineState.decode(json: Array(text.utf8))
        #expect(state.time == Timestamp(epochMilliseconds: 1000))
        #expect(state.rules["a"]?.intent == .pending(since: Timestamp(epochMilliseconds: 500)))
        #expect(state.rules["b"] == nil)
        #expect(state.rules["c"]?.intent == .off)
        #expect(state.values.keys.sorted() == ["air.temperature"])
        #expect(state.history["room.temp"] == [HistorySample(time: Timestamp(epochMilliseconds: 100), value: 1.5)])
        #expect(state.offlineDevices == ["hvac"])
        #expect(throws: JSONSyntaxError.self) { try RuleEngineState.decode(json: Array("not json".utf8)) }
    }

    @Test func aReloadKeepsTheStateOfUnchangedRules() throws {
        let other = RuleHarness.rule("other", when: "room.temp > 30", for: "10m", then: ["emit Hot"])
        var before = RuleHarness([Self.cool, other])
        before.read("air.temperature", 27, at: "0s")
        before.read("room.temp", 31, at: "0s")
        before.advance(to: "30s")
        // Reload at the same moment: `other` now triggers at 35 instead of 30.
        let changed = RuleHarness.rule("other", when: "room.temp > 35", for: "10m", then: ["emit Hot"])
        var after = RuleHarness(engine: RuleEngine(
            rules: [Self.cool, changed], devices: RuleHarness.devices, timeZone: .utc, state: before.engine.state, now: before.engine.now))
        #expect(after.phases["cool"] == .pending(since: RuleHarness.start, triggersAt: RuleHarness.start + .seconds(120)))
        #expect(after.phases["other"] == .idle)
        after.advance(to: "30m")
        #expect(after.take() == ["2m RuleTriggered cool", "2m write hvac.cooling = true"])
    }

    @Test func aChangedRuleStartsFreshButKeepsWhatIsSwitchedAndItsTimes() throws {
        var before = RuleHarness([Self.cool])
        before.read("air.temperature", 27, at: "0s")
        before.advance(to: "3m")
        let warmer = RuleHarness.rule(
            "cool", when: "air.temperature > 28", for: "2m", until: "air.temperature < 25", then: ["write hvac.cooling = on"],
            onClear: ["write hvac.cooling = off"], minOn: "5m", minOff: "3m")
        var after = RuleHarness(engine: RuleEngine(
            rules: [warmer], devices: RuleHarness.devices, timeZone: .utc, state: before.engine.state, now: before.engine.now))
        #expect(after.engine.state.rules["cool"]?.definition != before.engine.state.rules["cool"]?.definition)
        #expect(after.phases["cool"] == .active(since: RuleHarness.start + .seconds(120)))
        // The new until decides now; min_on still counts from the trigger before the reload.
        after.read("air.temperature", 24.5, at: "4m")
        after.advance(to: "10m")
        #expect(after.take() == ["7m RuleCleared cool", "7m write hvac.cooling = false"])
    }

    @Test func aRemovedRuleIsForgotten() {
        var before = RuleHarness([Self.cool])
        before.read("air.temperature", 27, at: "0s")
        let after = RuleEngine(rules: [], devices: RuleHarness.devices, timeZone: .utc, state: before.engine.state, now: before.engine.now)
        #expect(after.state.rules.isEmpty)
        #expect(after.state.values.isEmpty)
    }

    @Test func theFingerprintIgnoresSpacingButNotMeaning() {
        let spaced = RuleHarness.rule("a", when: "air.temperature   >26", then: ["write hvac.cooling = on"])
        let plain = RuleHarness.rule("a", when: "air.temperature > 26", then: ["write hvac.cooling=on"])
        let other = RuleHarness.rule("a", when: "air.temperature > 26", then: ["write hvac.cooling = on"], priority: 1)
        #expect(CompiledRule.fingerprint(of: spaced) == CompiledRule.fingerprint(of: plain))
        #expect(CompiledRule.fingerprint(of: plain) != CompiledRule.fingerprint(of: other))
        #expect(CompiledRule.fingerprint(of: plain).count == 16)
    }

    @Test func windowHistorySurvivesARestart() throws {
        let average = RuleHarness.rule("avg", when: "avg(room.temp, 10m) > 22", then: ["emit Warm"])
        var before = RuleHarness([average])
        before.read("room.temp", 21, at: "0s")
        before.read("room.temp", 22, at: "1m")
        var after = Self.restarted([average], from: try Self.saved(before), at: "2m")
        after.read("room.temp", 24, at: "2m")
        #expect(after.take() == ["2m RuleTriggered avg", "2m emit Warm"])  // (21 + 22 + 24) / 3 > 22
    }
}
