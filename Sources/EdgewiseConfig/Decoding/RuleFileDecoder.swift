import EdgewiseCore

/// Decodes one `rules/*.yaml` file into its rules, recording every problem it finds.
///
/// Expressions are only read here; `ConfigValidator` checks them against the devices once all
/// files are read. A rule with an invalid part is still returned (without that part) so that the
/// checks across files run on it too; the load fails anyway, since the error is recorded.
enum RuleFileDecoder {
    static func decode(_ root: ConfigNode) -> [RuleConfig]? {
        guard let file = root.mapping(context: "the rules file") else { return nil }
        defer { file.reportUnknownKeys() }
        guard let entries = file.required("rules", hint: "list the rules under 'rules:'")?.sequence() else { return nil }
        return entries.compactMap(decodeRule)
    }

    static func decodeRule(_ node: ConfigNode) -> RuleConfig? {
        guard let rule = node.mapping(context: "a rule") else { return nil }
        let nameNode = rule.required("name", hint: "e.g. 'name: cool-greenhouse'")
        var name = nameNode?.nonEmptyString()
        if let given = name, !Names.isValidIdentifier(given) {
            nameNode?.error("rule name '\(given)' may contain only letters, digits, '_' and '-', and must start with a letter")
            name = nil
        }
        let context = name.map { "rule '\($0)'" } ?? "the rule"
        let scoped = ConfigMapping(rule.node, context: context)!
        defer { scoped.reportUnknownKeys() }
        scoped.markKnown("name", "description")

        let when = scoped.required("when", hint: "the condition that triggers the rule, e.g. 'when: room.temperature > 26'").flatMap(expression)
        let until = scoped.optional("until").flatMap(expression)
        let holdFor = scoped.optional("for")?.duration()
        let minimumOn = scoped.optional("min_on")?.duration()
        let minimumOff = scoped.optional("min_off")?.duration()
        let cooldown = scoped.optional("cooldown")?.duration()
        let priority = scoped.optional("priority")?.integer(in: -1_000...1_000)
        let onUnknown = scoped.optional("on_unknown")?.choice(UnknownDataPolicy.self)
        let onTrigger = scoped.optional("then").flatMap(actions)
        let onClear = scoped.optional("on_clear").flatMap(actions)
        if !scoped.contains("then"), !scoped.contains("on_clear") {
            scoped.diagnostics.error(at: scoped.location, "\(context) has no actions", hint: "add 'then:' (on trigger) and/or 'on_clear:' actions")
        }
        guard let name, let nameNode, let when else { return nil }
        return RuleConfig(
            name: name, location: nameNode.location, when: when, holdFor: holdFor, until: until, onTrigger: onTrigger ?? [],
            onClear: onClear ?? [], minimumOn: minimumOn, minimumOff: minimumOff, cooldown: cooldown, priority: priority ?? 0,
            onUnknown: onUnknown ?? .hold
        )
    }

    /// A condition or value, kept with the position of its first character.
    static func expression(_ node: ConfigNode) -> SourceExpression? {
        guard let text = node.nonEmptyString() else { return nil }
        return parse(text, at: node.textLocation, diagnostics: node.diagnostics)
    }

    static func parse(_ text: String, at location: ConfigLocation, diagnostics: DiagnosticCollector) -> SourceExpression? {
        do {
            return try SourceExpression.parse(text, at: location)
        } catch {
            diagnostics.error(at: error.location, error.message, hint: error.hint)
            return nil
        }
    }

    static func actions(_ node: ConfigNode) -> [RuleAction]? {
        guard let entries = node.sequence() else { return nil }
        return entries.compactMap(action)
    }

    /// `{write: device.point = value}` or `{emit: EventName}`.
    static func action(_ node: ConfigNode) -> RuleAction? {
        guard let mapping = node.mapping(context: "an action") else { return nil }
        let kinds = ["write", "emit", "publish"]
        let given = kinds.filter { mapping.contains($0) }
        guard given.count == 1 else {
            mapping.markKnown("write", "emit", "publish")
            node.error(given.isEmpty ? "an action needs 'write', 'emit' or 'publish'" : "an action may have only one of 'write', 'emit' and 'publish'",
                       hint: "e.g. {write: hvac.cooling = on}, {emit: CoolingRequested} or {publish: {topic: alerts/greenhouse, payload: too hot}}")
            return nil
        }
        defer { mapping.reportUnknownKeys() }
        if given[0] == "emit" {
            guard let nameNode = mapping.optional("emit"), let name = nameNode.nonEmptyString() else { return nil }
            guard Names.isValidEventName(name) else {
                nameNode.error("event name '\(name)' must be UpperCamelCase letters and digits", hint: "e.g. 'CoolingRequested'")
                return nil
            }
            if EventName.builtIn.contains(name) {
                nameNode.error("'\(name)' is a built-in event; rules may emit only their own event names", hint: "choose a name of your own, e.g. 'CoolingRequested'")
                return nil
            }
            return RuleAction(.emit(EventName(name)), location: node.location)
        }
        if given[0] == "publish" {
            return mapping.optional("publish").flatMap(publication).map { RuleAction(.publish($0), location: node.location) }
        }
        guard let writeNode = mapping.optional("write"), let text = writeNode.nonEmptyString() else { return nil }
        return write(text, node: writeNode).map { RuleAction($0, location: node.location) }
    }

    /// `{topic: T, payload: P, retain: false}`.
    static func publication(_ node: ConfigNode) -> MQTTPublication? {
        guard let mapping = node.mapping(context: "'publish'") else { return nil }
        defer { mapping.reportUnknownKeys() }
        let topicNode = mapping.required("topic", hint: "e.g. topic: alerts/greenhouse")
        var topic = topicNode?.nonEmptyString()
        if let given = topic, given.contains("+") || given.contains("#") {
            topicNode?.error("'publish' needs a concrete topic, but '\(given)' contains an MQTT wildcard ('+' or '#')")
            topic = nil
        }
        let payload = mapping.required("payload", hint: "e.g. payload: \"{rule} at {time}\"")?.parsed { text throws(QuantitySyntaxError) in
            try PayloadTemplate.parse(text, allowed: MQTTPublication.placeholders)
        }
        let retain = mapping.optional("retain")?.boolean() ?? false
        guard let topic, let payload else { return nil }
        return MQTTPublication(topic: topic, payload: payload, retain: retain)
    }

    /// Splits `device.point = value` at its single `=`.
    static func write(_ text: String, node: ConfigNode) -> RuleAction.Kind? {
        let scalars = Array(text.unicodeScalars)
        let equals = scalars.indices.filter { index in
            scalars[index] == "=" && !(index > 0 && "=!<>".unicodeScalars.contains(scalars[index - 1]))
                && !(index + 1 < scalars.count && scalars[index + 1] == "=")
        }
        let start = node.textLocation
        guard let split = equals.first else {
            node.error("'write' must be 'DEVICE.POINT = VALUE', but has no '='", hint: "e.g. write: hvac.cooling = on")
            return nil
        }
        let target = String(String.UnicodeScalarView(scalars[..<split]))
        let valueScalars = scalars[(split + 1)...]
        let leading = valueScalars.prefix { $0 == " " }.count
        let value = String(String.UnicodeScalarView(valueScalars.dropFirst(leading))).trimmingCharactersOfWhitespace()
        let targetLeading = target.unicodeScalars.prefix { $0 == " " }.count
        let targetLocation = start.advanced(byColumns: targetLeading)
        let parts = target.trimmingCharactersOfWhitespace().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ Names.isValidIdentifier(String($0)) }) else {
            node.diagnostics.error(at: targetLocation, "'\(target.trimmingCharactersOfWhitespace())' is not a point; 'write' must be 'DEVICE.POINT = VALUE'",
                                   hint: "e.g. write: hvac.cooling = on")
            return nil
        }
        guard !value.isEmpty else {
            node.diagnostics.error(at: start.advanced(byColumns: split + 1), "'write' has no value after '='", hint: "e.g. write: hvac.cooling = on")
            return nil
        }
        let valueLocation = start.advanced(byColumns: split + 1 + leading)
        guard let parsedValue = parse(String(value), at: valueLocation, diagnostics: node.diagnostics) else { return nil }
        return .write(PointWrite(device: String(parts[0]), point: String(parts[1]), targetLocation: targetLocation, value: parsedValue))
    }
}
