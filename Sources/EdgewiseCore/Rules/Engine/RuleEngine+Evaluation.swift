/// A value computed by a rule expression. Unknown is `nil`.
enum RuleValue: Hashable, Sendable {
    case number(Double)
    case boolean(Bool)

    var boolean: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    var readingValue: ReadingValue {
        switch self {
        case .number(let value): .number(value)
        case .boolean(let value): .boolean(value)
        }
    }
}

/// Evaluating expressions against the current values, in three-valued logic: a point with no value,
/// or whose device is offline, is unknown, and so is everything computed from it — except that
/// `false and unknown` is false and `true or unknown` is true.
extension RuleEngine {
    func evaluate(_ expression: RuleExpression, at time: Timestamp, local: LocalTime) -> RuleValue? {
        switch expression.kind {
        case .number(let value):
            return .number(value)
        case .boolean(let value):
            return .boolean(value)
        case .point(let reference):
            switch points.value(device: reference.device, point: reference.point) {
            case .number(let value)?: return .number(value)
            case .boolean(let value)?: return .boolean(value)
            case .text?, nil: return nil
            }
        case .duration:
            return nil
        case .unary(.not, let operand):
            return evaluate(operand, at: time, local: local)?.boolean.map { .boolean(!$0) }
        case .unary(.negate, let operand):
            return evaluate(operand, at: time, local: local)?.number.map { .number(-$0) }
        case .binary(let op, let left, let right):
            let (lhs, rhs) = (evaluate(left, at: time, local: local), evaluate(right, at: time, local: local))
            return Self.apply(op, lhs, rhs)
        case .call(let function, let arguments):
            guard arguments.count == 2, case .point(let reference) = arguments[0].kind, case .duration(let window) = arguments[1].kind else { return nil }
            return points.evaluate(function, device: reference.device, point: reference.point, window: window, at: time).map(RuleValue.number)
        case .calendar(let condition):
            return .boolean(condition.holds(on: local.weekday, atMillisecondOfDay: local.millisecondOfDay))
        }
    }

    static func apply(_ op: RuleBinaryOperator, _ lhs: RuleValue?, _ rhs: RuleValue?) -> RuleValue? {
        switch op {
        case .and:
            let (a, b) = (lhs?.boolean, rhs?.boolean)
            if a == false || b == false { return .boolean(false) }
            if a == true && b == true { return .boolean(true) }
            return nil
        case .or:
            let (a, b) = (lhs?.boolean, rhs?.boolean)
            if a == true || b == true { return .boolean(true) }
            if a == false && b == false { return .boolean(false) }
            return nil
        case .equal, .notEqual:
            guard let lhs, let rhs else { return nil }
            let equal: Bool
            switch (lhs, rhs) {
            case (.number(let a), .number(let b)): equal = a == b
            case (.boolean(let a), .boolean(let b)): equal = a == b
            default: return nil
            }
            return .boolean(op == .equal ? equal : !equal)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let a = lhs?.number, let b = rhs?.number else { return nil }
            switch op {
            case .less: return .boolean(a < b)
            case .lessOrEqual: return .boolean(a <= b)
            case .greater: return .boolean(a > b)
            default: return .boolean(a >= b)
            }
        case .add, .subtract, .multiply, .divide:
            guard let a = lhs?.number, let b = rhs?.number else { return nil }
            let result: Double =
                switch op {
                case .add: a + b
                case .subtract: a - b
                case .multiply: a * b
                default: a / b
                }
            // Division by zero and overflow give no number: unknown, never inf or nan.
            return result.isFinite ? .number(result) : nil
        }
    }

    /// A condition's truth at `time`: `true`, `false` or `nil` (unknown).
    func truth(of expression: RuleExpression, at time: Timestamp) -> Bool? {
        evaluate(expression, at: time, local: timeZone.localTime(at: time))?.boolean
    }

    /// The value of a `write:` expression at `time`, or `nil` when it is unknown.
    func value(of expression: RuleExpression, at time: Timestamp) -> ReadingValue? {
        evaluate(expression, at: time, local: timeZone.localTime(at: time))?.readingValue
    }

    /// Every point the rule's conditions read, with its value now (`nil` when unknown).
    func conditionValues(of rule: CompiledRule) -> [RuleEventData.PointValue] {
        rule.conditionPoints.map { device, point in
            RuleEventData.PointValue(point: PointStore.key(device, point), value: points.value(device: device, point: point))
        }
    }

    /// The offline devices among those `expression` reads, sorted: why it is unknown, if it is.
    func offlineDevices(in expression: RuleExpression) -> [String] {
        Set(expression.pointReferences.map(\.device)).filter(points.isOffline).sorted()
    }
}
