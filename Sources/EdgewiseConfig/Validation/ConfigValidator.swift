import EdgewiseCore

/// Checks what no single file can: names unique across files, rules that refer to devices and
/// points that exist and, for writes, are writable, and the Modbus checks of `ModbusValidator`.
struct ConfigValidator {
    let devices: [DeviceDeclaration]
    let rules: [RuleConfig]
    let diagnostics: DiagnosticCollector

    func validate() {
        reportDuplicates(devices.map { ($0.name, $0.location) }, kind: "device")
        reportDuplicates(rules.map { ($0.name, $0.location) }, kind: "rule")
        ModbusValidator(devices: devices, diagnostics: diagnostics).validate()
        for rule in rules {
            check(rule.when, expecting: .boolean)
            if let until = rule.until { check(until, expecting: .boolean) }
            for action in rule.onTrigger + rule.onClear {
                validate(action)
            }
        }
    }

    /// Device → point → value kind, for every point whose settings are valid.
    var catalog: [String: [String: ValueKind]] {
        var catalog: [String: [String: ValueKind]] = [:]
        for device in devices where catalog[device.name] == nil {
            catalog[device.name] = Dictionary(device.points.compactMap { point in point.config.map { (point.name, $0.valueKind) } },
                                              uniquingKeysWith: { first, _ in first })
        }
        return catalog
    }

    /// Reports unknown devices and points and mismatched kinds inside an expression, at the
    /// column where each problem is. An expression that uses a point whose own settings are invalid
    /// is not checked: that point's error is already reported, and its kind is unknown.
    func check(_ source: SourceExpression, expecting kind: ValueKind, for purpose: RuleExpressionChecker.Purpose = .condition) {
        let usesInvalidPoint = source.expression.pointReferences.contains { reference in
            devices.contains { $0.name == reference.device && $0.declares(point: reference.point) && $0.point(reference.point) == nil }
        }
        guard !usesInvalidPoint else { return }
        for problem in RuleExpressionChecker(catalog: catalog).check(source.expression, expecting: kind, for: purpose) {
            let diagnostic = problem.diagnostic(in: source.text, startingAt: source.location)
            diagnostics.error(at: diagnostic.location, diagnostic.message, hint: diagnostic.hint)
        }
    }

    /// Each later use of a name is an error that points back at the first.
    func reportDuplicates(_ names: [(String, ConfigLocation)], kind: String) {
        var first: [String: ConfigLocation] = [:]
        for (name, location) in names {
            if let earlier = first[name] {
                diagnostics.error(at: location, "duplicate \(kind) name '\(name)'", hint: "'\(name)' is already defined at \(earlier); \(kind) names must be unique")
            } else {
                first[name] = location
            }
        }
    }

    func validate(_ action: RuleAction) {
        if case .publish(let publication) = action.kind {
            for reference in publication.payload.pointReferences {
                let parts = reference.split(separator: ".").map(String.init)
                guard let device = devices.first(where: { $0.name == parts[0] }), device.declares(point: parts[1]) else {
                    diagnostics.error(at: action.location, "the 'publish' payload names '{\(reference)}', which is not a configured point",
                                      hint: "placeholders are {rule}, {time} and {device.point} of a configured point")
                    continue
                }
            }
            return
        }
        guard case .write(let write) = action.kind else { return }
        guard let device = devices.first(where: { $0.name == write.device }) else {
            let hint = SpellingSuggestion.closest(to: write.device, among: devices.map(\.name)).map { "did you mean '\($0)'?" }
            diagnostics.error(at: write.targetLocation, "'write' names unknown device '\(write.device)'", hint: hint)
            return
        }
        guard device.declares(point: write.point) else {
            let hint = SpellingSuggestion.closest(to: write.point, among: device.points.map(\.name)).map { "did you mean '\($0)'?" }
            diagnostics.error(at: write.targetLocation, "device '\(write.device)' has no point '\(write.point)'", hint: hint)
            return
        }
        // A point whose own settings are invalid was reported already.
        guard let point = device.point(write.point) else { return }
        check(write.value, expecting: point.valueKind, for: .valueWritten(to: "\(write.device).\(write.point)"))
        guard point.isWritable else {
            diagnostics.error(at: write.targetLocation, "point '\(write.device).\(write.point)' is not writable",
                              hint: "add 'writable: true' to the point at \(point.location) if rules may change it")
            return
        }
    }
}
