/// Reads the text of a rule expression into a `RuleExpression`.
///
/// Precedence, loosest first: `or`; `and`; prefix `not`; comparisons `< <= > >= == !=` (which do
/// not chain); `+ -`; `* /`; prefix `-`; then values, `device.point` references, calls such as
/// `avg(room.temp, 5m)` and parentheses. The parser checks spelling and structure only; run
/// `RuleExpressionChecker` to find unknown points and values of the wrong kind.
///
/// ```swift
/// let condition = try RuleExpressionParser.parse("greenhouse-air.temperature > 26 and not hvac.alarm")
/// ```
public struct RuleExpressionParser: Sendable {
    /// How deeply parentheses, `not`, `-` and calls may nest.
    static let maximumNesting = 32

    let scalars: [Unicode.Scalar]
    let tokens: [RuleExpressionToken]
    var index = 0
    var nesting = 0

    /// Parses `text`, a whole expression, into its tree.
    ///
    /// - Throws: `RuleExpressionProblem` for the first problem from the left, with the offset
    ///   in Unicode scalars where it is and a hint when the fix is clear.
    public static func parse(_ text: String) throws(RuleExpressionProblem) -> RuleExpression {
        var parser = RuleExpressionParser(text)
        return try parser.parseWholeExpression()
    }

    private init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        tokens = RuleExpressionLexer.tokens(in: scalars)
    }

    private mutating func parseWholeExpression() throws(RuleExpressionProblem) -> RuleExpression {
        if try peek().kind == .end {
            throw RuleExpressionProblem(offset: 0, "empty expression", hint: "write a condition, e.g. 'room.temp > 26'")
        }
        let expression = try parseOr()
        let next = try peek()
        guard next.kind == .end else { throw unexpectedToken(next, in: .topLevel) }
        return expression
    }

    // MARK: Levels, loosest first

    mutating func parseOr() throws(RuleExpressionProblem) -> RuleExpression {
        var left = try parseAnd()
        while try peek().kind == .operator(.or) {
            advance()
            left = Self.binary(.or, left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(RuleExpressionProblem) -> RuleExpression {
        var left = try parseNot()
        while try peek().kind == .operator(.and) {
            advance()
            left = Self.binary(.and, left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(RuleExpressionProblem) -> RuleExpression {
        guard try peek().kind == .not else { return try parseComparison() }
        let notToken = advance()
        try enterNesting(at: notToken)
        defer { nesting -= 1 }
        let operand = try parseNot()
        return RuleExpression(.unary(.not, operand), range: notToken.range.lowerBound..<operand.range.upperBound)
    }

    private mutating func parseComparison() throws(RuleExpressionProblem) -> RuleExpression {
        let left = try parseAdditive()
        guard case .operator(let op) = try peek().kind, op.isComparison else { return left }
        advance()
        let right = try parseAdditive()
        if case .operator(let second) = try peek().kind, second.isComparison {
            throw chainedComparison(left, op, right, second)
        }
        return Self.binary(op, left, right)
    }

    mutating func parseAdditive() throws(RuleExpressionProblem) -> RuleExpression {
        var left = try parseMultiplicative()
        while case .operator(let op) = try peek().kind, op == .add || op == .subtract {
            advance()
            left = Self.binary(op, left, try parseMultiplicative())
        }
        return left
    }

    private mutating func parseMultiplicative() throws(RuleExpressionProblem) -> RuleExpression {
        var left = try parseNegation()
        while case .operator(let op) = try peek().kind, op == .multiply || op == .divide {
            advance()
            left = Self.binary(op, left, try parseNegation())
        }
        return left
    }

    /// Unary minus. A minus directly before a number literal becomes part of the literal.
    private mutating func parseNegation() throws(RuleExpressionProblem) -> RuleExpression {
        guard try peek().kind == .operator(.subtract) else { return try parseOperand() }
        let minus = advance()
        if case .number(let value) = try peek().kind {
            let number = advance()
            return RuleExpression(.number(-value), range: minus.range.lowerBound..<number.range.upperBound)
        }
        try enterNesting(at: minus)
        defer { nesting -= 1 }
        let operand = try parseNegation()
        return RuleExpression(.unary(.negate, operand), range: minus.range.lowerBound..<operand.range.upperBound)
    }

    // MARK: Token access

    /// The current token; throws the lexer's error when lexing stopped here.
    func peek() throws(RuleExpressionProblem) -> RuleExpressionToken {
        let token = tokens[index]
        if case .invalid(let error) = token.kind { throw error }
        return token
    }

    /// The token after the current one, without throwing for invalid tokens.
    var lookahead: RuleExpressionToken {
        tokens[min(index + 1, tokens.count - 1)]
    }

    /// The token before the current one, if any.
    var previous: RuleExpressionToken? {
        index > 0 ? tokens[index - 1] : nil
    }

    @discardableResult
    mutating func advance() -> RuleExpressionToken {
        defer { index = min(index + 1, tokens.count - 1) }
        return tokens[index]
    }

    /// Counts one level of nesting; callers undo it with `defer { nesting -= 1 }`.
    mutating func enterNesting(at token: RuleExpressionToken) throws(RuleExpressionProblem) {
        guard nesting < Self.maximumNesting else {
            throw RuleExpressionProblem(
                offset: token.range.lowerBound, "expression is nested too deeply",
                hint: "at most \(Self.maximumNesting) levels of parentheses, 'not' and '-' are allowed")
        }
        nesting += 1
    }

    /// The source text of `range`, as written.
    func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    static func binary(_ op: RuleBinaryOperator, _ left: RuleExpression, _ right: RuleExpression) -> RuleExpression {
        RuleExpression(.binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
    }
}
