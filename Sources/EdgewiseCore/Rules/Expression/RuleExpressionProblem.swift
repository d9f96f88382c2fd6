/// A reason a well-formed rule expression cannot run against the configured points: an unknown
/// device or point, or values of the wrong kind (`not room.temp`, `hvac.alarm > 3`).
///
/// `RuleExpressionChecker` reports every problem it finds, in source order. `offset` counts
/// Unicode scalars from the start of the expression text, like `RuleExpressionSyntaxError.offset`.
public struct RuleExpressionProblem: Hashable, Sendable, CustomStringConvertible {
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

    /// The problem as a config diagnostic, given where the expression text starts in its file.
    public func diagnostic(at expressionStart: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: expressionStart.advanced(byColumns: offset), message, hint: hint)
    }
}
