/// A rule triggering or clearing, with the reason in words.
enum RuleTransition: Sendable {
    case trigger(reason: String)
    case clear(reason: String)

    var isTrigger: Bool {
        if case .trigger = self { return true }
        return false
    }

    var reason: String {
        switch self {
        case .trigger(let reason), .clear(let reason): reason
        }
    }
}

/// Each rule's lifecycle: the conditions decide what the rule asks for (its *intent*: off,
/// pending for `for:`, on); `min_on`, `min_off` and `cooldown` decide when that takes effect.
extension RuleEngine {
    /// Evaluates `indexes` at `time`, highest priority first (then configured order), and performs
    /// what changed.
    mutating func process(_ indexes: [Int], at time: Timestamp, into output: inout RuleOutput) {
        let ordered = Set(indexes).sorted { (rules[$0].priority, -$0) > (rules[$1].priority, -$1) }
        var transitions: [(index: Int, transition: RuleTransition)] = []
        for index in ordered {
            if let transition = step(index, at: time) { transitions.append((index, transition)) }
        }
        if !transitions.isEmpty { perform(transitions, at: time, into: &output) }
    }

    /// Evaluates one rule at `time`: updates its intent from the conditions, then lets it take
    /// effect if the timers allow.
    mutating func step(_ index: Int, at time: Timestamp) -> RuleTransition? {
        let rule = rules[index]
        let config = rule.config
        var state = ruleStates[index]
        let when = truth(of: config.when.expression, at: time)
        switch state.intent {
        case .off, .pending:
            if state.isActive {
                // A clear deferred by min_on is dropped as soon as the trigger condition holds again.
                if when == true || (when == nil && config.onUnknown == .trigger && unknownCause(of: config.when.expression) != nil) {
                    state.intent = .on
                }
            } else if when == true {
                let since: Timestamp = if case .pending(let since) = state.intent { since } else { time }
                if let holdFor = rule.holdFor, time - since < holdFor {
                    state.intent = .pending(since: since)
                } else {
                    state.intent = .on
                    state.request(at: time, reason: rule.holdFor.map { "condition held for \(DurationSyntax.format($0))" } ?? "condition met")
                }
            } else {
                // False or unknown: a for: countdown breaks.
                state.intent = .off
                if when == nil, config.onUnknown == .trigger, let cause = unknownCause(of: config.when.expression) {
                    state.intent = .on
                    state.request(at: time, reason: "data unknown: \(cause) (on_unknown: trigger)")
                }
            }
        case .on:
            let clearCondition = config.until?.expression ?? config.when.expression
            let clears: Bool? = if let until = config.until { truth(of: until.expression, at: time) } else { when.map { !$0 } }
            if clears == true {
                state.intent = .off
                state.request(at: time, reason: config.until == nil ? "condition no longer holds" : "until condition met")
            } else if clears == nil, config.onUnknown == .clear, let cause = unknownCause(of: clearCondition) {
                state.intent = .off
                state.request(at: time, reason: "data unknown: \(cause) (on_unknown: clear)")
            }
        }
        let transition = takeEffect(&state, rule, at: time)
        ruleStates[index] = state
        return transition
    }

    /// Triggers or clears when the intent differs from what is in effect and the timers allow it;
    /// otherwise the change stays deferred (or is dropped, when the intent went back).
    private func takeEffect(_ state: inout RuleState, _ rule: CompiledRule, at time: Timestamp) -> RuleTransition? {
        switch (state.intent, state.activeSince) {
        case (.on, nil):
            let (allowedAt, timer) = triggerAllowed(state, rule)
            if let allowedAt, time < allowedAt { return nil }
            let reason = (state.requestReason ?? "condition met") + Self.deferral(state.requestedAt, time, timer)
            state.activeSince = time
            state.lastTriggered = time
            state.clearRequest()
            return .trigger(reason: reason)
        case (.on, _?):
            state.clearRequest()
            return nil
        case (_, let since?):
            if let minimumOn = rule.config.minimumOn, time < since + minimumOn { return nil }
            let reason = (state.requestReason ?? "condition no longer holds") + Self.deferral(state.requestedAt, time, "min_on")
            state.activeSince = nil
            state.lastCleared = time
            state.intent = .off
            state.clearRequest()
            return .clear(reason: reason)
        case (_, nil):
            state.clearRequest()
            return nil
        }
    }

    /// When a trigger may happen (after `min_off` since the last clear and `cooldown` since the
    /// last trigger), and which of the two decides; `nil` when nothing holds it back.
    func triggerAllowed(_ state: RuleState, _ rule: CompiledRule) -> (time: Timestamp?, timer: String) {
        let afterOff: Timestamp? = if let cleared = state.lastCleared, let minimumOff = rule.config.minimumOff { cleared + minimumOff } else { nil }
        let afterCooldown: Timestamp? = if let triggered = state.lastTriggered, let cooldown = rule.config.cooldown { triggered + cooldown } else { nil }
        switch (afterOff, afterCooldown) {
        case (let off?, let cooldown?): return cooldown > off ? (cooldown, "cooldown") : (off, "min_off")
        case (let off?, nil): return (off, "min_off")
        case (nil, let cooldown?): return (cooldown, "cooldown")
        case (nil, nil): return (nil, "")
        }
    }

    /// `; deferred 1m30s by min_off`, when the change was asked for before now.
    static func deferral(_ requestedAt: Timestamp?, _ time: Timestamp, _ timer: String) -> String {
        guard let requestedAt, time > requestedAt else { return "" }
        return "; deferred \(DurationSyntax.format(time - requestedAt)) by \(timer)"
    }

    /// `greenhouse-air offline` when `expression` reads points of offline devices; `nil` when
    /// none is offline (then `on_unknown` does not act: the data is only not there yet).
    func unknownCause(of expression: RuleExpression) -> String? {
        let offline = offlineDevices(in: expression)
        return offline.isEmpty ? nil : offline.joined(separator: ", ") + " offline"
    }

    /// The rule's phase, for `status()`.
    func phase(of index: Int) -> RulePhase {
        let (rule, state) = (rules[index], ruleStates[index])
        if let since = state.activeSince {
            guard state.intent == .on else {
                return .clearDeferred(activeSince: since, requestedAt: state.requestedAt ?? since, until: since + (rule.config.minimumOn ?? .zero))
            }
            return .active(since: since)
        }
        switch state.intent {
        case .on: return .triggerDeferred(requestedAt: state.requestedAt ?? now, until: triggerAllowed(state, rule).time ?? now)
        case .pending(let since): return .pending(since: since, triggersAt: since + (rule.holdFor ?? .zero))
        case .off: return .idle
        }
    }

    // MARK: Wake-ups

    /// The next time rule `index` needs evaluating without new input.
    func wakeUp(for index: Int, includingCalendar: Bool) -> Timestamp? {
        let (rule, state) = (rules[index], ruleStates[index])
        var earliest: Timestamp?
        func consider(_ time: Timestamp?) {
            if let time, earliest.map({ time < $0 }) ?? true { earliest = time }
        }
        if case .pending(let since) = state.intent, let holdFor = rule.holdFor { consider(since + holdFor) }
        if state.intent == .on, !state.isActive { consider(triggerAllowed(state, rule).time) }
        if state.intent != .on, let since = state.activeSince { consider(since + (rule.config.minimumOn ?? .zero)) }
        if includingCalendar { consider(timeZone.nextEdge(after: now, edges: rule.calendarEdges)) }
        for (key, window) in rule.conditionWindows { consider(points.nextDeparture(key: key, window: window, after: now)) }
        return earliest
    }

    /// The rules due at `time`: all of them for the evaluation after start.
    func dueRules(at time: Timestamp) -> [Int] {
        if startupEvaluationDue { return Array(rules.indices) }
        return rules.indices.filter { wakeUp(for: $0, includingCalendar: true).map { $0 <= time } ?? false }
    }

    /// The next wake-up for anything but calendar edges: a countdown, a deferred change, a sample
    /// leaving a window. `nil` when the rules have settled.
    var nextTimerWakeUp: Timestamp? {
        if startupEvaluationDue { return now }
        return rules.indices.compactMap { wakeUp(for: $0, includingCalendar: false) }.min()
    }
}

extension RuleState {
    mutating func request(at time: Timestamp, reason: String) {
        requestedAt = time
        requestReason = reason
    }

    mutating func clearRequest() {
        requestedAt = nil
        requestReason = nil
    }
}
