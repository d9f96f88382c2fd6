/// What rules that trigger or clear together at one instant do: their events, and their actions
/// after write arbitration.
///
/// Arbitration, per point: while a rule is active, each point its `then:` writes is *held* by it.
/// Of the active rules holding a point, the one with the highest priority (then the one configured
/// first) wins, and only its value is written:
/// - a rule that triggers writes a held point only if it wins it;
/// - a rule that clears writes its `on_clear:` value to a point only if no active rule holds it
///   (and only the first such clear, by priority, at one instant);
/// - when a point's winner changes because the winner cleared, the new winner's value is written
///   again, evaluated now.
extension RuleEngine {
    mutating func perform(_ transitions: [(index: Int, transition: RuleTransition)], at time: Timestamp, into output: inout RuleOutput) {
        let changed = Set(transitions.map(\.index))
        let triggered = Set(transitions.filter { $0.transition.isTrigger }.map(\.index))
        let isActiveAfter: (Int) -> Bool = { self.ruleStates[$0].isActive }
        let isActiveBefore: (Int) -> Bool = { changed.contains($0) ? !self.ruleStates[$0].isActive : self.ruleStates[$0].isActive }
        var clearedPoints: Set<String> = []
        var touched: [String] = []

        for (index, transition) in transitions {
            let rule = rules[index]
            let data = RuleEventData(rule: rule.name, reason: transition.reason, values: conditionValues(of: rule))
            let isTrigger = transition.isTrigger
            output.events.append(DomainEvent(
                isTrigger ? .ruleTriggered : .ruleCleared, time: time, device: nil,
                data: isTrigger ? .ruleTriggered(data) : .ruleCleared(data)))
            for (key, _) in rule.holds where !touched.contains(key) { touched.append(key) }
            let phase: RuleActionRequest.Phase = isTrigger ? .trigger : .clear
            for action in isTrigger ? rule.config.onTrigger : rule.config.onClear {
                switch action.kind {
                case .write(let write):
                    let key = PointStore.key(write.device, write.point)
                    let winner = self.winner(of: key, active: isActiveAfter)
                    if isTrigger, winner != index {
                        if let winner { notice(rule, time, "\(describe(write)) not made: rule '\(rules[winner].name)' (priority \(rules[winner].priority)) holds \(key)", into: &output) }
                        continue
                    }
                    if !isTrigger {
                        if let winner {
                            notice(rule, time, "\(describe(write)) not made: rule '\(rules[winner].name)' (priority \(rules[winner].priority)) holds \(key)", into: &output)
                            continue
                        }
                        guard clearedPoints.insert(key).inserted else {
                            notice(rule, time, "\(describe(write)) not made: another rule clearing at the same time wrote \(key) first", into: &output)
                            continue
                        }
                    }
                    appendWrite(write, by: rule, phase: phase, at: time, into: &output)
                case .emit(let name):
                    output.actions.append(RuleActionRequest(rule: rule.name, phase: phase, action: .emit(name), time: time, priority: rule.priority))
                    output.events.append(DomainEvent(name, time: time, device: nil, data: .emitted(data)))
                case .publish(let publication):
                    let payload = render(publication.payload, rule: rule, at: time)
                    output.actions.append(RuleActionRequest(
                        rule: rule.name, phase: phase, action: .publish(topic: publication.topic, payload: payload, retain: publication.retain),
                        time: time, priority: rule.priority))
                }
            }
        }

        // A point whose winner changed to a rule that did not just trigger gets that rule's value again.
        for key in touched {
            guard let after = winner(of: key, active: isActiveAfter), !triggered.contains(after),
                  after != winner(of: key, active: isActiveBefore), let write = rules[after].holdWrite(for: key)
            else { continue }
            appendWrite(write, by: rules[after], phase: .trigger, at: time, into: &output)
        }
    }

    /// The active rule that wins `key`: the highest priority, then the first configured.
    func winner(of key: String, active: (Int) -> Bool) -> Int? {
        holdersByPoint[key]?.first(where: active)
    }

    private func appendWrite(_ write: PointWrite, by rule: CompiledRule, phase: RuleActionRequest.Phase, at time: Timestamp, into output: inout RuleOutput) {
        guard let value = value(of: write.value.expression, at: time) else {
            notice(rule, time, "\(describe(write)) not made: the value is unknown", into: &output)
            return
        }
        output.actions.append(RuleActionRequest(
            rule: rule.name, phase: phase, action: .write(device: write.device, point: write.point, value: value), time: time,
            priority: rule.priority))
    }

    private func describe(_ write: PointWrite) -> String {
        "write \(write.device).\(write.point) = \(write.value.expression)"
    }

    private func notice(_ rule: CompiledRule, _ time: Timestamp, _ message: String, into output: inout RuleOutput) {
        output.notices.append(RuleNotice(rule: rule.name, time: time, message: message))
    }

    /// The payload with `{rule}`, `{time}` (RFC 3339) and `{device.point}` (current value, `null`
    /// when unknown) filled in.
    func render(_ template: PayloadTemplate, rule: CompiledRule, at time: Timestamp) -> String {
        template.render { name in
            switch name {
            case "rule": return rule.name
            case "time": return time.rfc3339
            default:
                let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { return nil }
                return points.value(device: parts[0], point: parts[1])?.description
            }
        }
    }
}
