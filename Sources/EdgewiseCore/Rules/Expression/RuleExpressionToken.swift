/// One token of a rule expression, as `RuleExpressionLexer` reads it.
struct RuleExpressionToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// `26`, `3.5`, `1e3` (never negative: the parser folds a leading minus in).
        case number(Double)
        /// Digits directly followed by letters: `5m`, `1h30m`, or a mistake like `26C`. Whether it
        /// is a valid duration, and whether a duration is allowed here, is for the parser to say.
        case quantity(String)
        /// `true`, `false`, `on`, `off`.
        case boolean(Bool)
        /// `device.point`.
        case reference(PointReference)
        /// A name with no dot that is not a keyword: a function name, or a mistake.
        case name(String)
        /// `and`, `or` and the symbols `< <= > >= == != + - * /` (`-` is also unary minus).
        case `operator`(RuleBinaryOperator)
        case not
        case openParenthesis
        case closeParenthesis
        case comma
        /// `[` and `]`, around the days in `weekday in [mon, tue]`.
        case openBracket
        case closeBracket
        /// Digits with a colon: `07:00`, or a mistake like `7:00` or `07:00:30`. Whether it is a
        /// valid time of day, and whether one is allowed here, is for the parser to say.
        case clockTime(String)
        /// Text that cannot start any token; the lexer stops here and the parser throws `error`
        /// when it reaches it, so problems are reported left to right.
        case invalid(RuleExpressionProblem)
        /// After the last token (at the end of the last token, not of trailing spaces).
        case end
    }

    var kind: Kind
    var range: Range<Int>

    /// Whether the token can begin an operand (a value, reference, call or parenthesis).
    var startsOperand: Bool {
        switch kind {
        case .number, .quantity, .clockTime, .boolean, .reference, .name, .openParenthesis: true
        case .operator, .not, .closeParenthesis, .comma, .openBracket, .closeBracket, .invalid, .end: false
        }
    }
}
