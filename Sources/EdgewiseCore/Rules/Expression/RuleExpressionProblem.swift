/// What is wrong with a rule expression, and where: a syntax error thrown by `RuleExpressionParser`
/// (`'=' is not a comparison`), or a reason a well-formed expression cannot run against the
/// configured points, reported by `RuleExpressionChecker` (an unknown device or point, or values of
/// the wrong kind: `not room.temp`, `hvac.alarm > 3`).
///
/// `offset` counts Unicode scalars from the start of the expression text.
public struct RuleExpressionProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is, in Unicode scalars from the start of the expression text.
    public var offset: Int
    /// What is wrong, e.g. "device 'hvac' has no point 'coolng'".
    public var message: String
    /// What to do about it, e.g. "did you mean 'cooling'?", when there is something useful to say.
    public var hint: String?

    public init(offset: Int, _ message: String, hint: String? = nil) {
        self.offset = offset
        self.message = message
        self.hint = hint
    }

    /// `offset N: message`.
    public var description: String { "offset \(offset): \(message)" }

    /// The problem as a config diagnostic, given the expression's text and where it starts in its
    /// file (an expression may span lines).
    public func diagnostic(in text: String, startingAt start: ConfigLocation) -> Diagnostic {
        Diagnostic(.error, at: SourceExpression.locate(offset: offset, in: text, from: start), message, hint: hint)
    }
}
