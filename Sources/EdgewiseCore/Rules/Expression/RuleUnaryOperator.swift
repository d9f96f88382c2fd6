/// A prefix operator in a rule expression.
public enum RuleUnaryOperator: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// `not`: logical negation of a boolean. Binds looser than comparisons: `not a.b > 1` is
    /// `not (a.b > 1)`.
    case not
    /// `-`: arithmetic negation of a number. Binds tighter than `*` and `/`. A minus written directly
    /// before a number literal is folded into the literal by the parser (`-3.5` is a number).
    case negate = "-"

    /// The operator as written in rules.
    public var symbol: String { rawValue }

    public var description: String { rawValue }

    /// Binding strength, on the same scale as `RuleBinaryOperator.precedence`.
    var precedence: Int {
        switch self {
        case .not: 3
        case .negate: 7
        }
    }
}
