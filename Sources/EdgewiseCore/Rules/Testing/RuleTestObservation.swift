/// Something the rules did in a test case: an action or a `RuleTriggered`/`RuleCleared` event.
public struct RuleTestObservation: Sendable, Hashable, CustomStringConvertible {
    public enum What: Sendable, Hashable {
        case write(device: String, point: String, value: ReadingValue)
        case event(EventName)
        case emit(EventName)
        case publish(topic: String, payload: String)
    }

    /// Since the start of the case.
    public var at: Duration
    public var what: What
    public var rule: String

    public init(at: Duration, _ what: What, rule: String) {
        self.at = at
        self.what = what
        self.rule = rule
    }

    /// `write hvac.cooling = on (cool-greenhouse)`.
    public var description: String {
        let text: String =
            switch what {
            case .write(let device, let point, let value): "write \(device).\(point) = \(Self.format(value))"
            case .event(let name): "event \(name)"
            case .emit(let name): "emit \(name)"
            case .publish(let topic, let payload): "publish \(topic) \"\(payload)\""
            }
        return text + " (\(rule))"
    }

    /// Values as test files write them: `on`/`off`, numbers without noise.
    static func format(_ value: ReadingValue) -> String {
        switch value {
        case .boolean(let flag): flag ? "on" : "off"
        case .number, .text: value.description
        }
    }
}
