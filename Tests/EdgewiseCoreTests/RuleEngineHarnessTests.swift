import Testing

@testable import EdgewiseCore

/// Drives a `RuleEngine` on a virtual clock and records what it produces as readable lines:
/// `2m10s RuleTriggered cool`, `2m10s write hvac.cooling = true`.
struct RuleHarness {
    /// 2026-01-05T00:00:00Z, a Monday.
    static let start = Timestamp(epochMilliseconds: 1_767_571_200_000)
    static let here = ConfigLocation(file: "rules/test.yaml", line: 1, column: 1)

    static let devices: [DeviceConfig] = [
        device("air", staleAfter: .seconds(60), ["temperature": .number, "humidity": .number]),
        device("hvac", ["cooling": .boolean, "heating": .boolean, "setpoint": .number, "fan": .number]),
        device("room", ["temp": .number, "setpoint": .number, "occupied": .boolean]),
    ]

    static func device(_ name: String, staleAfter: Duration? = nil, _ points: [String: ValueKind]) -> DeviceConfig {
        DeviceConfig(
            name: name, location: here, connection: .mqtt(MQTTDeviceSettings(topic: try! TopicPattern.parse("t/\(name)"))), staleAfter: staleAfter,
            points: points.sorted { $0.key < $1.key }.map { PointConfig(name: $0.key, location: here, source: .mqtt(json: nil, kind: $0.value), isWritable: true) })
    }

    /// A duration as rules spell it: `2m10s`.
    static func at(_ text: String) -> Duration { try! DurationSyntax.parse(text) }

    static func expression(_ text: String) -> SourceExpression { try! SourceExpression.parse(text, at: here) }

    /// `write hvac.cooling = on`, `emit CoolingRequested`, `publish alerts/x {rule} at {time}`.
    static func action(_ text: String) -> RuleAction {
        if text.hasPrefix("write ") {
            let body = text.dropFirst(6)
            let parts = body.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            let target = parts[0].split(separator: ".").map(String.init)
            return RuleAction(.write(PointWrite(device: target[0], point: target[1], targetLocation: here, value: expression(parts[1]))), location: here)
        }
        if text.hasPrefix("emit ") { return RuleAction(.emit(EventName(String(text.dropFirst(5)))), location: here) }
        let body = text.dropFirst(8)
        let topic = String(body.prefix { $0 != " " })
        let payload = try! PayloadTemplate.parse(String(body.dropFirst(topic.count + 1)), allowed: MQTTPublication.placeholders)
        return RuleAction(.publish(MQTTPublication(topic: topic, payload: payload, retain: false)), location: here)
    }

    static func rule(
        _ name: String, when: String, for holdFor: String? = nil, until: String? = nil, then: [String] = [], onClear: [String] = [],
        minOn: String? = nil, minOff: String? = nil, cooldown: String? = nil, priority: Int = 0, onUnknown: UnknownDataPolicy = .hold
    ) -> RuleConfig {
        RuleConfig(
            name: name, location: here, when: expression(when), holdFor: holdFor.map(at), until: until.map(expression),
            onTrigger: then.map(action), onClear: onClear.map(action), minimumOn: minOn.map(at), minimumOff: minOff.map(at),
            cooldown: cooldown.map(at), priority: priority, onUnknown: onUnknown)
    }

    var engine: RuleEngine
    /// Everything produced, as lines.
    var log: [String] = []
    var events: [DomainEvent] = []
    var actions: [RuleActionRequest] = []
    var notices: [RuleNotice] = []

    init(_ rules: [RuleConfig], timeZone: RuleTimeZone = .utc, state: RuleEngineState = RuleEngineState(), startingAt offset: String = "0s") {
        engine = RuleEngine(rules: rules, devices: Self.devices, timeZone: timeZone, state: state, now: Self.start + Self.at(offset))
    }

    init(engine: RuleEngine) {
        self.engine = engine
    }

    var now: Duration { engine.now - Self.start }

    mutating func read(_ point: String, _ value: Double, at time: String) {
        read(point, .number(value), at: time)
    }

    mutating func read(_ point: String, _ value: Bool, at time: String) {
        read(point, .boolean(value), at: time)
    }

    mutating func read(_ point: String, _ value: ReadingValue, at time: String) {
        let parts = point.split(separator: ".").map(String.init)
        var output = RuleOutput()
        engine.accept(Reading(device: parts[0], point: parts[1], value: value, time: Self.start + Self.at(time)), into: &output)
        record(output)
    }

    mutating func offline(_ device: String, at time: String) {
        var output = RuleOutput()
        engine.deviceOffline(device, at: Self.start + Self.at(time), into: &output)
        record(output)
    }

    mutating func online(_ device: String, at time: String) {
        var output = RuleOutput()
        engine.deviceOnline(device, at: Self.start + Self.at(time), into: &output)
        record(output)
    }

    /// Advances wake-up by wake-up, as the runtime does, up to `time`.
    mutating func advance(to time: String) {
        let target = Self.start + Self.at(time)
        while let next = engine.nextWakeUp, next <= target {
            var output = RuleOutput()
            engine.advance(to: next, into: &output)
            record(output)
        }
        var output = RuleOutput()
        engine.advance(to: target, into: &output)
        record(output)
    }

    /// Logs each `RuleTriggered`/`RuleCleared` followed by that rule's actions, in the order produced;
    /// actions without an event of their own (a value applied again) come last.
    mutating func record(_ output: RuleOutput) {
        events += output.events
        actions += output.actions
        notices += output.notices
        var used = Set<Int>()
        func line(_ action: RuleActionRequest) -> String {
            let text: String =
                switch action.action {
                case .write(let device, let point, let value): "write \(device).\(point) = \(value)"
                case .emit(let name): "emit \(name)"
                case .publish(let topic, let payload, _): "publish \(topic) \(payload)"
                }
            return "\(Self.offset(action.time)) \(text)"
        }
        for event in output.events {
            let (rule, phase): (String, RuleActionRequest.Phase)
            switch event.data {
            case .ruleTriggered(let data): (rule, phase) = (data.rule, .trigger)
            case .ruleCleared(let data): (rule, phase) = (data.rule, .clear)
            default: continue
            }
            log.append("\(Self.offset(event.time)) \(event.name) \(rule)")
            for (index, action) in output.actions.enumerated() where !used.contains(index) && action.rule == rule && action.phase == phase && action.time == event.time {
                used.insert(index)
                log.append(line(action))
            }
        }
        for (index, action) in output.actions.enumerated() where !used.contains(index) { log.append(line(action)) }
    }

    /// Lines produced since the last call.
    mutating func take() -> [String] {
        defer { log = [] }
        return log
    }

    static func offset(_ time: Timestamp) -> String { DurationSyntax.format(time - start) }

    /// The reasons of the Rule* events so far, in order.
    var reasons: [String] {
        events.compactMap { event in
            switch event.data {
            case .ruleTriggered(let data), .ruleCleared(let data): data.reason
            default: nil
            }
        }
    }

    var phases: [String: RulePhase] {
        Dictionary(uniqueKeysWithValues: engine.status().map { ($0.name, $0.phase) })
    }
}

@Suite("Rule engine: the basics every rule relies on")
struct RuleEngineHarnessTests {
    static let cool = RuleHarness.rule(
        "cool", when: "air.temperature > 26", for: "2m", until: "air.temperature < 24", then: ["write hvac.cooling = on"],
        onClear: ["write hvac.cooling = off"])

    @Test func aNewEngineEvaluatesOnceAtStartAndThenHasNothingPending() {
        var harness = RuleHarness([Self.cool])
        #expect(harness.engine.nextWakeUp == RuleHarness.start)
        harness.advance(to: "0s")
        #expect(harness.engine.nextWakeUp == nil)
        #expect(harness.take() == [])
    }

    @Test func anInitiallyFalseConditionRunsNoClearActions() {
        var harness = RuleHarness([Self.cool])
        harness.read("air.temperature", 20, at: "0s")
        harness.advance(to: "1h")
        #expect(harness.take() == [])
        #expect(harness.phases["cool"] == .idle)
    }

    @Test func aConditionAlreadyTrueAtStartStillWaitsItsForFromTheFirstReading() {
        var harness = RuleHarness([Self.cool])
        harness.read("air.temperature", 30, at: "5s")
        #expect(harness.phases["cool"] == .pending(since: RuleHarness.start + .seconds(5), triggersAt: RuleHarness.start + .seconds(125)))
        #expect(harness.engine.nextWakeUp == RuleHarness.start + .seconds(125))
        harness.advance(to: "10m")
        #expect(harness.take() == ["2m5s RuleTriggered cool", "2m5s write hvac.cooling = true"])
    }

    @Test func readingsOfPointsNoRuleUsesChangeNothing() {
        var harness = RuleHarness([Self.cool])
        harness.read("hvac.fan", 3, at: "0s")
        harness.advance(to: "10m")
        #expect(harness.take() == [])
        #expect(harness.engine.state.values.isEmpty)
    }

    @Test func statusListsEveryRuleInConfiguredOrder() {
        let other = RuleHarness.rule("other", when: "room.occupied", then: ["emit Occupied"], priority: 5)
        let harness = RuleHarness([Self.cool, other])
        #expect(harness.engine.status().map(\.name) == ["cool", "other"])
        #expect(harness.engine.status().map(\.priority) == [0, 5])
        #expect(harness.engine.status().map(\.phase.name) == ["idle", "idle"])
    }
}
