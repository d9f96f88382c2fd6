/// Looking up `device.point` references and function arguments in the catalog.
extension RuleExpressionChecker {
    /// How many names a hint lists when no single name is a likely typo.
    static let listedNameLimit = 8

    /// The kind of the referenced point, or `nil` (with a problem recorded) when it is unknown.
    func resolve(_ reference: PointReference, problems: inout [RuleExpressionProblem]) -> ValueKind? {
        let offset = reference.range.lowerBound
        guard let points = catalog[reference.device] else {
            let hint =
                SpellingSuggestion.closest(to: reference.device, among: catalog.keys).map { "did you mean '\($0)'?" }
                ?? Self.listing("the devices are", catalog.keys)
            problems.append(RuleExpressionProblem(offset: offset, "unknown device '\(reference.device)'", hint: hint))
            return nil
        }
        guard let kind = points[reference.point] else {
            let hint =
                Self.subtractionHint(reference, points: points)
                ?? SpellingSuggestion.closest(to: reference.point, among: points.keys).map { "did you mean '\($0)'?" }
                ?? Self.listing("'\(reference.device)' has the points", points.keys)
            problems.append(RuleExpressionProblem(
                offset: offset, "device '\(reference.device)' has no point '\(reference.point)'", hint: hint))
            return nil
        }
        return kind
    }

    /// `room.temp-5` where `temp` is a point: the user meant to subtract.
    static func subtractionHint(_ reference: PointReference, points: [String: ValueKind]) -> String? {
        let name = reference.point
        // The longest known prefix ending before a '-': `temp-offset-5` may mean `temp-offset - 5`.
        for hyphen in name.indices.reversed() where name[hyphen] == "-" {
            let known = String(name[..<hyphen])
            guard points[known] != nil else { continue }
            let rest = name[name.index(after: hyphen)...]
            return "put spaces around '-' to subtract: '\(reference.device).\(known) - \(rest)'"
        }
        return nil
    }

    /// "the devices are a, b and c", or `nil` when there are none or too many to list.
    static func listing<Names: Collection<String>>(_ intro: String, _ names: Names) -> String? {
        guard !names.isEmpty, names.count <= listedNameLimit else { return nil }
        let sorted = names.sorted()
        let list = sorted.count == 1 ? sorted[0] : sorted.dropLast().joined(separator: ", ") + " and " + sorted.last!
        return "\(intro) \(list)"
    }

    /// `avg(point, window)`: a number point and a duration; anything else is checked as usual too.
    func checkCall(
        _ function: RuleFunction, _ arguments: [RuleExpression], at call: RuleExpression, problems: inout [RuleExpressionProblem]
    ) {
        guard arguments.count == function.argumentCount else {
            problems.append(RuleExpressionProblem(
                offset: call.range.lowerBound,
                "'\(function)' takes \(function.argumentCount) arguments, a point and a window, but was given \(arguments.count)",
                hint: "for example '\(function)(room.temp, 5m)'"))
            for argument in arguments { _ = kind(of: argument, problems: &problems) }
            return
        }
        let (subject, window) = (arguments[0], arguments[1])
        if case .point(let reference) = subject.kind {
            if let kind = resolve(reference, problems: &problems), kind != .number {
                problems.append(RuleExpressionProblem(
                    offset: subject.range.lowerBound, "'\(function)' needs a number point, but '\(reference)' is \(Self.phrase(kind))"))
            }
        } else {
            problems.append(RuleExpressionProblem(
                offset: subject.range.lowerBound, "'\(function)' needs a point reference as its first argument",
                hint: "for example '\(function)(room.temp, \(window.isDuration ? window.description : "5m"))'"))
            if !subject.isDuration { _ = kind(of: subject, problems: &problems) }
        }
        if case .duration(let duration) = window.kind {
            if duration <= .zero {
                problems.append(RuleExpressionProblem(
                    offset: window.range.lowerBound, "the window of '\(function)' must be longer than zero", hint: "for example '5m'"))
            }
        } else {
            var hint: String?
            if case .number(let value) = window.kind, value > 0 {
                let number = RuleExpression.format(value)
                hint = "add a unit, e.g. '\(number)s' or '\(number)m'"
            }
            problems.append(RuleExpressionProblem(
                offset: window.range.lowerBound, "the window of '\(function)' must be a duration like '5m'", hint: hint))
            _ = kind(of: window, problems: &problems)
        }
    }
}

extension RuleExpression {
    fileprivate var isDuration: Bool {
        if case .duration = kind { true } else { false }
    }
}
