/// Why the text of a rule expression could not be parsed: the first problem, where it is, and
/// what to write instead when that is clear.
///
/// `offset` counts Unicode scalars from the start of the expression text; add it to the column
/// where the expression starts to point at the problem (`diagnostic(at:)` does this).
public struct RuleExpressionSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is, in Unicode scalars from the start of the expression text.
    public var offset: Int
    /// What is wrong, e.g. "expected a value after '>'".
    public var message: String
    /// What to do about it, e.g. "use '==' to compare", when there is something useful to say.
    public var hint: String?

    public init(offset: Int, _ message: String, hint: String? = nil) {
        self.offset = offset
        self.message = message
        self.hint = hint
    }

    /// `offset N: message`.
    public var description: String { "offset \(offset): \(message)" }

    /// The error as a config diagnostic, given where the expression text starts in its file.
    public func diagnostic(at expressionStart: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: expressionStart.advanced(byColumns: offset), message, hint: hint)
    }
}
