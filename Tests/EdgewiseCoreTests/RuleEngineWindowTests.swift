import Testing

@testable import EdgewiseCore

@Suite("Rule engine: avg, min, max and delta over a window")
struct RuleEngineWindowTests {
    @Test func avgIsTheMeanOfTheSamplesInTheWindow() {
        var harness = RuleHarness([RuleHarness.rule("warm", when: "avg(room.temp, 5m) > 25", then: ["emit Warm"])])
        harness.read("room.temp", 24, at: "0s")
        harness.read("room.temp", 25.5, at: "1m")
        #expect(harness.take() == [])
        harness.read("room.temp", 28, at: "2m")
        #expect(harness.take() == ["2m RuleTriggered warm", "2m emit Warm"])
    }

    @Test func aSampleLeavingTheWindowChangesTheValueAtThatExactTime() {
        var harness = RuleHarness([RuleHarness.rule("peak", when: "max(room.temp, 1m) > 30", then: ["emit Peak"], onClear: ["emit Calm"])])
        harness.read("room.temp", 31, at: "0s")
        harness.read("room.temp", 20, at: "10s")
        #expect(harness.engine.nextWakeUp == RuleHarness.start + .seconds(60))
        harness.advance(to: "5m")
        #expect(harness.take() == ["0s RuleTriggered peak", "0s emit Peak", "1m RuleCleared peak", "1m emit Calm"])
    }

    @Test func minIsTheSmallestSample() {
        var harness = RuleHarness([RuleHarness.rule("steady", when: "min(room.temp, 2m) > 20", then: ["emit Steady"], onClear: ["emit Dip"])])
        harness.read("room.temp", 21, at: "0s")
        harness.read("room.temp", 19, at: "30s")
        harness.read("room.temp", 22, at: "1m")
        harness.advance(to: "3m")
        #expect(harness.take() == ["0s RuleTriggered steady", "0s emit Steady", "30s RuleCleared steady", "30s emit Dip", "2m30s RuleTriggered steady", "2m30s emit Steady"])
    }

    @Test func deltaIsNewestMinusOldestAndNeedsTwoSamples() {
        var harness = RuleHarness([RuleHarness.rule("rising", when: "delta(room.temp, 10m) > 2", then: ["emit Rising"])])
        harness.read("room.temp", 20, at: "0s")
        #expect(harness.take() == [])
        harness.read("room.temp", 21, at: "1m")
        harness.read("room.temp", 22.5, at: "2m")
        #expect(harness.take() == ["2m RuleTriggered rising", "2m emit Rising"])
    }

    @Test func aWindowWithoutSamplesIsUnknownAndHoldKeepsTheRuleAsItIs() {
        var harness = RuleHarness([RuleHarness.rule("warm", when: "avg(room.temp, 1m) > 25", then: ["emit Warm"], onClear: ["emit Cool"])])
        harness.read("room.temp", 30, at: "0s")
        harness.advance(to: "10m")
        #expect(harness.take() == ["0s RuleTriggered warm", "0s emit Warm"])
        #expect(harness.engine.nextWakeUp == nil)
    }

    @Test func aWindowIsUnknownWhileItsDeviceIsOffline() {
        var harness = RuleHarness([RuleHarness.rule("warm", when: "avg(room.temp, 10m) > 25", then: ["emit Warm"], onClear: ["emit Cool"], onUnknown: .clear)])
        harness.read("room.temp", 30, at: "0s")
        harness.offline("room", at: "1m")
        #expect(harness.take() == ["0s RuleTriggered warm", "0s emit Warm", "1m RuleCleared warm", "1m emit Cool"])
    }

    @Test func onlyTheSamplesTheLongestWindowNeedsAreKept() {
        var harness = RuleHarness([RuleHarness.rule("a", when: "avg(room.temp, 2m) > 25 or max(room.temp, 5m) > 40", then: ["emit A"])])
        for minute in 0..<10 { harness.read("room.temp", 20, at: "\(minute)m") }
        #expect(harness.engine.state.history["room.temp"]?.map { $0.time - RuleHarness.start } == [.seconds(300), .seconds(360), .seconds(420), .seconds(480), .seconds(540)])
        harness.advance(to: "1h")
        #expect(harness.engine.state.history["room.temp"] == nil)
    }

    @Test func aLateReadingGoesIntoTheHistoryButDoesNotReplaceANewerValue() {
        var harness = RuleHarness([RuleHarness.rule("a", when: "min(room.temp, 10m) < 10 and room.temp > 15", then: ["emit A"])])
        harness.read("room.temp", 20, at: "2m")
        var output = RuleOutput()
        harness.engine.accept(Reading(device: "room", point: "temp", value: .number(5), time: RuleHarness.start + .seconds(60)), into: &output)
        harness.record(output)
        #expect(harness.take() == ["2m RuleTriggered a", "2m emit A"])
        #expect(harness.engine.state.values["room.temp"]?.value == .number(20))
        #expect(harness.engine.state.history["room.temp"]?.map(\.value) == [5, 20])
    }

    @Test func theHistoryOfAPointIsCappedAtTenThousandSamples() {
        var history = PointHistory(longestWindow: .seconds(3_600))
        for index in 0..<12_000 { history.insert(HistorySample(time: RuleHarness.start + .milliseconds(index), value: Double(index))) }
        #expect(history.live.count == 10_000)
        #expect(history.live.first?.value == 2_000)
        #expect(history.evaluate(.max, window: .seconds(60), at: RuleHarness.start + .seconds(12)) == 11_999)
        #expect(history.evaluate(.delta, window: .seconds(60), at: RuleHarness.start + .seconds(12)) == 9_999)
    }

    @Test func aWindowIncludesSamplesNewerThanItsLengthAndExcludesOnesExactlyThatOld() {
        var history = PointHistory(longestWindow: .seconds(60))
        history.insert(HistorySample(time: RuleHarness.start, value: 1))
        history.insert(HistorySample(time: RuleHarness.start + .seconds(30), value: 3))
        #expect(history.evaluate(.avg, window: .seconds(60), at: RuleHarness.start + .milliseconds(59_999)) == 2)
        #expect(history.evaluate(.avg, window: .seconds(60), at: RuleHarness.start + .seconds(60)) == 3)
        #expect(history.nextDeparture(window: .seconds(60), after: RuleHarness.start + .seconds(60)) == RuleHarness.start + .seconds(90))
    }
}
