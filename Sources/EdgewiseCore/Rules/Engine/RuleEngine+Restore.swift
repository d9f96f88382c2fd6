/// Starting from a saved state: after a restart, or on a reload with a new configuration.
///
/// - A rule whose definition (its fingerprint) is unchanged resumes exactly; a `for:` countdown
///   pauses for the time the engine was stopped (the gap between the state's time and `now`).
/// - A changed rule starts fresh — no countdown, nothing deferred — but keeps whether it is active
///   and its last trigger and clear: what it switched is still switched, and `min_on`/`min_off`
///   protect that equipment, not the rule text.
/// - A rule no longer configured is forgotten (what it wrote stays as it is).
/// - Values are restored unless their device is offline or has been silent longer than its
///   `stale_after`; histories as far as the windows still reach.
extension RuleEngine {
    mutating func restore(_ saved: RuleEngineState, devices: [DeviceConfig]) {
        let gap = saved.time.map { now > $0 ? now - $0 : .zero } ?? .zero
        for rule in rules {
            guard let previous = saved.rules[rule.name] else { continue }
            if previous.definition == rule.fingerprint {
                var state = previous
                if case .pending(let since) = state.intent { state.intent = .pending(since: since + gap) }
                ruleStates[rule.index] = state
            } else {
                var state = RuleState(definition: rule.fingerprint)
                state.activeSince = previous.activeSince
                state.intent = previous.activeSince == nil ? .off : .on
                state.lastTriggered = previous.lastTriggered
                state.lastCleared = previous.lastCleared
                ruleStates[rule.index] = state
            }
        }
        var staleAfter: [String: Duration] = [:]
        for device in devices where !device.isTemplate {
            if let stale = device.staleAfter { staleAfter[device.name] = stale }
        }
        points.restore(saved, staleAfter: staleAfter, now: now)
    }
}
