/// The tightest level of the grammar: literals, references, calls and parentheses.
extension RuleExpressionParser {
    mutating func parseOperand() throws(RuleExpressionProblem) -> RuleExpression {
        let token = try peek()
        switch token.kind {
        case .number(let value):
            advance()
            return RuleExpression(.number(value), range: token.range)
        case .boolean(let value):
            advance()
            return RuleExpression(.boolean(value), range: token.range)
        case .reference(let reference):
            advance()
            return RuleExpression(.point(reference), range: token.range)
        case .openParenthesis:
            return try parseParenthesized()
        case .name("between"):
            return try parseBetween()
        case .name("weekday") where lookahead.kind != .openParenthesis:
            return try parseWeekday()
        case .clockTime(let spelling):
            throw RuleExpressionProblem(
                offset: token.range.lowerBound, "a time of day like '\(spelling)' is only allowed in 'between HH:MM and HH:MM'",
                hint: "for example 'between 07:00 and 19:00'")
        case .openBracket:
            throw RuleExpressionProblem(
                offset: token.range.lowerBound, "a list in brackets is only allowed after 'weekday in'", hint: "for example 'weekday in [sat, sun]'")
        case .name(let name) where lookahead.kind == .openParenthesis:
            return try parseCall(name)
        case .name(let name):
            throw notAValue(name, at: token)
        case .quantity(let spelling):
            throw quantityOutsideWindow(spelling, at: token)
        case .not:
            throw RuleExpressionProblem(
                offset: token.range.lowerBound, "'not' cannot be used here",
                hint: "to negate a condition inside a comparison or calculation, put it in parentheses: '(not ...)'")
        case .operator, .closeParenthesis, .comma, .closeBracket, .end, .invalid:
            throw missingValue(at: token)
        }
    }

    /// `( expression )`; the result's range includes the parentheses.
    private mutating func parseParenthesized() throws(RuleExpressionProblem) -> RuleExpression {
        let open = advance()
        try enterNesting(at: open)
        defer { nesting -= 1 }
        var inner = try parseOr()
        let close = try peek()
        guard close.kind == .closeParenthesis else { throw unexpectedToken(close, in: .parentheses(open)) }
        advance()
        inner.range = open.range.lowerBound..<close.range.upperBound
        return inner
    }

    /// `name(argument, ...)`, with the current token at the name and `(` after it.
    private mutating func parseCall(_ name: String) throws(RuleExpressionProblem) -> RuleExpression {
        let nameToken = try peek()
        guard let function = RuleFunction(rawValue: name) else {
            let suggestion =
                RuleFunction.aliases[name.lowercased()]?.name
                ?? SpellingSuggestion.closest(to: name, among: RuleFunction.allCases.map(\.name))
            let hint = suggestion.map { "did you mean '\($0)'?" } ?? "use \(RuleFunction.namesForMessages)"
            throw RuleExpressionProblem(offset: nameToken.range.lowerBound, "unknown function '\(name)'", hint: hint)
        }
        advance()
        let open = advance()
        try enterNesting(at: open)
        defer { nesting -= 1 }
        var arguments: [RuleExpression] = []
        if try peek().kind != .closeParenthesis {
            while true {
                arguments.append(try parseArgument())
                let next = try peek()
                if next.kind == .comma {
                    advance()
                } else if next.kind == .closeParenthesis {
                    break
                } else {
                    throw unexpectedToken(next, in: .call(open))
                }
            }
        }
        let close = advance()
        guard arguments.count == function.argumentCount else {
            let given = arguments.isEmpty ? "none" : "\(arguments.count)"
            throw RuleExpressionProblem(
                offset: nameToken.range.lowerBound,
                "'\(name)' takes \(function.argumentCount) arguments, a point and a window, but was given \(given)",
                hint: "for example '\(name)(room.temp, 5m)'")
        }
        return RuleExpression(.call(function, arguments), range: nameToken.range.lowerBound..<close.range.upperBound)
    }

    /// A call argument: a duration standing alone (`5m`), or any expression.
    private mutating func parseArgument() throws(RuleExpressionProblem) -> RuleExpression {
        let token = try peek()
        let standsAlone = [.comma, .closeParenthesis, .end].contains(lookahead.kind)
        guard case .quantity(let spelling) = token.kind, standsAlone else {
            return try parseOr()
        }
        do {
            let duration = try DurationSyntax.parse(spelling)
            advance()
            return RuleExpression(.duration(duration), range: token.range)
        } catch {
            throw RuleExpressionProblem(offset: token.range.lowerBound, error.message, hint: error.hint)
        }
    }
}
