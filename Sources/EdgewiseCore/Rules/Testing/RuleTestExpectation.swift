/// One entry under a case's `expect:`.
public struct RuleTestExpectation: Sendable, Hashable, CustomStringConvertible {
    public enum What: Sendable, Hashable {
        /// `write: DEVICE.POINT = VALUE`
        case write(device: String, point: String, value: ReadingValue)
        /// `event: RuleTriggered` or `event: RuleCleared`
        case event(EventName)
        /// `emit: EventName`
        case emit(EventName)
        /// `publish: TOPIC`, with `payload:` when the payload matters.
        case publish(topic: String, payload: String?)
    }

    public var at: Duration
    public var what: What
    /// `rule:`: which rule must have done it; any rule when `nil`.
    public var rule: String?
    public var location: ConfigLocation

    public init(at: Duration, _ what: What, rule: String? = nil, location: ConfigLocation) {
        self.at = at
        self.what = what
        self.rule = rule
        self.location = location
    }

    /// Whether `observation` is what this expects: same time, same thing, and the rule when given.
    public func matches(_ observation: RuleTestObservation) -> Bool {
        guard observation.at == at, rule.map({ $0 == observation.rule }) ?? true else { return false }
        switch (what, observation.what) {
        case (.write(let device, let point, let value), .write(let observedDevice, let observedPoint, let observedValue)):
            return device == observedDevice && point == observedPoint && Self.same(value, observedValue)
        case (.event(let name), .event(let observed)), (.emit(let name), .emit(let observed)):
            return name == observed
        case (.publish(let topic, let payload), .publish(let observedTopic, let observedPayload)):
            return topic == observedTopic && payload.map { $0 == observedPayload } ?? true
        default:
            return false
        }
    }

    /// Numbers match when they agree to about 12 significant digits (`0.1 + 0.2` is `0.3`).
    static func same(_ expected: ReadingValue, _ observed: ReadingValue) -> Bool {
        guard case .number(let a) = expected, case .number(let b) = observed else { return expected == observed }
        return a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    }

    /// How many constraints it has: specific expectations are matched first.
    var specificity: Int {
        var count = rule == nil ? 0 : 1
        if case .publish(_, _?) = what { count += 1 }
        return count
    }

    /// `write hvac.cooling = on`, `event RuleTriggered (cool-greenhouse)`.
    public var description: String {
        var text: String =
            switch what {
            case .write(let device, let point, let value): "write \(device).\(point) = \(RuleTestObservation.format(value))"
            case .event(let name): "event \(name)"
            case .emit(let name): "emit \(name)"
            case .publish(let topic, let payload): payload.map { "publish \(topic) \"\($0)\"" } ?? "publish \(topic)"
            }
        if let rule { text += " (\(rule))" }
        return text
    }
}
