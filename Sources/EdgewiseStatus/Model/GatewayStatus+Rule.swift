import EdgewiseCore

extension GatewayStatus {
    /// One rule and where it is in its lifecycle (docs/rules.md).
    public struct Rule: Sendable, Hashable, Codable {
        public var name: String
        /// `idle`, `pending`, `active`, `trigger-deferred` or `clear-deferred` (`RulePhase.name`).
        public var phase: String
        /// When the rule entered `phase`: when `when` began to hold (`pending`), when it triggered
        /// (`active`, `clear-deferred`), when the trigger was held back (`trigger-deferred`);
        /// `nil` for `idle`.
        public var since: String?
        /// When the phase ends by itself if nothing changes: when `for:` has elapsed (`pending`), when
        /// `min_off`/`cooldown` (`trigger-deferred`) or `min_on` (`clear-deferred`) allow; `nil`
        /// otherwise.
        public var until: String?
        /// When it last triggered (its `then:` ran), also before this start; `nil` when never.
        public var lastTriggered: String?
        /// When it last cleared (its `on_clear:` ran); `nil` when never.
        public var lastCleared: String?
        /// Times it triggered since start.
        public var triggerCount: Int

        public init(
            name: String, phase: String, since: Timestamp? = nil, until: Timestamp? = nil, lastTriggered: Timestamp? = nil,
            lastCleared: Timestamp? = nil, triggerCount: Int = 0
        ) {
            self.name = name
            self.phase = phase
            self.since = since?.rfc3339
            self.until = until?.rfc3339
            self.lastTriggered = lastTriggered?.rfc3339
            self.lastCleared = lastCleared?.rfc3339
            self.triggerCount = triggerCount
        }

        /// The rule as the engine reports it (`RuleEngine.status()`), with the trigger count the
        /// runtime keeps.
        public init(_ status: RuleStatus, triggerCount: Int) {
            let since: Timestamp?
            let until: Timestamp?
            switch status.phase {
            case .idle: (since, until) = (nil, nil)
            case .pending(let start, let triggersAt): (since, until) = (start, triggersAt)
            case .active(let start): (since, until) = (start, nil)
            case .triggerDeferred(let requestedAt, let end): (since, until) = (requestedAt, end)
            case .clearDeferred(let activeSince, _, let end): (since, until) = (activeSince, end)
            }
            self.init(
                name: status.name, phase: status.phase.name, since: since, until: until, lastTriggered: status.lastTriggered,
                lastCleared: status.lastCleared, triggerCount: triggerCount)
        }

        enum CodingKeys: String, CodingKey {
            case name, phase, since, until
            case lastTriggered = "last_triggered"
            case lastCleared = "last_cleared"
            case triggerCount = "trigger_count"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(phase, forKey: .phase)
            try container.encode(since, forKey: .since)
            try container.encode(until, forKey: .until)
            try container.encode(lastTriggered, forKey: .lastTriggered)
            try container.encode(lastCleared, forKey: .lastCleared)
            try container.encode(triggerCount, forKey: .triggerCount)
        }
    }
}
