/// The parser's error messages, kept together so their wording stays consistent.
extension RuleExpressionParser {
    /// Where a complete operand was read, for saying what may follow it.
    enum OperandContext {
        /// The whole expression: only an operator or the end may follow.
        case topLevel
        /// Inside the parenthesis opened by the token: an operator or `)`.
        case parentheses(RuleExpressionToken)
        /// An argument of the call whose `(` is the token: an operator, `,` or `)`.
        case call(RuleExpressionToken)
    }

    /// A value was expected at `token` but something else is there.
    func missingValue(at token: RuleExpressionToken) -> RuleExpressionProblem {
        let offset = token.range.lowerBound
        if let previous {
            return RuleExpressionProblem(offset: offset, "expected a value after '\(text(previous.range))'")
        }
        switch token.kind {
        case .closeParenthesis:
            return RuleExpressionProblem(offset: offset, "unexpected ')'", hint: "it has no matching '('")
        case .end:
            return RuleExpressionProblem(offset: offset, "empty expression")
        default:
            return RuleExpressionProblem(offset: offset, "expected a value before '\(text(token.range))'")
        }
    }

    /// `token` follows a complete operand in `context` but cannot continue the expression there.
    func unexpectedToken(_ token: RuleExpressionToken, in context: OperandContext) -> RuleExpressionProblem {
        let offset = token.range.lowerBound
        let written = text(token.range)
        switch (token.kind, context) {
        case (.end, .parentheses(let open)), (.end, .call(let open)):
            return RuleExpressionProblem(offset: open.range.lowerBound, "unclosed '('", hint: "add ')' to close it")
        case (.closeParenthesis, _):
            return RuleExpressionProblem(offset: offset, "unexpected ')'", hint: "it has no matching '('")
        case (.openBracket, _), (.closeBracket, _):
            return RuleExpressionProblem(
                offset: offset, "unexpected '\(written)'", hint: "brackets only list the days in 'weekday in [mon, tue]'")
        case (.name("in"), _):
            return RuleExpressionProblem(offset: offset, "unexpected 'in'", hint: "'in' only tests the day of the week: 'weekday in [sat, sun]'")
        case (.name(let name), _) where Self.calendarKeywords.contains(name.lowercased()) && name != name.lowercased():
            return RuleExpressionProblem(
                offset: offset, "'\(name)' is not an operator", hint: "keywords are lower case: write '\(name.lowercased())'")
        case (.name("between"), _), (.name("weekday"), _):
            return RuleExpressionProblem(
                offset: offset, "unexpected text after the expression",
                hint: "join the two parts with an operator such as 'and' or 'or', e.g. 'room.temp > 20 and \(written) ...'")
        case (.comma, _):
            return RuleExpressionProblem(
                offset: offset, "unexpected ','", hint: "commas only separate the arguments of a function call")
        case (.name(let name), _) where Self.keywords.contains(name.lowercased()):
            return RuleExpressionProblem(
                offset: offset, "'\(name)' is not an operator", hint: "keywords are lower case: write '\(name.lowercased())'")
        case (_, _) where !token.startsOperand:
            return RuleExpressionProblem(offset: offset, "unexpected '\(written)'")
        case (_, .call):
            return RuleExpressionProblem(offset: offset, "expected ',' or ')' after the argument")
        default:
            var hint = "join the two parts with an operator such as 'and', 'or' or '>'"
            if let previous, case .reference(let reference) = previous.kind, reference.point.hasSuffix("-") {
                hint = "put spaces around '-' to subtract: '\(reference.device).\(reference.point.dropLast()) - \(written)'"
            }
            return RuleExpressionProblem(offset: offset, "unexpected text after the expression", hint: hint)
        }
    }

    /// `left op right second ...`: comparisons do not chain. The current token is `second`.
    mutating func chainedComparison(
        _ left: RuleExpression, _ op: RuleBinaryOperator, _ right: RuleExpression, _ second: RuleBinaryOperator
    ) -> RuleExpressionProblem {
        let offset = advance().range.lowerBound
        let (leftText, rightText) = (text(left.range), text(right.range))
        let thirdText = (try? parseAdditive()).map { text($0.range) } ?? "..."
        return RuleExpressionProblem(
            offset: offset, "comparisons cannot be chained",
            hint: "compare twice and join with 'and': '\(leftText) \(op) \(rightText) and \(rightText) \(second) \(thirdText)'")
    }

    /// A bare name (no dot) where a value should be.
    func notAValue(_ name: String, at token: RuleExpressionToken) -> RuleExpressionProblem {
        let offset = token.range.lowerBound
        let lowered = name.lowercased()
        if Self.keywords.contains(lowered) {
            let what = ["and", "or", "not"].contains(lowered) ? "an operator" : "a value"
            return RuleExpressionProblem(
                offset: offset, "'\(name)' is not \(what)", hint: "keywords are lower case: write '\(lowered)'")
        }
        if Self.calendarKeywords.contains(lowered) {
            if name != lowered {
                return RuleExpressionProblem(offset: offset, "'\(name)' is not a value", hint: "keywords are lower case: write '\(lowered)'")
            }
            return RuleExpressionProblem(offset: offset, "unexpected 'in'", hint: "'in' only tests the day of the week: 'weekday in [sat, sun]'")
        }
        if RuleFunction(rawValue: name) != nil {
            return RuleExpressionProblem(
                offset: offset, "'\(name)' is a function", hint: "call it with a point and a window, e.g. '\(name)(room.temp, 5m)'")
        }
        return RuleExpressionProblem(
            offset: offset, "'\(name)' is not a point reference", hint: "name the device too: 'DEVICE.\(name)'")
    }

    /// Digits followed by letters outside a function's window argument.
    func quantityOutsideWindow(_ spelling: String, at token: RuleExpressionToken) -> RuleExpressionProblem {
        let offset = token.range.lowerBound
        if (try? DurationSyntax.parse(spelling)) != nil {
            return RuleExpressionProblem(
                offset: offset, "a duration like '\(spelling)' is only allowed as the window of \(RuleFunction.namesForMessages)",
                hint: "for example 'avg(room.temp, \(spelling))'")
        }
        let digits = String(spelling.unicodeScalars.prefix { ("0"..."9").contains($0) || $0 == "." })
        let letters = String(spelling.dropFirst(digits.count))
        let hint =
            Self.keywords.contains(letters)
            ? "put a space between '\(digits)' and '\(letters)'" : "write numbers without units, e.g. '\(digits)'"
        return RuleExpressionProblem(offset: offset, "'\(spelling)' is not a number", hint: hint)
    }

    /// The keywords, for recognising them in the wrong case.
    static let keywords: Set<String> = ["and", "or", "not", "true", "false", "on", "off"]

    /// The words of calendar conditions (`between 07:00 and 19:00`, `weekday in [sat, sun]`).
    static let calendarKeywords: Set<String> = ["between", "weekday", "in"]
}
