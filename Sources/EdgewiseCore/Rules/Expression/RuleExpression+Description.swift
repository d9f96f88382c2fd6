extension RuleExpression: CustomStringConvertible {
    /// The expression in canonical form, for logs and messages: `a.b > 1 and (c.d < 2 or not e.f)`.
    ///
    /// One space around binary operators, `, ` between arguments, no other spaces; parentheses only
    /// where precedence needs them; booleans as `true`/`false` (so `on` reads back as `true`);
    /// integral numbers without a fraction (`1e3` → `1000`); durations in their shortest spelling
    /// (`90s` → `1m30s`). Parsing the description gives back the same tree, ranges aside.
    public var description: String {
        switch kind {
        case .number(let value):
            return Self.format(value)
        case .boolean(let value):
            return value ? "true" : "false"
        case .point(let reference):
            return reference.description
        case .duration(let duration):
            return DurationSyntax.format(duration)
        case .unary(.not, let operand):
            return "not " + operand.rendered(parenthesized: operand.precedence < RuleUnaryOperator.not.precedence)
        case .unary(.negate, let operand):
            return "-" + operand.rendered(parenthesized: operand.precedence <= RuleUnaryOperator.negate.precedence)
        case .binary(let op, let left, let right):
            // Left operands of the same precedence group to the left already; comparisons don't group.
            let leftNeedsParentheses = left.precedence < op.precedence || (op.isComparison && left.precedence == op.precedence)
            let leftText = left.rendered(parenthesized: leftNeedsParentheses)
            let rightText = right.rendered(parenthesized: right.precedence <= op.precedence)
            return "\(leftText) \(op.symbol) \(rightText)"
        case .call(let function, let arguments):
            return "\(function.name)(\(arguments.map(\.description).joined(separator: ", ")))"
        case .calendar(let condition):
            return condition.description
        }
    }

    /// How tightly the node holds together when rendered: parenthesize it inside anything tighter.
    /// Negative literals and negations share unary minus's level, and `-` parenthesizes both
    /// (`-(-3)`), so a minus never meets another minus.
    private var precedence: Int {
        switch kind {
        case .number(let value) where value < 0:
            RuleUnaryOperator.negate.precedence
        case .number, .boolean, .point, .duration, .call, .calendar:
            8
        case .unary(let op, _):
            op.precedence
        case .binary(let op, _, _):
            op.precedence
        }
    }

    private func rendered(parenthesized: Bool) -> String {
        parenthesized ? "(\(description))" : description
    }

    /// Whole numbers without a fraction (`26`), others in Swift's shortest round-trip form (`3.5`,
    /// `1e-07`, `1e+20`), all of which the parser reads back exactly.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }
}
