/// A rule's state for the status endpoint and `edgewise status`.
public struct RuleStatus: Sendable, Hashable {
    public var name: String
    public var phase: RulePhase
    public var priority: Int
    /// The last time the rule triggered (its `then:` ran), if ever.
    public var lastTriggered: Timestamp?
    /// The last time the rule cleared (its `on_clear:` ran), if ever.
    public var lastCleared: Timestamp?

    public init(name: String, phase: RulePhase, priority: Int, lastTriggered: Timestamp?, lastCleared: Timestamp?) {
        self.name = name
        self.phase = phase
        self.priority = priority
        self.lastTriggered = lastTriggered
        self.lastCleared = lastCleared
    }
}
