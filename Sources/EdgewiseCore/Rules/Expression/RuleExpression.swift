/// A parsed rule expression: the condition of a rule's `when:` or `until:`, or the value side of a
/// `write:` (`greenhouse-air.temperature > 26 and not hvac.alarm`).
///
/// Get one from `RuleExpressionParser.parse(_:)`, then validate it against the configured points
/// with `RuleExpressionChecker` before evaluating it; the parser checks spelling only.
///
/// Every node carries the `range` of text it was read from, in Unicode scalars from the start of
/// the expression text, so a problem can be shown at the expression's column plus
/// `range.lowerBound`. A parenthesized expression's range includes its parentheses.
///
/// `description` renders the expression back to text in canonical form (see
/// `RuleExpression+Description.swift`). Equality compares ranges too, so two parses of differently
/// spaced text are not equal; compare `description`s to ignore spacing.
public struct RuleExpression: Hashable, Sendable {
    /// What a node is and what it contains.
    public indirect enum Kind: Hashable, Sendable {
        /// A number literal: `26`, `-3.5`, `1e3`.
        case number(Double)
        /// `true` or `on`; `false` or `off`.
        case boolean(Bool)
        /// The current value of a point: `hvac.alarm`.
        case point(PointReference)
        /// A window such as `5m` or `1h30m`; valid only as the last argument of a function call.
        case duration(Duration)
        /// `not operand` or `-operand`.
        case unary(RuleUnaryOperator, RuleExpression)
        /// `left operator right`.
        case binary(RuleBinaryOperator, RuleExpression, RuleExpression)
        /// `function(arguments...)`, e.g. `avg(room.temp, 5m)`.
        case call(RuleFunction, [RuleExpression])
        /// A condition on the local clock: `between 07:00 and 19:00`, `weekday in [sat, sun]`.
        case calendar(CalendarCondition)
    }

    public var kind: Kind
    /// Where the node is written, in Unicode scalars from the start of the expression text.
    public var range: Range<Int>

    public init(_ kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    /// Every point the expression reads, in the order they are written (repeats included).
    public var pointReferences: [PointReference] {
        var references: [PointReference] = []
        collectPointReferences(into: &references)
        return references
    }

    /// The node's direct children, left to right.
    var operands: [RuleExpression] {
        switch kind {
        case .number, .boolean, .point, .duration, .calendar: []
        case .unary(_, let operand): [operand]
        case .binary(_, let left, let right): [left, right]
        case .call(_, let arguments): arguments
        }
    }

    private func collectPointReferences(into references: inout [PointReference]) {
        if case .point(let reference) = kind { references.append(reference) }
        for operand in operands { operand.collectPointReferences(into: &references) }
    }
}
