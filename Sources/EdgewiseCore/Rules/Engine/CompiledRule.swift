/// A rule prepared for the engine: its configuration and what the engine looks up often — the
/// points its conditions read, the windows and calendar edges that make it time-dependent, the
/// points its `then:` writes hold, and the fingerprint of its definition.
struct CompiledRule: Sendable {
    let config: RuleConfig
    /// Position in the configured order (files by name, rules top to bottom): breaks priority ties.
    let index: Int
    let fingerprint: String
    /// `device.point` of every point `when`/`until` read, in the order written, without repeats.
    let conditionPoints: [(device: String, point: String)]
    let conditionDevices: Set<String>
    /// The window functions in `when`/`until`: `device.point` and window.
    let conditionWindows: [(key: String, window: Duration)]
    /// The local times of day at which a calendar condition in `when`/`until` can change.
    let calendarEdges: [Int64]
    /// The points `then:` writes, each with the last value expression written to it: while the
    /// rule is active it holds these points.
    let holds: [(key: String, write: PointWrite)]

    var name: String { config.name }
    var priority: Int { config.priority }
    /// `for:`, when longer than zero.
    var holdFor: Duration? { config.holdFor.flatMap { $0 > .zero ? $0 : nil } }

    init(_ config: RuleConfig, index: Int) {
        self.config = config
        self.index = index
        self.fingerprint = Self.fingerprint(of: config)
        let conditions = [config.when.expression] + (config.until.map { [$0.expression] } ?? [])
        var seen: Set<String> = []
        var points: [(device: String, point: String)] = []
        for reference in conditions.flatMap(\.pointReferences) where seen.insert(reference.description).inserted {
            points.append((reference.device, reference.point))
        }
        conditionPoints = points
        conditionDevices = Set(points.map(\.device))
        conditionWindows = conditions.flatMap(Self.windows)
        var edges: [Int64] = []
        for condition in conditions.flatMap(Self.calendarConditions) {
            for edge in condition.edges where !edges.contains(edge) { edges.append(edge) }
        }
        calendarEdges = edges
        var holds: [(key: String, write: PointWrite)] = []
        for action in config.onTrigger {
            guard case .write(let write) = action.kind else { continue }
            let key = PointStore.key(write.device, write.point)
            holds.removeAll { $0.key == key }
            holds.append((key, write))
        }
        self.holds = holds
    }

    /// The expression the rule holds `key` with, if its `then:` writes it.
    func holdWrite(for key: String) -> PointWrite? { holds.first { $0.key == key }?.write }

    /// Every point any of the rule's expressions or payloads use.
    var usedPoints: Set<String> {
        var keys = Set(conditionPoints.map { PointStore.key($0.device, $0.point) })
        for action in config.onTrigger + config.onClear {
            switch action.kind {
            case .write(let write):
                keys.formUnion(write.value.expression.pointReferences.map { PointStore.key($0.device, $0.point) })
            case .publish(let publication):
                keys.formUnion(publication.payload.pointReferences)
            case .emit:
                break
            }
        }
        return keys
    }

    /// Every window function in any of the rule's expressions.
    var allWindows: [(key: String, window: Duration)] {
        var expressions = [config.when.expression] + (config.until.map { [$0.expression] } ?? [])
        for action in config.onTrigger + config.onClear {
            if case .write(let write) = action.kind { expressions.append(write.value.expression) }
        }
        return expressions.flatMap(Self.windows)
    }

    static func windows(in expression: RuleExpression) -> [(key: String, window: Duration)] {
        var found: [(key: String, window: Duration)] = []
        if case .call(_, let arguments) = expression.kind, arguments.count == 2,
           case .point(let reference) = arguments[0].kind, case .duration(let window) = arguments[1].kind {
            found.append((PointStore.key(reference.device, reference.point), window))
        }
        return found + expression.operands.flatMap(windows)
    }

    static func calendarConditions(in expression: RuleExpression) -> [CalendarCondition] {
        if case .calendar(let condition) = expression.kind { return [condition] }
        return expression.operands.flatMap(calendarConditions)
    }

    // MARK: Fingerprint

    /// FNV-1a (64 bits, hex) of the rule's definition in canonical form: everything that decides
    /// what the rule does, and nothing about how it is written (spacing, comments, position).
    static func fingerprint(of rule: RuleConfig) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in canonicalDefinition(of: rule).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func canonicalDefinition(of rule: RuleConfig) -> String {
        func duration(_ value: Duration?) -> String { value.map(DurationSyntax.format) ?? "-" }
        func actions(_ list: [RuleAction]) -> String {
            list.map { action in
                switch action.kind {
                case .write(let write): "write \(write.device).\(write.point) = \(write.value.expression)"
                case .emit(let name): "emit \(name)"
                case .publish(let publication): "publish \(publication.topic) \(publication.payload.text) retain=\(publication.retain)"
                }
            }.joined(separator: "; ")
        }
        return [
            "when: \(rule.when.expression)", "for: \(duration(rule.holdFor))", "until: \(rule.until.map { "\($0.expression)" } ?? "-")",
            "then: \(actions(rule.onTrigger))", "on_clear: \(actions(rule.onClear))", "min_on: \(duration(rule.minimumOn))",
            "min_off: \(duration(rule.minimumOff))", "cooldown: \(duration(rule.cooldown))", "priority: \(rule.priority)",
            "on_unknown: \(rule.onUnknown.rawValue)",
        ].joined(separator: "\n")
    }
}
