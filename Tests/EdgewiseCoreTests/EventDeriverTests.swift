import Testing

@testable import EdgewiseCore

@Suite("Event derivation: thresholds, staleness, duplicates, report-by-exception")
struct EventDeriverTests {
    static let start = Timestamp(epochMilliseconds: 1_763_924_700_000)
    static let degC = try! UnitCatalog.unit("degC")

    static func point(thresholds: [Threshold] = [], deadband: Double? = nil, minimumInterval: Duration? = nil) -> PointConfig {
        PointConfig(
            name: "temperature", location: ConfigLocation(file: "f", line: 1, column: 1), source: .mqtt(json: nil, kind: .number), unit: degC,
            thresholds: thresholds, deadband: deadband, minimumInterval: minimumInterval)
    }

    static func device(staleAfter: Duration? = .seconds(60), points: [PointConfig] = [point()]) -> DeviceConfig {
        DeviceConfig(name: "air", location: ConfigLocation(file: "f", line: 1, column: 1), connection: .mqtt(MQTTDeviceSettings(topic: try! TopicPattern.parse("a"))), staleAfter: staleAfter, points: points)
    }

    static func above(_ limit: Double, hysteresis: Double = 0) -> Threshold {
        Threshold(direction: .above, limit: limit, hysteresis: hysteresis, location: ConfigLocation(file: "f", line: 1, column: 1))
    }

    static func reading(_ value: Double, at seconds: Int64) -> Reading {
        Reading(device: "air", point: "temperature", value: .number(value), unit: degC, time: start + .seconds(seconds))
    }

    /// Feeds values one second apart and returns the names of the events they derived.
    static func names(_ values: [Double], point: PointConfig, deriver: inout EventDeriver) -> [String] {
        var events: [DomainEvent] = []
        for (second, value) in values.enumerated() {
            deriver.accept(reading(value, at: Int64(second)), point: point, into: &events)
        }
        return events.map(\.name.name).filter { $0 != "ReadingReported" }
    }

    @Test func aValueDitheringAroundTheLimitCrossesOnce() {
        let point = Self.point(thresholds: [Self.above(30, hysteresis: 1)])
        var deriver = EventDeriver(devices: [Self.device(points: [point])], startedAt: Self.start)
        let names = Self.names([29.5, 30.1, 29.9, 30.2, 29.8, 30.05, 29.1, 28.9, 30.5], point: point, deriver: &deriver)
        #expect(names == ["ThresholdCrossed", "ThresholdCleared", "ThresholdCrossed"])
    }

    @Test func belowThresholdsClearAboveLimitPlusHysteresis() {
        let below = Threshold(direction: .below, limit: 5, hysteresis: 1, location: ConfigLocation(file: "f", line: 1, column: 1))
        let point = Self.point(thresholds: [below])
        var deriver = EventDeriver(devices: [Self.device(points: [point])], startedAt: Self.start)
        #expect(Self.names([6, 4.9, 5.5, 5.99, 6.0, 4], point: point, deriver: &deriver) == ["ThresholdCrossed", "ThresholdCleared", "ThresholdCrossed"])
    }

    @Test func crossingEventsCarryValueLimitAndHysteresis() throws {
        let point = Self.point(thresholds: [Self.above(30, hysteresis: 1)])
        var deriver = EventDeriver(devices: [Self.device(points: [point])], startedAt: Self.start)
        var events: [DomainEvent] = []
        deriver.accept(Self.reading(31, at: 5), point: point, into: &events)
        let crossed = try #require(events.first { $0.name == .thresholdCrossed })
        #expect(crossed.data == .thresholdCrossed(ThresholdEventData(value: 31, unit: Self.degC, direction: .above, limit: 30, hysteresis: 1)))
        #expect(crossed.time == Self.start + .seconds(5))
        #expect(crossed.device == "air")
        #expect(crossed.point == "temperature")
    }

    @Test func savedStateMeansARestartDoesNotAnnounceAgain() {
        let point = Self.point(thresholds: [Self.above(30)])
        var first = EventDeriver(devices: [Self.device(points: [point])], startedAt: Self.start)
        #expect(Self.names([31], point: point, deriver: &first) == ["ThresholdCrossed"])
        // Restart with the saved state; the broker replays the retained message with the same value.
        var second = EventDeriver(devices: [Self.device(points: [point])], state: first.state, startedAt: Self.start + .seconds(100))
        #expect(Self.names([31, 32], point: point, deriver: &second) == [])
        var fresh = EventDeriver(devices: [Self.device(points: [point])], startedAt: Self.start + .seconds(100))
        #expect(Self.names([31], point: point, deriver: &fresh) == ["ThresholdCrossed"])
    }

    @Test func aThresholdWhoseLimitChangesStartsUnannounced() {
        let before = Self.point(thresholds: [Self.above(30)])
        var deriver = EventDeriver(devices: [Self.device(points: [before])], startedAt: Self.start)
        #expect(Self.names([31], point: before, deriver: &deriver) == ["ThresholdCrossed"])
        let after = Self.point(thresholds: [Self.above(35)])
        var reloaded = EventDeriver(devices: [Self.device(points: [after])], state: deriver.state, startedAt: Self.start + .seconds(10))
        #expect(Self.names([36], point: after, deriver: &reloaded) == ["ThresholdCrossed"], "above 35 was never announced")
        var unchanged = EventDeriver(devices: [Self.device(points: [before])], state: deriver.state, startedAt: Self.start + .seconds(10))
        #expect(Self.names([36], point: before, deriver: &unchanged) == [], "above 30 was announced already")
    }

    @Test func aSilentDeviceGoesOfflineAfterStaleAfterAndComesBack() {
        var deriver = EventDeriver(devices: [Self.device(staleAfter: .seconds(60))], startedAt: Self.start)
        var events: [DomainEvent] = []
        deriver.heard(device: "air", staleAfter: .seconds(60), at: Self.start + .seconds(1), into: &events)
        #expect(events.map(\.name) == [.deviceOnline])
        events = []
        deriver.checkStaleness(now: Self.start + .seconds(60), into: &events)
        #expect(events.isEmpty)
        deriver.checkStaleness(now: Self.start + .seconds(61), into: &events)
        #expect(events.map(\.name) == [.deviceOffline])
        #expect(events.first?.data == .deviceOffline(lastSeen: Self.start + .seconds(1), cause: .silent(staleAfter: .seconds(60))))
        deriver.checkStaleness(now: Self.start + .seconds(300), into: &events)
        #expect(events.count == 1, "offline is announced once")
        events = []
        deriver.heard(device: "air", staleAfter: .seconds(60), at: Self.start + .seconds(400), into: &events)
        #expect(events == [DomainEvent(.deviceOnline, time: Self.start + .seconds(400), device: "air", data: .deviceOnline(offlineSince: Self.start + .seconds(61)))])
    }

    @Test func anUnreachableDeviceIsOfflineOnceAndOnlineAtItsNextAnswer() {
        var deriver = EventDeriver(devices: [Self.device(staleAfter: nil)], startedAt: Self.start)
        var events: [DomainEvent] = []
        deriver.heard(device: "air", staleAfter: nil, at: Self.start, into: &events)
        events = []
        deriver.unreachable(device: "air", failedPolls: 3, error: "Connection timed out", at: Self.start + .seconds(6), into: &events)
        deriver.unreachable(device: "air", failedPolls: 4, error: "Connection timed out", at: Self.start + .seconds(8), into: &events)
        #expect(events == [DomainEvent(.deviceOffline, time: Self.start + .seconds(6), device: "air",
                                       data: .deviceOffline(lastSeen: Self.start, cause: .unreachable(failedPolls: 3, error: "Connection timed out")))])
        events = []
        deriver.heard(device: "air", staleAfter: nil, at: Self.start + .seconds(20), into: &events)
        #expect(events.map(\.name) == [.deviceOnline])
        #expect(events.first?.data == .deviceOnline(offlineSince: Self.start + .seconds(6)))
    }

    @Test func aDeviceNeverHeardFromGoesOfflineStaleAfterTheStart() {
        var deriver = EventDeriver(devices: [Self.device(staleAfter: .seconds(30))], startedAt: Self.start)
        var events: [DomainEvent] = []
        deriver.checkStaleness(now: Self.start + .seconds(29), into: &events)
        #expect(events.isEmpty)
        deriver.checkStaleness(now: Self.start + .seconds(30), into: &events)
        #expect(events == [DomainEvent(.deviceOffline, time: Self.start + .seconds(30), device: "air", data: .deviceOffline(lastSeen: nil, cause: .silent(staleAfter: .seconds(30))))])
    }

    @Test func afterARestartADeviceGetsItsFullStaleAfterAgain() {
        var before = EventDeriver(devices: [Self.device(staleAfter: .seconds(30))], startedAt: Self.start)
        var events: [DomainEvent] = []
        before.heard(device: "air", staleAfter: .seconds(30), at: Self.start, into: &events)
        let restart = Self.start + .seconds(3_600)
        var after = EventDeriver(devices: [Self.device(staleAfter: .seconds(30))], state: before.state, startedAt: restart)
        events = []
        after.checkStaleness(now: restart + .seconds(10), into: &events)
        #expect(events.isEmpty)
        after.heard(device: "air", staleAfter: .seconds(30), at: restart + .seconds(11), into: &events)
        #expect(events.isEmpty, "it was online before the restart; no DeviceOnline again")
    }

    @Test func redeliveredMessagesAreDuplicatesButNewIDsAreNot() {
        var deriver = EventDeriver(devices: [Self.device()], startedAt: Self.start)
        let verdicts = [("air", "17"), ("air", "17"), ("air", "18"), ("other", "17"), ("air", nil), ("air", nil)].map {
            deriver.isDuplicate(device: $0.0, messageKey: $0.1)
        }
        #expect(verdicts == [false, true, false, false, false, false])
    }

    @Test func onlyTheMostRecentKeysAreRemembered() {
        var deriver = EventDeriver(devices: [Self.device()], startedAt: Self.start)
        for key in 0..<(RecentKeys.capacity + 1) { _ = deriver.isDuplicate(device: "air", messageKey: "\(key)") }
        let oldest = deriver.isDuplicate(device: "air", messageKey: "0")
        let newest = deriver.isDuplicate(device: "air", messageKey: "\(RecentKeys.capacity)")
        #expect(!oldest)
        #expect(newest)
    }

    @Test func deadbandSuppressesSmallChanges() {
        let point = Self.point(deadband: 0.5)
        var deriver = EventDeriver(devices: [Self.device(points: [point])], startedAt: Self.start)
        var events: [DomainEvent] = []
        for (second, value) in [20.0, 20.2, 20.4, 20.5, 20.6, 19.9].enumerated() {
            deriver.accept(Self.reading(value, at: Int64(second)), point: point, into: &events)
        }
        #expect(events.compactMap { if case .readingReported(.number(let v), _) = $0.data { v } else { nil } } == [20.0, 20.5, 19.9])
    }

    @Test func minimumIntervalLimitsReportsButThresholdsSeeEveryValue() {
        let point = Self.point(thresholds: [Self.above(30)], minimumInterval: .seconds(10))
        var deriver = EventDeriver(devices: [Self.device(points: [point])], startedAt: Self.start)
        var events: [DomainEvent] = []
        for (second, value) in [(0, 20.0), (3, 31.0), (6, 20.0), (10, 21.0), (12, 22.0)] {
            deriver.accept(Self.reading(value, at: Int64(second)), point: point, into: &events)
        }
        #expect(events.map(\.name.name) == ["ReadingReported", "ThresholdCrossed", "ThresholdCleared", "ReadingReported"])
    }
}
