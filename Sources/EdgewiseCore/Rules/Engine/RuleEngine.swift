/// Runs the rules: decides from readings, device liveness and time when each rule triggers and
/// clears, and what it asks the runtime to do then. The semantics are in docs/rules.md.
///
/// Pure and deterministic: no clock, no I/O. Time comes in with every call (`accept` at the
/// reading's time or the arrival time, `advance(to:)` from the runtime's clock or a test's virtual
/// one), and `nextWakeUp` says when to call `advance` next if nothing arrives before. Everything
/// that must survive a restart is in `state`.
///
/// ```swift
/// var engine = RuleEngine(rules: config.rules, devices: config.devices, timeZone: zone, state: saved, now: clock.now)
/// var output = RuleOutput()
/// engine.accept(reading, into: &output)        // and deviceOffline/deviceOnline
/// engine.advance(to: clock.now, into: &output) // at engine.nextWakeUp
/// perform(output.actions); publish(output.events)
/// ```
///
/// Calls must come with times that do not go backwards; an earlier time is treated as the
/// engine's current time.
public struct RuleEngine: Sendable {
    let rules: [CompiledRule]
    let timeZone: RuleTimeZone
    /// The engine's current time: the latest time it was given.
    public private(set) var now: Timestamp
    var ruleStates: [RuleState]
    var points: PointStore
    /// Every rule is evaluated once at the first `advance` (or reading) after `init`.
    var startupEvaluationDue = true
    /// Rule indexes by `device.point` their conditions read, and by device.
    let rulesByPoint: [String: [Int]]
    let rulesByDevice: [String: [Int]]
    /// Rules whose `then:` writes each point, highest priority first (then configured order).
    let holdersByPoint: [String: [Int]]

    /// - Parameters:
    ///   - rules: in configured order (rule files by name, rules top to bottom), which breaks ties
    ///     between rules of equal priority.
    ///   - devices: the configured devices (their `stale_after` decides which saved values are
    ///     still worth restoring).
    ///   - timeZone: the gateway's local time, for calendar conditions.
    ///   - state: what the previous engine saved; rules whose definition is unchanged resume.
    ///   - now: the current time.
    public init(rules: [RuleConfig], devices: [DeviceConfig], timeZone: RuleTimeZone, state: RuleEngineState = RuleEngineState(), now: Timestamp) {
        let compiled = rules.enumerated().map { CompiledRule($1, index: $0) }
        self.rules = compiled
        self.timeZone = timeZone
        self.now = now
        var byPoint: [String: [Int]] = [:], byDevice: [String: [Int]] = [:], holders: [String: [Int]] = [:]
        var used: Set<String> = [], windows: [String: Duration] = [:]
        for rule in compiled {
            for (device, point) in rule.conditionPoints { byPoint[PointStore.key(device, point), default: []].append(rule.index) }
            for device in rule.conditionDevices.sorted() { byDevice[device, default: []].append(rule.index) }
            for (key, _) in rule.holds { holders[key, default: []].append(rule.index) }
            used.formUnion(rule.usedPoints)
            for (key, window) in rule.allWindows { windows[key] = max(windows[key] ?? .zero, window) }
        }
        rulesByPoint = byPoint
        rulesByDevice = byDevice
        holdersByPoint = holders.mapValues { indexes in
            indexes.sorted { (compiled[$0].priority, -$0) > (compiled[$1].priority, -$1) }
        }
        points = PointStore(points: used, windows: windows)
        ruleStates = compiled.map { RuleState(definition: $0.fingerprint) }
        restore(state, devices: devices)
    }

    // MARK: Inputs

    /// A reading arrived: updates the point's value and history, and evaluates the rules whose
    /// conditions read it, at the reading's time (or the engine's time, if that is later).
    ///
    /// A reading also brings its device back online, as `EventDeriver.heard` does.
    public mutating func accept(_ reading: Reading, into output: inout RuleOutput) {
        accept(reading, at: reading.time, into: &output)
    }

    /// A reading that arrived at `arrival`: the rules are evaluated then, whatever time the reading
    /// carries (a device with a wrong clock cannot move rule timers); its own time, if earlier,
    /// places it in the history.
    public mutating func accept(_ reading: Reading, at arrival: Timestamp, into output: inout RuleOutput) {
        advance(to: arrival, into: &output)
        let used = points.record(reading, at: now)
        if points.setOnline(reading.device) {
            evaluate(rulesByDevice[reading.device] ?? [], into: &output)
        } else if used {
            evaluate(rulesByPoint[PointStore.key(reading.device, reading.point)] ?? [], into: &output)
        }
    }

    /// A device went offline (silent past `stale_after`, or unreachable): its points become
    /// unknown, and the rules that read them are evaluated.
    public mutating func deviceOffline(_ device: String, at time: Timestamp, into output: inout RuleOutput) {
        advance(to: time, into: &output)
        guard points.setOffline(device) else { return }
        evaluate(rulesByDevice[device] ?? [], into: &output)
    }

    /// A device is back online. Its points stay unknown until each reports again.
    public mutating func deviceOnline(_ device: String, at time: Timestamp, into output: inout RuleOutput) {
        advance(to: time, into: &output)
        guard points.setOnline(device) else { return }
        evaluate(rulesByDevice[device] ?? [], into: &output)
    }

    /// Time passes: fires, in time order, everything due up to `target` — `for:` countdowns that
    /// end, deferred triggers and clears whose `min_on`/`min_off`/`cooldown` ends, samples leaving
    /// a window, time-of-day and weekday edges — each at the exact time it is due.
    public mutating func advance(to target: Timestamp, into output: inout RuleOutput) {
        while let next = nextWakeUp, next <= target {
            let due = dueRules(at: next)
            let time = max(next, now)
            now = time
            points.trim(at: time)
            startupEvaluationDue = false
            process(due, at: time, into: &output)
            // Everything due at `time` was handled; a wake-up not after it would be a bug, and
            // must not hang the gateway.
            if let again = nextWakeUp, again <= time { break }
        }
        if target > now {
            now = target
            points.trim(at: now)
        }
    }

    /// Evaluates `indexes` now (after anything due first).
    private mutating func evaluate(_ indexes: [Int], into output: inout RuleOutput) {
        if startupEvaluationDue {
            startupEvaluationDue = false
            process(Array(rules.indices), at: now, into: &output)
        } else if !indexes.isEmpty {
            process(indexes, at: now, into: &output)
        }
    }

    // MARK: Outputs

    /// The earliest time at which `advance` would change something without new input; `nil` when
    /// nothing is pending. The runtime sleeps until then (or until the next reading).
    public var nextWakeUp: Timestamp? {
        if startupEvaluationDue { return now }
        return rules.indices.compactMap { wakeUp(for: $0, includingCalendar: true) }.min()
    }

    /// What must survive a restart or reload; pass it to the next engine's `init`.
    public var state: RuleEngineState {
        var state = RuleEngineState()
        state.time = now
        for rule in rules { state.rules[rule.name] = ruleStates[rule.index] }
        state.values = points.savedValues
        state.history = points.savedHistory
        state.offlineDevices = points.offline
        return state
    }

    /// Each rule's phase and last trigger and clear, in configured order.
    public func status() -> [RuleStatus] {
        rules.map { rule in
            let state = ruleStates[rule.index]
            return RuleStatus(
                name: rule.name, phase: phase(of: rule.index), priority: rule.priority, lastTriggered: state.lastTriggered,
                lastCleared: state.lastCleared)
        }
    }
}
