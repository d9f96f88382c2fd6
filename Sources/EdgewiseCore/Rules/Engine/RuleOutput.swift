/// What the rule engine asks for in one call: the events to publish and the actions to perform,
/// in order.
///
/// Pass the same value to several calls to collect their output; the runtime performs the actions
/// and publishes the events, then empties it.
public struct RuleOutput: Sendable {
    /// `RuleTriggered`, `RuleCleared` and the custom events of `emit` actions.
    public var events: [DomainEvent] = []
    /// Writes and publishes to perform, and the `emit`s (whose events are already in `events`).
    public var actions: [RuleActionRequest] = []
    /// Things worth a log line that are not events: a write not made because a rule of higher
    /// priority holds the point, or because its value is unknown.
    public var notices: [RuleNotice] = []

    public init() {}

    /// Whether nothing was produced.
    public var isEmpty: Bool { events.isEmpty && actions.isEmpty && notices.isEmpty }
}
