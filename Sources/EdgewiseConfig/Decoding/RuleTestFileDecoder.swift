import EdgewiseCore

/// Decodes one `rules/*.test.yaml` file into its test cases, checking every name against the
/// configuration and recording every problem at its line and column.
///
/// ```yaml
/// cases:
///   - name: cools after two minutes above 26
///     readings:
///       - {at: 0s,  point: greenhouse-air.temperature, value: 25}
///       - {at: 10s, point: greenhouse-air.temperature, value: 27}
///       - {at: 5m,  offline: greenhouse-air}
///     expect:
///       - {at: 2m10s, write: hvac.cooling = on}
///       - {at: 2m10s, event: RuleTriggered, rule: cool-greenhouse}
///       - {at: 2m10s, emit: CoolingRequested}
///       - {at: 2m10s, publish: alerts/greenhouse, payload: "too hot"}
/// ```
struct RuleTestFileDecoder {
    /// Device → point → kind, of the configured devices.
    let catalog: [String: [String: ValueKind]]
    let ruleNames: [String]
    /// The custom event names some rule emits.
    let emittedNames: Set<String>

    init(configuration: EdgewiseConfiguration) {
        var catalog: [String: [String: ValueKind]] = [:]
        for device in configuration.devices where !device.isTemplate {
            catalog[device.name] = Dictionary(device.points.map { ($0.name, $0.valueKind) }, uniquingKeysWith: { first, _ in first })
        }
        self.catalog = catalog
        ruleNames = configuration.rules.map(\.name)
        var emitted: Set<String> = []
        for rule in configuration.rules {
            for action in rule.onTrigger + rule.onClear {
                if case .emit(let name) = action.kind { emitted.insert(name.name) }
            }
        }
        emittedNames = emitted
    }

    func decode(_ root: ConfigNode) -> [RuleTestCase]? {
        guard let file = root.mapping(context: "the rule test file") else { return nil }
        defer { file.reportUnknownKeys() }
        guard let entries = file.required("cases", hint: "list the test cases under 'cases:'")?.sequence() else { return nil }
        return entries.compactMap(decodeCase)
    }

    func decodeCase(_ node: ConfigNode) -> RuleTestCase? {
        guard let mapping = node.mapping(context: "a test case") else { return nil }
        let nameNode = mapping.required("name", hint: "e.g. 'name: cools after two minutes above 26'")
        let name = nameNode?.nonEmptyString()
        let scoped = ConfigMapping(mapping.node, context: name.map { "test case '\($0)'" } ?? "the test case")!
        defer { scoped.reportUnknownKeys() }
        scoped.markKnown("name", "description")
        let start = scoped.optional("start")?.parsed { text throws(QuantitySyntaxError) in
            guard let time = Timestamp.parseRFC3339(text) else {
                throw QuantitySyntaxError("'\(text)' is not a date and time", hint: "write it as RFC 3339 with an offset, e.g. '2026-06-01T06:55:00+02:00'")
            }
            return time
        }
        let runFor = scoped.optional("run_for")?.duration()
        let steps = scoped.optional("readings")?.sequence()?.compactMap(step) ?? []
        let expectNode = scoped.required("expect", hint: "list what the rules should do; write 'expect: []' when they should do nothing")
        let expectations = expectNode?.sequence()?.compactMap(expectation)
        guard let name, let nameNode, let expectations else { return nil }
        return RuleTestCase(
            name: name, location: nameNode.location, start: start ?? RuleTestCase.defaultStart, runFor: runFor, steps: steps, expectations: expectations)
    }

    // MARK: Readings

    /// `{at: T, point: D.P, value: V}`, `{at: T, offline: D}` or `{at: T, online: D}`.
    func step(_ node: ConfigNode) -> RuleTestStep? {
        guard let mapping = node.mapping(context: "a reading") else { return nil }
        defer { mapping.reportUnknownKeys() }
        let kinds = ["point", "offline", "online"]
        let given = kinds.filter(mapping.contains)
        mapping.markKnown("point", "offline", "online")
        let at = mapping.required("at", hint: "when, from the start of the case, e.g. 'at: 2m10s'")?.duration()
        guard given.count == 1 else {
            mapping.markKnown("point", "value", "offline", "online")
            node.error(
                given.isEmpty ? "a reading needs 'point' and 'value', or 'offline' or 'online'" : "a reading may have only one of 'point', 'offline' and 'online'",
                hint: "e.g. {at: 0s, point: greenhouse-air.temperature, value: 25} or {at: 5m, offline: greenhouse-air}")
            return nil
        }
        let input: RuleTestStep.Input
        switch given[0] {
        case "point":
            guard let pointNode = mapping.optional("point"), let (device, point, kind) = self.point(pointNode) else {
                mapping.markKnown("value")
                return nil
            }
            guard let valueNode = mapping.required("value", hint: "the value the point reports, e.g. 'value: 25'"),
                  let value = readingValue(valueNode, kind: kind, point: "\(device).\(point)")
            else { return nil }
            input = .reading(device: device, point: point, value: value)
        case let key:
            guard let deviceNode = mapping.optional(key), let device = self.device(deviceNode) else { return nil }
            input = key == "offline" ? .offline(device: device) : .online(device: device)
        }
        guard let at else { return nil }
        return RuleTestStep(at: at, input, location: node.location)
    }

    /// `DEVICE.POINT` of a configured device.
    func point(_ node: ConfigNode) -> (String, String, ValueKind)? {
        guard let text = node.nonEmptyString() else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts.allSatisfy(Names.isValidIdentifier) else {
            node.error("'\(text)' is not a point; write DEVICE.POINT", hint: "e.g. greenhouse-air.temperature")
            return nil
        }
        guard let points = catalog[parts[0]] else {
            node.error("unknown device '\(parts[0])'", hint: deviceHint(parts[0]))
            return nil
        }
        guard let kind = points[parts[1]] else {
            let hint = SpellingSuggestion.closest(to: parts[1], among: points.keys).map { "did you mean '\($0)'?" }
            node.error("device '\(parts[0])' has no point '\(parts[1])'", hint: hint)
            return nil
        }
        return (parts[0], parts[1], kind)
    }

    func device(_ node: ConfigNode) -> String? {
        guard let name = node.nonEmptyString() else { return nil }
        guard catalog[name] != nil else {
            node.error("unknown device '\(name)'", hint: deviceHint(name))
            return nil
        }
        return name
    }

    func deviceHint(_ name: String) -> String? {
        SpellingSuggestion.closest(to: name, among: catalog.keys).map { "did you mean '\($0)'?" }
            ?? (catalog.isEmpty ? nil : "the devices are \(catalog.keys.sorted().joined(separator: ", "))")
    }

    func readingValue(_ node: ConfigNode, kind: ValueKind, point: String) -> ReadingValue? {
        switch kind {
        case .number:
            guard let text = node.scalarText, !node.isNull, let value = ConfigNode.parseNumber(text) else {
                return node.typeMismatch("a number, since '\(point)' is a number point")
            }
            return .number(value)
        case .boolean:
            guard let flag = node.boolean() else { return nil }
            return .boolean(flag)
        case .string:
            return node.string().map(ReadingValue.text)
        }
    }

    // MARK: Expectations

    /// `{at: T, write: D.P = V}`, `{at: T, event: RuleTriggered}`, `{at: T, emit: Name}` or
    /// `{at: T, publish: TOPIC, payload: P}`, each with an optional `rule:`.
    func expectation(_ node: ConfigNode) -> RuleTestExpectation? {
        guard let mapping = node.mapping(context: "an expectation") else { return nil }
        defer { mapping.reportUnknownKeys() }
        let kinds = ["write", "event", "emit", "publish"]
        let given = kinds.filter(mapping.contains)
        mapping.markKnown("write", "event", "emit", "publish")
        let at = mapping.required("at", hint: "when, from the start of the case, e.g. 'at: 2m10s'")?.duration()
        let rule = mapping.optional("rule").flatMap(ruleName)
        guard given.count == 1 else {
            mapping.markKnown("write", "event", "emit", "publish", "payload")
            node.error(
                given.isEmpty ? "an expectation needs 'write', 'event', 'emit' or 'publish'" : "an expectation may have only one of 'write', 'event', 'emit' and 'publish'",
                hint: "e.g. {at: 2m10s, write: hvac.cooling = on} or {at: 2m10s, event: RuleTriggered}")
            return nil
        }
        let what: RuleTestExpectation.What?
        switch given[0] {
        case "write": what = mapping.optional("write").flatMap(write)
        case "event": what = mapping.optional("event").flatMap(event)
        case "emit": what = mapping.optional("emit").flatMap(emit)
        default:
            let topic = mapping.optional("publish")?.nonEmptyString()
            let payload = mapping.optional("payload")?.string()
            what = topic.map { .publish(topic: $0, payload: payload) }
        }
        if mapping.contains("rule"), rule == nil { return nil }
        guard let at, let what else { return nil }
        return RuleTestExpectation(at: at, what, rule: rule, location: node.location)
    }

    /// `DEVICE.POINT = VALUE`, where VALUE is a number or on/off of the point's kind.
    func write(_ node: ConfigNode) -> RuleTestExpectation.What? {
        guard let text = node.nonEmptyString(), case .write(let write)? = RuleFileDecoder.write(text, node: node) else { return nil }
        guard let points = catalog[write.device] else {
            node.diagnostics.error(at: write.targetLocation, "unknown device '\(write.device)'", hint: deviceHint(write.device))
            return nil
        }
        guard let kind = points[write.point] else {
            let hint = SpellingSuggestion.closest(to: write.point, among: points.keys).map { "did you mean '\($0)'?" }
            node.diagnostics.error(at: write.targetLocation, "device '\(write.device)' has no point '\(write.point)'", hint: hint)
            return nil
        }
        let value: ReadingValue
        switch (write.value.expression.kind, kind) {
        case (.number(let number), .number): value = .number(number)
        case (.boolean(let flag), .boolean): value = .boolean(flag)
        case (.number, _), (.boolean, _):
            let given = if case .number = write.value.expression.kind { "a number" } else { "on/off" }
            node.diagnostics.error(
                at: write.value.location, "'\(write.device).\(write.point)' is \(kind == .boolean ? "on or off" : "a \(kind)"), but the expected value is \(given)",
                hint: kind == .boolean ? "write 'on' or 'off'" : "write a number")
            return nil
        default:
            node.diagnostics.error(
                at: write.value.location, "the expected value must be a number or on/off, not an expression",
                hint: "write the value the rule should produce, e.g. 'hvac.setpoint = 21.5'")
            return nil
        }
        return .write(device: write.device, point: write.point, value: value)
    }

    func event(_ node: ConfigNode) -> RuleTestExpectation.What? {
        guard let name = node.nonEmptyString() else { return nil }
        guard name == EventName.ruleTriggered.name || name == EventName.ruleCleared.name else {
            let hint =
                emittedNames.contains(name) ? "rules emit '\(name)': expect it with 'emit: \(name)'"
                : SpellingSuggestion.closest(to: name, among: ["RuleTriggered", "RuleCleared"]).map { "did you mean '\($0)'?" }
            node.error("'event' expects RuleTriggered or RuleCleared, but is '\(name)'", hint: hint)
            return nil
        }
        return .event(EventName(name))
    }

    func emit(_ node: ConfigNode) -> RuleTestExpectation.What? {
        guard let name = node.nonEmptyString() else { return nil }
        guard emittedNames.contains(name) else {
            let hint =
                SpellingSuggestion.closest(to: name, among: emittedNames).map { "did you mean '\($0)'?" }
                ?? (emittedNames.isEmpty ? "no rule has an 'emit' action" : "rules emit \(emittedNames.sorted().joined(separator: ", "))")
            node.error("no rule emits '\(name)'", hint: hint)
            return nil
        }
        return .emit(EventName(name))
    }

    func ruleName(_ node: ConfigNode) -> String? {
        guard let name = node.nonEmptyString() else { return nil }
        guard ruleNames.contains(name) else {
            let hint =
                SpellingSuggestion.closest(to: name, among: ruleNames).map { "did you mean '\($0)'?" }
                ?? (ruleNames.isEmpty ? "no rules are configured" : ruleNames.count <= 8 ? "the rules are \(ruleNames.joined(separator: ", "))" : nil)
            node.error("unknown rule '\(name)'", hint: hint)
            return nil
        }
        return name
    }
}
