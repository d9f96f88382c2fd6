/// The checker's messages about kinds, kept together so their wording stays consistent.
extension RuleExpressionChecker {
    /// "a number", "a boolean", "a string".
    static func phrase(_ kind: ValueKind) -> String {
        "a \(kind)"
    }

    /// The whole expression gives `kind` where `expected` is needed.
    static func resultMismatch(_ expression: RuleExpression, _ kind: ValueKind, expected: ValueKind, purpose: Purpose = .condition) -> RuleExpressionProblem {
        let offset = expression.range.lowerBound
        if case .valueWritten(let point) = purpose {
            let needed = expected == .boolean ? "on or off" : expected == .number ? "a number" : "a string"
            return RuleExpressionProblem(offset: offset, "the value written to '\(point)' must be \(needed), but this is \(phrase(kind))")
        }
        switch expected {
        case .boolean:
            let hint = kind == .number ? "compare it, e.g. '\(expression) > 0'" : nil
            return RuleExpressionProblem(offset: offset, "the condition must be true or false, but this is \(phrase(kind))", hint: hint)
        case .number:
            return RuleExpressionProblem(offset: offset, "the value must be a number, but this is \(phrase(kind))")
        case .string:
            return RuleExpressionProblem(
                offset: offset, "the value must be a string, but this is \(phrase(kind))",
                hint: "rule expressions compute numbers and booleans only")
        }
    }

    /// An operand of the wrong kind: "'and' needs true or false on each side, but this is a number".
    static func wrongOperand(
        _ operand: RuleExpression, _ kind: ValueKind, _ needs: String, comparing: Bool = false
    ) -> RuleExpressionProblem {
        let hint: String? =
            if comparing && kind == .boolean {
                "use '==' or '!=' to compare true/false values"
            } else if needs.contains("true or false") && kind == .number {
                "compare it to make a condition, e.g. '\(operand) > 0'"
            } else {
                nil
            }
        return RuleExpressionProblem(offset: operand.range.lowerBound, "\(needs), but this is \(phrase(kind))", hint: hint)
    }

    /// `==` or `!=` between values of different kinds.
    static func mismatchedEquality(
        _ op: RuleBinaryOperator, _ left: RuleExpression, _ leftKind: ValueKind, _ right: RuleExpression, _ rightKind: ValueKind,
        at expression: RuleExpression
    ) -> RuleExpressionProblem {
        let numberLiteralAgainstBoolean =
            (leftKind == .boolean && right.isNumberLiteral) || (rightKind == .boolean && left.isNumberLiteral)
        return RuleExpressionProblem(
            offset: expression.range.lowerBound,
            "'\(op.symbol)' compares values of the same kind, but this compares \(phrase(leftKind)) with \(phrase(rightKind))",
            hint: numberLiteralAgainstBoolean ? "write 'on' or 'off' to compare with a boolean" : nil)
    }
}

extension RuleExpression {
    fileprivate var isNumberLiteral: Bool {
        if case .number = kind { true } else { false }
    }
}
