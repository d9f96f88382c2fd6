/// Calendar conditions: `between 07:00 and 19:00` and `weekday in [mon, tue, wed]`.
///
/// Both are read as a single boolean value, so the `and` inside `between … and …` belongs to it:
/// `between 07:00 and 19:00 and room.temp > 20` is `(between 07:00 and 19:00) and (room.temp > 20)`.
extension RuleExpressionParser {
    /// `between HH:MM and HH:MM`, with the current token at `between`.
    mutating func parseBetween() throws(RuleExpressionProblem) -> RuleExpression {
        let keyword = advance()
        let (start, _) = try parseTimeOfDay(after: keyword)
        let andToken = try peek()
        guard andToken.kind == .operator(.and) else {
            throw RuleExpressionProblem(
                offset: andToken.range.lowerBound, "expected 'and' after '\(text(keyword.range.lowerBound..<andToken.range.lowerBound).trimmingWhitespace())'",
                hint: "write 'between \(start) and HH:MM', e.g. 'between 07:00 and 19:00'")
        }
        advance()
        let (end, endToken) = try parseTimeOfDay(after: andToken)
        guard start != end else {
            throw RuleExpressionProblem(
                offset: endToken.range.lowerBound, "'between \(start) and \(end)' is empty: both ends are the same time",
                hint: "to mean the whole day, leave the condition out; ranges may cross midnight, e.g. 'between 22:00 and 06:00'")
        }
        return RuleExpression(.calendar(.timeOfDay(TimeOfDayRange(start: start, end: end))), range: keyword.range.lowerBound..<endToken.range.upperBound)
    }

    /// An `HH:MM` token after `previous` (`between` or `and`).
    private mutating func parseTimeOfDay(after previous: RuleExpressionToken) throws(RuleExpressionProblem) -> (TimeOfDay, RuleExpressionToken) {
        let token = try peek()
        let offset = token.range.lowerBound
        switch token.kind {
        case .clockTime(let spelling), .quantity(let spelling):
            do {
                let time = try TimeOfDay.parse(spelling)
                advance()
                return (time, token)
            } catch {
                throw RuleExpressionProblem(offset: offset, error.message, hint: error.hint)
            }
        case .number:
            throw RuleExpressionProblem(
                offset: offset, "'\(text(token.range))' is not a time of day", hint: "write hours and minutes as HH:MM, e.g. '07:00' or '19:30'")
        default:
            throw RuleExpressionProblem(
                offset: offset, "expected a time of day like '07:00' after '\(text(previous.range))'", hint: "for example 'between 07:00 and 19:00'")
        }
    }

    /// `weekday in [DAY, DAY-DAY, ...]`, with the current token at `weekday`.
    mutating func parseWeekday() throws(RuleExpressionProblem) -> RuleExpression {
        let keyword = advance()
        let inToken = try peek()
        guard inToken.kind == .name("in") else {
            if case .operator(let op) = inToken.kind, op == .equal || op == .notEqual {
                let example = op == .equal ? "weekday in [mon]" : "not weekday in [mon]"
                throw RuleExpressionProblem(
                    offset: inToken.range.lowerBound, "'weekday' is tested with 'in' and a list of days, not with '\(op.symbol)'", hint: "for example '\(example)'")
            }
            throw RuleExpressionProblem(
                offset: inToken.range.lowerBound, "expected 'in' after 'weekday'", hint: "for example 'weekday in [mon, tue, wed, thu, fri]'")
        }
        advance()
        let open = try peek()
        guard open.kind == .openBracket else {
            throw RuleExpressionProblem(
                offset: open.range.lowerBound, "expected '[' after 'weekday in'", hint: "list the days in brackets, e.g. 'weekday in [sat, sun]'")
        }
        advance()
        if try peek().kind == .closeBracket {
            throw RuleExpressionProblem(offset: try peek().range.lowerBound, "the list of days is empty", hint: "for example 'weekday in [sat, sun]'")
        }
        var days = WeekdaySet()
        while true {
            let entry = try peek()
            guard case .name(let word) = entry.kind else {
                if entry.kind == .end { throw unclosedBracket(open) }
                throw RuleExpressionProblem(
                    offset: entry.range.lowerBound, "expected a day such as 'mon' or a range such as 'mon-fri'",
                    hint: "the days are \(Weekday.namesForMessages)")
            }
            days = WeekdaySet(days.days + (try Self.days(word, at: entry.range.lowerBound)).days)
            advance()
            let next = try peek()
            switch next.kind {
            case .comma:
                advance()
            case .closeBracket:
                advance()
                return RuleExpression(.calendar(.weekday(days)), range: keyword.range.lowerBound..<next.range.upperBound)
            case .end:
                throw unclosedBracket(open)
            case .operator(.subtract):
                throw RuleExpressionProblem(
                    offset: next.range.lowerBound, "expected ',' or ']' after '\(word)'", hint: "write a range of days without spaces, e.g. 'mon-fri'")
            default:
                throw RuleExpressionProblem(offset: next.range.lowerBound, "expected ',' or ']' after '\(word)'", hint: "separate the days with commas, e.g. '[sat, sun]'")
            }
        }
    }

    private func unclosedBracket(_ open: RuleExpressionToken) -> RuleExpressionProblem {
        RuleExpressionProblem(offset: open.range.lowerBound, "unclosed '['", hint: "add ']' to close the list of days")
    }

    /// `mon`, or the range `mon-fri` (inclusive, wrapping after `sun`), written at `offset`.
    private static func days(_ word: String, at offset: Int) throws(RuleExpressionProblem) -> WeekdaySet {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            throw RuleExpressionProblem(offset: offset, "'\(word)' is not a day or a range of days", hint: "write a range as FIRST-LAST, e.g. 'mon-fri'")
        }
        var found: [Weekday] = []
        var partOffset = offset
        for part in parts {
            found.append(try day(String(part), at: partOffset))
            partOffset += part.unicodeScalars.count + 1
        }
        return found.count == 1 ? WeekdaySet(found) : WeekdaySet.range(found[0], through: found[1])
    }

    private static func day(_ name: String, at offset: Int) throws(RuleExpressionProblem) -> Weekday {
        if let day = Weekday(name: name) { return day }
        guard !name.isEmpty else {
            throw RuleExpressionProblem(offset: offset, "expected a day such as 'mon'", hint: "write a range as FIRST-LAST, e.g. 'mon-fri'")
        }
        let lowered = name.lowercased()
        let hint: String
        if let day = Weekday(name: lowered) {
            hint = "day names are lower case: write '\(day)'"
        } else if let day = Weekday(name: String(lowered.prefix(3))) {
            hint = "write the first three letters: '\(day)'"
        } else if let closest = SpellingSuggestion.closest(to: lowered, among: Weekday.names) {
            hint = "did you mean '\(closest)'?"
        } else {
            hint = "the days are \(Weekday.namesForMessages)"
        }
        throw RuleExpressionProblem(offset: offset, "unknown day '\(name)'", hint: hint)
    }
}
