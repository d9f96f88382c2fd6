/// Checks a parsed rule expression against the configured points: every device and point must
/// exist, and every operator must get values of the kinds it works on.
///
/// ```swift
/// let checker = RuleExpressionChecker(catalog: ["hvac": ["alarm": .boolean, "supply_temp": .number]])
/// let problems = checker.check(condition, expecting: .boolean)   // [] when the rule can run
/// ```
/// Use `.boolean` for `when:`/`until:` conditions and the target point's kind for a `write:` value.
/// All problems are reported, in source order; a subexpression whose kind is unknown because of
/// an earlier problem is not reported again.
public struct RuleExpressionChecker: Sendable {
    /// The known points: device name → point name → the kind of value the point carries.
    public var catalog: [String: [String: ValueKind]]

    public init(catalog: [String: [String: ValueKind]]) {
        self.catalog = catalog
    }

    /// What an expression is for, so a result of the wrong kind is described in the user's terms.
    public enum Purpose: Sendable, Hashable {
        /// A `when:` or `until:` condition.
        case condition
        /// The value of `write: POINT = value`, named by the point it is written to.
        case valueWritten(to: String)
    }

    /// Every problem in `expression`, given the kind its value must have, ordered by offset.
    public func check(_ expression: RuleExpression, expecting expected: ValueKind, for purpose: Purpose = .condition) -> [RuleExpressionProblem] {
        var problems: [RuleExpressionProblem] = []
        if let kind = kind(of: expression, problems: &problems), kind != expected {
            problems.append(Self.resultMismatch(expression, kind, expected: expected, purpose: purpose))
        }
        return problems.enumerated()
            .sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
            .map(\.element)
    }

    /// The kind of value `expression` gives, or `nil` when a problem (already recorded) hides it.
    func kind(of expression: RuleExpression, problems: inout [RuleExpressionProblem]) -> ValueKind? {
        switch expression.kind {
        case .number:
            return .number
        case .boolean:
            return .boolean
        case .point(let reference):
            let kind = resolve(reference, problems: &problems)
            if kind == .string {
                problems.append(RuleExpressionProblem(
                    offset: reference.range.lowerBound, "string points cannot be used in rule conditions",
                    hint: "'\(reference)' is a string point; use number or boolean points"))
                return nil
            }
            return kind
        case .duration(let duration):
            problems.append(RuleExpressionProblem(
                offset: expression.range.lowerBound,
                "a duration like '\(DurationSyntax.format(duration))' is only allowed as the window of \(RuleFunction.namesForMessages)"))
            return nil
        case .unary(let op, let operand):
            let operandKind = kind(of: operand, problems: &problems)
            let wanted: ValueKind = op == .not ? .boolean : .number
            if let operandKind, operandKind != wanted {
                let needs = op == .not ? "true or false" : "a number"
                problems.append(Self.wrongOperand(operand, operandKind, "'\(op.symbol)' needs \(needs)"))
            }
            return wanted
        case .binary(let op, let left, let right):
            return binaryKind(op, left, right, at: expression, problems: &problems)
        case .call(let function, let arguments):
            checkCall(function, arguments, at: expression, problems: &problems)
            return function.resultKind
        case .calendar:
            return .boolean
        }
    }

    private func binaryKind(
        _ op: RuleBinaryOperator, _ left: RuleExpression, _ right: RuleExpression, at expression: RuleExpression,
        problems: inout [RuleExpressionProblem]
    ) -> ValueKind? {
        let leftKind = kind(of: left, problems: &problems)
        let rightKind = kind(of: right, problems: &problems)
        let (wanted, needs, result): (ValueKind?, String, ValueKind) =
            switch op.group {
            case .logical: (.boolean, "true or false on each side", .boolean)
            case .ordering: (.number, "numbers", .boolean)
            case .arithmetic: (.number, "numbers", .number)
            case .equality: (nil, "", .boolean)
            }
        guard let wanted else {
            if let leftKind, let rightKind, leftKind != rightKind {
                problems.append(Self.mismatchedEquality(op, left, leftKind, right, rightKind, at: expression))
            }
            return result
        }
        for (operand, kind) in [(left, leftKind), (right, rightKind)] {
            if let kind, kind != wanted {
                problems.append(Self.wrongOperand(operand, kind, "'\(op.symbol)' needs \(needs)", comparing: op.group == .ordering))
            }
        }
        return result
    }
}
