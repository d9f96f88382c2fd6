/// One rule's lifecycle, as saved.
public struct RuleState: Sendable, Hashable {
    /// What the rule's conditions ask for, before `min_on`, `min_off` and `cooldown` have their say.
    public enum Intent: Sendable, Hashable {
        /// The rule should be off.
        case off
        /// `when` has held since `since`; the rule should turn on once it has held for `for:`.
        case pending(since: Timestamp)
        /// The rule should be on.
        case on
    }

    /// A fingerprint of the rule's definition: state is kept across a reload only for a rule
    /// whose fingerprint is unchanged.
    public internal(set) var definition: String
    public internal(set) var intent: Intent = .off
    /// When the rule triggered, while it is active (its `then:` actions are in effect).
    public internal(set) var activeSince: Timestamp?
    public internal(set) var lastTriggered: Timestamp?
    public internal(set) var lastCleared: Timestamp?
    /// While the intent differs from what is in effect (a deferred trigger or clear): when that
    /// was asked for, and why.
    public internal(set) var requestedAt: Timestamp?
    public internal(set) var requestReason: String?

    public init(definition: String) {
        self.definition = definition
    }

    /// Whether the rule's `then:` actions are in effect.
    public var isActive: Bool { activeSince != nil }
}
