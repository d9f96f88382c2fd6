/// One entry under `rules:` in a `rules/*.yaml` file: when to act, and what to do.
public struct RuleConfig: Sendable {
    /// `name`: unique over all rule files; appears in `RuleTriggered` events and the status page.
    public var name: String
    /// Where the rule's `name:` is written.
    public var location: ConfigLocation
    /// `when`: the condition that triggers the rule.
    public var when: SourceExpression
    /// `for`: how long `when` must hold without a break before the rule triggers.
    public var holdFor: Duration?
    /// `until`: a separate condition that clears the rule (hysteresis); without it the rule
    /// clears as soon as `when` is false.
    public var until: SourceExpression?
    /// `then`: actions on trigger.
    public var onTrigger: [RuleAction]
    /// `on_clear`: actions on clear.
    public var onClear: [RuleAction]
    /// `min_on`: the least time between trigger and clear (anti-short-cycle).
    public var minimumOn: Duration?
    /// `min_off`: the least time between clear and the next trigger.
    public var minimumOff: Duration?
    /// `cooldown`: the least time between two triggers.
    public var cooldown: Duration?
    /// `priority`: when two active rules write the same point, the higher priority wins (default 0).
    public var priority: Int
    /// `on_unknown`: what to do while the condition cannot be evaluated (missing or stale data).
    public var onUnknown: UnknownDataPolicy

    public init(
        name: String, location: ConfigLocation, when: SourceExpression, holdFor: Duration? = nil, until: SourceExpression? = nil,
        onTrigger: [RuleAction] = [], onClear: [RuleAction] = [], minimumOn: Duration? = nil, minimumOff: Duration? = nil,
        cooldown: Duration? = nil, priority: Int = 0, onUnknown: UnknownDataPolicy = .hold
    ) {
        self.name = name
        self.location = location
        self.when = when
        self.holdFor = holdFor
        self.until = until
        self.onTrigger = onTrigger
        self.onClear = onClear
        self.minimumOn = minimumOn
        self.minimumOff = minimumOff
        self.cooldown = cooldown
        self.priority = priority
        self.onUnknown = onUnknown
    }
}

/// What a rule does while its condition is unknown because data is missing or stale.
public enum UnknownDataPolicy: String, Sendable, Hashable, CaseIterable {
    /// Keep the current state (the default): nothing changes until data returns.
    case hold
    /// Clear the rule and run `on_clear` — fail safe, e.g. a heater off when its sensor dies.
    case clear
    /// Trigger the rule and run `then`.
    case trigger
}
