import Testing

@testable import EdgewiseCore

/// Text that does not parse: the offset (in Unicode scalars), message and hint of the error.
@Suite struct RuleExpressionProblemTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var offset: Int
        var message: String
        var hint: String?

        init(_ text: String, _ offset: Int, _ message: String, hint: String? = nil) {
            (self.text, self.offset, self.message, self.hint) = (text, offset, message, hint)
        }

        var testDescription: String { "\"\(text)\"" }
    }

    static let structureCases: [Case] = [
        Case("", 0, "empty expression", hint: "write a condition, e.g. 'room.temp > 26'"),
        Case("  \t ", 0, "empty expression", hint: "write a condition, e.g. 'room.temp > 26'"),
        Case("a.b >", 5, "expected a value after '>'"),
        Case("a.b >   ", 5, "expected a value after '>'"),
        Case("a.b > )", 6, "expected a value after '>'"),
        Case("a.b > 1 +", 9, "expected a value after '+'"),
        Case("a.b > 1 and", 11, "expected a value after 'and'"),
        Case("a.b > -", 7, "expected a value after '-'"),
        Case("()", 1, "expected a value after '('"),
        Case("> 1", 0, "expected a value before '>'"),
        Case("and a.b", 0, "expected a value before 'and'"),
        Case("(a.b > 1", 0, "unclosed '('", hint: "add ')' to close it"),
        Case("a.b > (1 + (2", 11, "unclosed '('", hint: "add ')' to close it"),
        Case("a.b > 1)", 7, "unexpected ')'", hint: "it has no matching '('"),
        Case(")", 0, "unexpected ')'", hint: "it has no matching '('"),
        Case("a.b, c.d", 3, "unexpected ','", hint: "commas only separate the arguments of a function call"),
        Case("a.b > 1 c.d", 8, "unexpected text after the expression", hint: "join the two parts with an operator such as 'and', 'or' or '>'"),
        Case("(a.b > 1 c.d)", 9, "unexpected text after the expression", hint: "join the two parts with an operator such as 'and', 'or' or '>'"),
        Case("a.b not c.d", 4, "unexpected 'not'"),
        Case("room.temp- 5 > 20", 11, "unexpected text after the expression", hint: "put spaces around '-' to subtract: 'room.temp - 5'"),
        Case("a.b < b.c < c.d", 10, "comparisons cannot be chained", hint: "compare twice and join with 'and': 'a.b < b.c and b.c < c.d'"),
        Case("1 == 2 != (3)", 7, "comparisons cannot be chained", hint: "compare twice and join with 'and': '1 == 2 and 2 != (3)'"),
        Case("1 < 2 <", 6, "comparisons cannot be chained", hint: "compare twice and join with 'and': '1 < 2 and 2 < ...'"),
        Case("a.b > not c.d", 6, "'not' cannot be used here", hint: "to negate a condition inside a comparison or calculation, put it in parentheses: '(not ...)'"),
    ]

    static let spellingCases: [Case] = [
        Case("a.b = 1", 4, "'=' is not a comparison", hint: "use '==' to compare"),
        Case("a.b && c.d", 4, "'&&' is not an operator", hint: "use 'and'"),
        Case("a.b & c.d", 4, "'&' is not an operator", hint: "use 'and'"),
        Case("a.b || c.d", 4, "'||' is not an operator", hint: "use 'or'"),
        Case("!a.b", 0, "'!' is not an operator", hint: "use 'not'"),
        Case("a.b <> 1", 4, "'<>' is not an operator", hint: "use '!='"),
        Case("a.b => 1", 4, "'=>' is not an operator", hint: "use '>='"),
        Case("a.b =< 1", 4, "'=<' is not an operator", hint: "use '<='"),
        Case("a.b ≥ 1", 4, "'≥' is not an operator", hint: "use '>='"),
        Case("a.b > 1 AND c.d", 8, "'AND' is not an operator", hint: "keywords are lower case: write 'and'"),
        Case("NOT a.b", 0, "'NOT' is not an operator", hint: "keywords are lower case: write 'not'"),
        Case("a.b == True", 7, "'True' is not a value", hint: "keywords are lower case: write 'true'"),
        Case("temperature > 26", 0, "'temperature' is not a point reference", hint: "name the device too: 'DEVICE.temperature'"),
        Case("a.b.c > 1", 0, "'a.b.c' is not a point reference", hint: "a point reference is DEVICE.POINT, with exactly one dot"),
        Case("a.b-c.d > 1", 0, "'a.b-c.d' is not a point reference", hint: "a point reference is DEVICE.POINT, with exactly one dot; put spaces around '-' to subtract"),
        Case("room. > 1", 5, "expected a point name after 'room.'", hint: "a point reference is DEVICE.POINT, e.g. 'room.temp'"),
        Case("a.b > .5", 6, "a number cannot start with '.'", hint: "write a 0 before it, e.g. '0.5'"),
        Case("a.b > 1e999", 6, "number '1e999' is too large"),
        Case("a.b == \"on\"", 7, "quoted text is not allowed in rule expressions", hint: "rules compare numbers and on/off values; string points cannot be used in rule conditions"),
    ]

    static let functionCases: [Case] = [
        Case("average(a.b, 5m) > 1", 0, "unknown function 'average'", hint: "did you mean 'avg'?"),
        Case("AVG(a.b, 5m) > 1", 0, "unknown function 'AVG'", hint: "did you mean 'avg'?"),
        Case("1 < mxa(a.b, 5m)", 4, "unknown function 'mxa'", hint: "did you mean 'max'?"),
        Case("sum(a.b, 5m) > 1", 0, "unknown function 'sum'", hint: "use avg, min, max or delta"),
        Case("avg a.b", 0, "'avg' is a function", hint: "call it with a point and a window, e.g. 'avg(room.temp, 5m)'"),
        Case("avg(a.b) > 1", 0, "'avg' takes 2 arguments, a point and a window, but was given 1", hint: "for example 'avg(room.temp, 5m)'"),
        Case("1 < delta()", 4, "'delta' takes 2 arguments, a point and a window, but was given none", hint: "for example 'delta(room.temp, 5m)'"),
        Case("avg(a.b, 5m, 1m)", 0, "'avg' takes 2 arguments, a point and a window, but was given 3", hint: "for example 'avg(room.temp, 5m)'"),
        Case("avg(a.b, 5m", 3, "unclosed '('", hint: "add ')' to close it"),
        Case("avg(a.b 5m)", 8, "expected ',' or ')' after the argument"),
        Case("avg(a.b, )", 9, "expected a value after ','"),
        Case("avg(a.b, 5min)", 9, "unknown duration unit 'min' in '5min'", hint: "write '5m'"),
        Case("a.b > 5m", 6, "a duration like '5m' is only allowed as the window of avg, min, max or delta", hint: "for example 'avg(room.temp, 5m)'"),
        Case("avg(a.b, 5m + 1m)", 9, "a duration like '5m' is only allowed as the window of avg, min, max or delta", hint: "for example 'avg(room.temp, 5m)'"),
        Case("a.b > 26C", 6, "'26C' is not a number", hint: "write numbers without units, e.g. '26'"),
        Case("a.b > 1and c.d", 6, "'1and' is not a number", hint: "put a space between '1' and 'and'"),
    ]

    /// Characters outside ASCII count one offset per Unicode scalar and never crash the parser.
    static let unicodeCases: [Case] = [
        Case("a.b > 26°", 8, "unexpected character '°'", hint: "write numbers without units, e.g. '26'"),
        Case("a.b > 80%", 8, "unexpected character '%'", hint: "write numbers without units, e.g. '26'"),
        Case("°a.b > 1", 0, "unexpected character '°'", hint: "write numbers without units, e.g. '26'"),
        Case("a.b > 1 🔥", 8, "unexpected character '🔥'"),
        Case("🔥 > 1 and a.b", 0, "unexpected character '🔥'"),
        Case("a.b > 🇩🇪", 6, "unexpected character '🇩'"),
        Case("\u{2003}a.b = 1", 5, "'=' is not a comparison", hint: "use '==' to compare"),
        Case("température.x > 1", 4, "unexpected character 'é'", hint: "names may use only the letters A to Z, digits, '_' and '-'"),
        Case("room.températion > 1", 9, "unexpected character 'é'", hint: "names may use only the letters A to Z, digits, '_' and '-'"),
        Case("a.be\u{301} > 1", 4, "unexpected character U+0301", hint: "names may use only the letters A to Z, digits, '_' and '-'"),
        Case("a.b > 1\u{200B}", 7, "unexpected character U+200B"),
        Case("a.b\u{0} > 1", 3, "unexpected character U+0000"),
        Case("a.b − 1", 4, "'−' is not an operator", hint: "use '-'"),
        Case("a.b > “x”", 6, "quoted text is not allowed in rule expressions", hint: "rules compare numbers and on/off values; string points cannot be used in rule conditions"),
    ]

    static let limitCases: [Case] = [
        Case(String(repeating: "(", count: 40) + "1" + String(repeating: ")", count: 40), 32, "expression is nested too deeply", hint: "at most 32 levels of parentheses, 'not' and '-' are allowed"),
        Case(String(repeating: "not ", count: 40) + "a.b", 128, "expression is nested too deeply", hint: "at most 32 levels of parentheses, 'not' and '-' are allowed"),
        Case(Array(repeating: "1", count: 300).joined(separator: "+"), 500, "expression is too long", hint: "a rule expression has at most 500 values and operators; split the rule"),
    ]

    @Test(arguments: structureCases + spellingCases + functionCases + unicodeCases + limitCases)
    func reportsError(_ testCase: Case) {
        #expect {
            try RuleExpressionParser.parse(testCase.text)
        } throws: { error in
            guard let error = error as? RuleExpressionProblem else { return false }
            #expect(error.offset == testCase.offset)
            #expect(error.message == testCase.message)
            #expect(error.hint == testCase.hint)
            return true
        }
    }

    /// Every prefix of tricky text either parses or throws an error pointing inside the text.
    @Test(arguments: [
        "avg(greenhouse-air.temperature, 1h30m) > 26 and not (hvac.alarm or room.temp-5 < -3.5e2)",
        "a.b >= 1 && c.d || !e.f <> 2 => 3 ≥ 4 “q” °C 🇩🇪 e\u{301} \u{200B} 5min 1e999 .5 a.b.c room.",
        "((((not -(-a.b)))) == on) != off, 5m, avg(), avg(a.b, 5m, 1m) AND True température",
    ])
    func neverCrashesOnPrefixes(of text: String) {
        let scalars = Array(text.unicodeScalars)
        for length in 0...scalars.count {
            let prefix = String(String.UnicodeScalarView(scalars[..<length]))
            do {
                let expression = try RuleExpressionParser.parse(prefix)
                #expect(expression.range.upperBound <= length)
                _ = RuleExpressionChecker(catalog: ["a": ["b": .number]]).check(expression, expecting: .boolean)
            } catch {
                #expect((0...length).contains(error.offset), "\(prefix): \(error)")
            }
        }
    }

    @Test func mapsToALineAndColumnInsideAMultiLineExpression() {
        let error = RuleExpressionProblem(offset: 14, "unexpected ')'")
        let diagnostic = error.diagnostic(in: "a.b > 1 and\nc.d)", startingAt: ConfigLocation(file: "r.yaml", line: 3, column: 11))
        #expect(diagnostic.location == ConfigLocation(file: "r.yaml", line: 4, column: 3))
    }

    @Test func mapsToAFileColumn() {
        let error = RuleExpressionProblem(offset: 4, "'=' is not a comparison", hint: "use '==' to compare")
        let diagnostic = error.diagnostic(in: "a.b = 26", startingAt: ConfigLocation(file: "rules/cooling.yaml", line: 3, column: 11))
        #expect(diagnostic.description == "rules/cooling.yaml:3:15: error: '=' is not a comparison\n    hint: use '==' to compare")
    }
}
