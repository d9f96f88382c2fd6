/// Where a rule is in its lifecycle.
///
/// ```
///  idle ──when true──▶ pending ──for: elapsed──▶ active ──until/when false──▶ idle
///                         │                        ▲  │
///                         └──any false/unknown─▶ idle │ (clear before min_on)
///  (trigger before min_off/cooldown) trigger-deferred  clear-deferred
/// ```
public enum RulePhase: Sendable, Hashable {
    /// Not triggered, no countdown running.
    case idle
    /// `when` holds; the rule triggers at `triggersAt` if it still holds then (`for:`).
    case pending(since: Timestamp, triggersAt: Timestamp)
    /// Triggered: its `then:` actions are in effect.
    case active(since: Timestamp)
    /// The rule should trigger but `min_off` or `cooldown` holds it back until `until`.
    case triggerDeferred(requestedAt: Timestamp, until: Timestamp)
    /// Active, and should clear, but `min_on` holds it on until `until`.
    case clearDeferred(activeSince: Timestamp, requestedAt: Timestamp, until: Timestamp)

    /// `idle`, `pending`, `active`, `trigger-deferred`, `clear-deferred`: the names status output uses.
    public var name: String {
        switch self {
        case .idle: "idle"
        case .pending: "pending"
        case .active: "active"
        case .triggerDeferred: "trigger-deferred"
        case .clearDeferred: "clear-deferred"
        }
    }

    /// Whether the rule's `then:` actions are in effect.
    public var isActive: Bool {
        switch self {
        case .active, .clearDeferred: true
        case .idle, .pending, .triggerDeferred: false
        }
    }
}
