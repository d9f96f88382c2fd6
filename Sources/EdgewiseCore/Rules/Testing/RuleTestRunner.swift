/// Runs rule test cases: replays a case's readings and device steps through a `RuleEngine` on a
/// virtual clock and compares what the rules do with what the case expects.
///
/// The clock moves from wake-up to wake-up (`RuleEngine.nextWakeUp`) and to each step's time, so a
/// case covering hours runs in milliseconds. Every action (write, emit, publish) and every
/// `RuleTriggered`/`RuleCleared` event must be expected, at exactly the time it happens, and every
/// expectation must happen: a case passes only when both lists match.
///
/// A case runs to `run_for` when it gives one. Otherwise it runs to its last step or expectation,
/// then on while a timer is pending — a `for:` countdown, a deferred trigger or clear, samples in a
/// window — for at most `settleLimit`, so what a late reading sets going is seen. Time-of-day and
/// weekday edges alone do not keep a case running.
public struct RuleTestRunner: Sendable {
    /// How far past its last step or expectation a case without `run_for` may run while timers are pending.
    public static let settleLimit: Duration = .seconds(86_400)

    public var rules: [RuleConfig]
    public var devices: [DeviceConfig]
    public var timeZone: RuleTimeZone

    public init(rules: [RuleConfig], devices: [DeviceConfig], timeZone: RuleTimeZone) {
        self.rules = rules
        self.devices = devices
        self.timeZone = timeZone
    }

    public func run(_ testCase: RuleTestCase) -> RuleTestResult {
        let start = testCase.start
        var engine = RuleEngine(rules: rules, devices: devices, timeZone: timeZone, now: start)
        var observations: [RuleTestObservation] = []
        func collect(_ output: RuleOutput) {
            for event in output.events {
                switch event.data {
                case .ruleTriggered(let data), .ruleCleared(let data):
                    observations.append(RuleTestObservation(at: event.time - start, .event(event.name), rule: data.rule))
                default:
                    continue
                }
            }
            for action in output.actions {
                let what: RuleTestObservation.What =
                    switch action.action {
                    case .write(let device, let point, let value): .write(device: device, point: point, value: value)
                    case .emit(let name): .emit(name)
                    case .publish(let topic, let payload, _): .publish(topic: topic, payload: payload)
                    }
                observations.append(RuleTestObservation(at: action.time - start, what, rule: action.rule))
            }
        }
        func advance(to time: Timestamp) {
            var output = RuleOutput()
            engine.advance(to: time, into: &output)
            collect(output)
        }

        for step in testCase.steps.enumerated().sorted(by: { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }).map(\.element) {
            let time = start + step.at
            advance(to: time)
            var output = RuleOutput()
            switch step.input {
            case .reading(let device, let point, let value):
                engine.accept(Reading(device: device, point: point, value: value, time: time), into: &output)
            case .offline(let device):
                engine.deviceOffline(device, at: time, into: &output)
            case .online(let device):
                engine.deviceOnline(device, at: time, into: &output)
            }
            collect(output)
        }
        let lastMentioned = (testCase.steps.map(\.at) + testCase.expectations.map(\.at)).max() ?? .zero
        let end = start + (testCase.runFor ?? lastMentioned)
        advance(to: end)
        if testCase.runFor == nil {
            while let next = engine.nextTimerWakeUp, next <= end + Self.settleLimit { advance(to: next) }
        }
        return RuleTestResult(testCase: testCase, observations: observations)
    }
}
