/// An infix operator in a rule expression, from loosest to tightest binding:
/// `or`; `and`; comparisons `< <= > >= == !=`; `+ -`; `* /`.
///
/// `or`, `and`, `+`, `-`, `*` and `/` group to the left (`a - b - c` is `(a - b) - c`); comparisons
/// do not group at all (`a < b < c` is a syntax error).
public enum RuleBinaryOperator: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case or
    case and
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"

    /// What an operator does with its operands, which decides the kinds it accepts.
    enum Group {
        /// `and`, `or`: booleans in, boolean out.
        case logical
        /// `==`, `!=`: two values of the same kind in, boolean out.
        case equality
        /// `<`, `<=`, `>`, `>=`: numbers in, boolean out.
        case ordering
        /// `+`, `-`, `*`, `/`: numbers in, number out.
        case arithmetic
    }

    /// The operator as written in rules.
    public var symbol: String { rawValue }

    public var description: String { rawValue }

    /// Whether this is one of `< <= > >= == !=`.
    public var isComparison: Bool { group == .equality || group == .ordering }

    var group: Group {
        switch self {
        case .or, .and: .logical
        case .equal, .notEqual: .equality
        case .less, .lessOrEqual, .greater, .greaterOrEqual: .ordering
        case .add, .subtract, .multiply, .divide: .arithmetic
        }
    }

    /// Binding strength: higher binds tighter. `not` is 3 and unary `-` is 7 on the same scale.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 4
        case .add, .subtract: 5
        case .multiply, .divide: 6
        }
    }
}
