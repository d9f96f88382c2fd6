import Testing

@testable import EdgewiseCore

/// Parsed expressions checked against a catalog of points: every problem, with offset and hint.
@Suite struct RuleExpressionCheckerTests {
    static let checker = RuleExpressionChecker(catalog: [
        "greenhouse-air": ["temperature": .number, "humidity": .number, "label": .string],
        "hvac": ["cooling": .boolean, "alarm": .boolean, "setpoint": .number, "mode": .string],
        "room": ["temp": .number, "temp-offset": .number],
    ])

    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: ValueKind
        var problems: [RuleExpressionProblem]

        init(_ text: String, expecting expected: ValueKind = .boolean, _ problems: RuleExpressionProblem...) {
            (self.text, self.expected, self.problems) = (text, expected, problems)
        }

        var testDescription: String { "\"\(text)\"" }
    }

    static func problem(_ offset: Int, _ message: String, hint: String? = nil) -> RuleExpressionProblem {
        RuleExpressionProblem(offset: offset, message, hint: hint)
    }

    static let valid: [Case] = [
        Case("greenhouse-air.temperature > 26"),
        Case("greenhouse-air.temperature < 24 and not hvac.alarm"),
        Case("hvac.cooling == on"),
        Case("hvac.alarm != hvac.cooling"),
        Case("avg(room.temp, 5m) - room.temp-offset > 2"),
        Case("delta(greenhouse-air.humidity, 1h30m) > 5 or max(room.temp, 10m) >= hvac.setpoint"),
        Case("on"),
        Case("room.temp + 1", expecting: .number),
        Case("-(room.temp * 2) / 3", expecting: .number),
        Case("not hvac.alarm", expecting: .boolean),
    ]

    static let referenceCases: [Case] = [
        Case("hvca.alarm", problem(0, "unknown device 'hvca'", hint: "did you mean 'hvac'?")),
        Case("xyz.alarm", problem(0, "unknown device 'xyz'", hint: "the devices are greenhouse-air, hvac and room")),
        Case("hvac.coolng", problem(0, "device 'hvac' has no point 'coolng'", hint: "did you mean 'cooling'?")),
        Case("hvac.xyz == on", problem(0, "device 'hvac' has no point 'xyz'", hint: "'hvac' has the points alarm, cooling, mode and setpoint")),
        Case("room.temp-5 > 20", problem(0, "device 'room' has no point 'temp-5'", hint: "put spaces around '-' to subtract: 'room.temp - 5'")),
        Case("1 < room.temp-offset-2", problem(4, "device 'room' has no point 'temp-offset-2'", hint: "put spaces around '-' to subtract: 'room.temp-offset - 2'")),
        Case("hvac.mode == 1", problem(0, "string points cannot be used in rule conditions", hint: "'hvac.mode' is a string point; use number or boolean points")),
    ]

    static let kindCases: [Case] = [
        Case("room.temp and hvac.alarm", problem(0, "'and' needs true or false on each side, but this is a number", hint: "compare it to make a condition, e.g. 'room.temp > 0'")),
        Case("hvac.alarm or 1", problem(14, "'or' needs true or false on each side, but this is a number", hint: "compare it to make a condition, e.g. '1 > 0'")),
        Case("not room.temp", problem(4, "'not' needs true or false, but this is a number", hint: "compare it to make a condition, e.g. 'room.temp > 0'")),
        Case("hvac.alarm > 1", problem(0, "'>' needs numbers, but this is a boolean", hint: "use '==' or '!=' to compare true/false values")),
        Case("hvac.alarm + 1 > 2", problem(0, "'+' needs numbers, but this is a boolean")),
        Case("hvac.alarm == 1", problem(0, "'==' compares values of the same kind, but this compares a boolean with a number", hint: "write 'on' or 'off' to compare with a boolean")),
        Case("room.temp != hvac.alarm", problem(0, "'!=' compares values of the same kind, but this compares a number with a boolean")),
        Case("room.temp", problem(0, "the condition must be true or false, but this is a number", hint: "compare it, e.g. 'room.temp > 0'")),
        Case("avg(room.temp, 5m)", problem(0, "the condition must be true or false, but this is a number", hint: "compare it, e.g. 'avg(room.temp, 5m) > 0'")),
        Case("hvac.alarm", expecting: .number, problem(0, "the value must be a number, but this is a boolean")),
        Case("room.temp", expecting: .string, problem(0, "the value must be a string, but this is a number", hint: "rule expressions compute numbers and booleans only")),
    ]

    static let functionCases: [Case] = [
        Case("avg(room.temp, 5) > 1", problem(15, "the window of 'avg' must be a duration like '5m'", hint: "add a unit, e.g. '5s' or '5m'")),
        Case("avg(room.temp, hvac.setpoint) > 1", problem(15, "the window of 'avg' must be a duration like '5m'")),
        Case("delta(room.temp, 0s) > 1", problem(17, "the window of 'delta' must be longer than zero", hint: "for example '5m'")),
        Case("avg(room.temp + 1, 5m) > 1", problem(4, "'avg' needs a point reference as its first argument", hint: "for example 'avg(room.temp, 5m)'")),
        Case("max(hvac.alarm, 1m) > 0", problem(4, "'max' needs a number point, but 'hvac.alarm' is a boolean")),
        Case("min(hvac.mode, 1m) > 0", problem(4, "'min' needs a number point, but 'hvac.mode' is a string")),
        Case("min(hvac.mod, 1m) > 0", problem(4, "device 'hvac' has no point 'mod'", hint: "did you mean 'mode'?")),
    ]

    /// Every problem is reported, in source order, and a problem is not repeated further up.
    static let multipleCases: [Case] = [
        Case(
            "hvca.alarm and room.temp-5 > 2 or not hvac.coolng",
            problem(0, "unknown device 'hvca'", hint: "did you mean 'hvac'?"),
            problem(15, "device 'room' has no point 'temp-5'", hint: "put spaces around '-' to subtract: 'room.temp - 5'"),
            problem(38, "device 'hvac' has no point 'coolng'", hint: "did you mean 'cooling'?")),
        Case(
            "room.temp and hvac.alarm > 1",
            problem(0, "'and' needs true or false on each side, but this is a number", hint: "compare it to make a condition, e.g. 'room.temp > 0'"),
            problem(14, "'>' needs numbers, but this is a boolean", hint: "use '==' or '!=' to compare true/false values")),
        Case(
            "not (room.temp + hvac.alarm)",
            problem(4, "'not' needs true or false, but this is a number", hint: "compare it to make a condition, e.g. 'room.temp + hvac.alarm > 0'"),
            problem(17, "'+' needs numbers, but this is a boolean")),
        Case(
            "-hvac.cooling == off",
            problem(0, "'==' compares values of the same kind, but this compares a number with a boolean"),
            problem(1, "'-' needs a number, but this is a boolean")),
        Case(
            "avg(5m, room.temp) > 1",
            problem(4, "'avg' needs a point reference as its first argument", hint: "for example 'avg(room.temp, 5m)'"),
            problem(8, "the window of 'avg' must be a duration like '5m'")),
        Case(
            "avg(room.tmp + 1, 10m) > nope.x",
            problem(4, "'avg' needs a point reference as its first argument", hint: "for example 'avg(room.temp, 10m)'"),
            problem(4, "device 'room' has no point 'tmp'", hint: "did you mean 'temp'?"),
            problem(25, "unknown device 'nope'", hint: "the devices are greenhouse-air, hvac and room")),
    ]

    @Test(arguments: valid + referenceCases + kindCases + functionCases + multipleCases)
    func reportsProblems(_ testCase: Case) throws {
        let expression = try RuleExpressionParser.parse(testCase.text)
        #expect(Self.checker.check(expression, expecting: testCase.expected) == testCase.problems)
    }

    @Test func checksTreesBuiltByHand() {
        // The parser never builds these, but the checker does not rely on that.
        let window = RuleExpression(.duration(.seconds(300)), range: 0..<2)
        let comparison = RuleExpression(.binary(.greater, window, RuleExpression(.number(1), range: 5..<6)), range: 0..<6)
        #expect(Self.checker.check(comparison, expecting: .boolean) == [
            Self.problem(0, "a duration like '5m' is only allowed as the window of avg, min, max or delta")
        ])
        let point = RuleExpression(.point(PointReference(device: "room", point: "temp", range: 4..<13)), range: 4..<13)
        let call = RuleExpression(.call(.avg, [point]), range: 0..<14)
        #expect(Self.checker.check(call, expecting: .number) == [
            Self.problem(0, "'avg' takes 2 arguments, a point and a window, but was given 1", hint: "for example 'avg(room.temp, 5m)'")
        ])
    }

    @Test func emptyCatalogGivesNoListHint() throws {
        let expression = try RuleExpressionParser.parse("room.temp > 1")
        #expect(RuleExpressionChecker(catalog: [:]).check(expression, expecting: .boolean) == [Self.problem(0, "unknown device 'room'")])
    }

    @Test func mapsToAFileColumn() {
        let problem = Self.problem(15, "device 'room' has no point 'temp-5'", hint: "put spaces around '-' to subtract: 'room.temp - 5'")
        let diagnostic = problem.diagnostic(in: "room.temp > room.temp-5", startingAt: ConfigLocation(file: "rules/heat.yaml", line: 2, column: 7))
        #expect(diagnostic.location.column == 22)
    }
}
