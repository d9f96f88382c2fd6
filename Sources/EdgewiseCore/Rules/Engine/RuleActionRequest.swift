/// One action a rule asks the runtime to perform.
public struct RuleActionRequest: Sendable, Hashable {
    /// Whether the action belongs to the rule's `then:` (trigger) or `on_clear:` (clear).
    public enum Phase: String, Sendable, Hashable {
        case trigger, clear
    }

    public enum Action: Sendable, Hashable {
        /// Write `value` to a writable point.
        case write(device: String, point: String, value: ReadingValue)
        /// The rule emitted this event. It is already in `RuleOutput.events`: nothing to do but
        /// record it; the request is here so every action of a rule appears in `actions`.
        case emit(EventName)
        /// Publish `payload` (already rendered) on the local broker.
        case publish(topic: String, payload: String, retain: Bool)
    }

    /// The rule whose action this is.
    public var rule: String
    public var phase: Phase
    public var action: Action
    /// When the engine decided it (the virtual or wall-clock time passed in).
    public var time: Timestamp
    /// The rule's `priority`.
    public var priority: Int

    public init(rule: String, phase: Phase, action: Action, time: Timestamp, priority: Int) {
        self.rule = rule
        self.phase = phase
        self.action = action
        self.time = time
        self.priority = priority
    }
}
