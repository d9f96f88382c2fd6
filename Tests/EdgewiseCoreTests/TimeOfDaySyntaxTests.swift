import Testing

@testable import EdgewiseCore

/// `between 07:00 and 19:00` and `weekday in [mon, tue]`: how they parse, render, check and fail.
@Suite("Time of day and weekday syntax")
struct TimeOfDaySyntaxTests {
    static let structures: [(String, String)] = [
        ("between 07:00 and 19:00", "(between 07:00 and 19:00)"),
        ("between 22:00 and 06:00", "(between 22:00 and 06:00)"),
        ("between 00:00 and 23:59", "(between 00:00 and 23:59)"),
        ("between 07:00 and 19:00 and a.b > 1", "(and (between 07:00 and 19:00) (> a.b 1))"),
        ("a.b > 1 and between 07:00 and 19:00 or c.d", "(or (and (> a.b 1) (between 07:00 and 19:00)) c.d)"),
        ("not between 07:00 and 19:00", "(not (between 07:00 and 19:00))"),
        ("(between 07:00 and 19:00) == on", "(== (between 07:00 and 19:00) true)"),
        ("weekday in [sat, sun]", "(weekday in [sat, sun])"),
        ("weekday in [sun,sat,sat]", "(weekday in [sat, sun])"),
        ("weekday in [mon-fri]", "(weekday in [mon, tue, wed, thu, fri])"),
        ("weekday in [fri-mon]", "(weekday in [mon, fri, sat, sun])"),
        ("weekday in [mon-wed, fri]", "(weekday in [mon, tue, wed, fri])"),
        ("weekday in [mon-fri] and between 07:00 and 18:00", "(and (weekday in [mon, tue, wed, thu, fri]) (between 07:00 and 18:00))"),
        ("not weekday in [sat, sun]", "(not (weekday in [sat, sun]))"),
        ("weekday.x > 1", "(> weekday.x 1)"),
        ("between.x > 1", "(> between.x 1)"),
    ]

    @Test(arguments: structures)
    func parses(text: String, expected: String) throws {
        #expect(try RuleExpressionParser.parse(text).sExpression == expected)
    }

    @Test func rangesCoverTheWholeCondition() throws {
        #expect(try RuleExpressionParser.parse("a.b and  between 07:00 and 19:00").rangesInPreOrder == [
            "(and a.b (between 07:00 and 19:00)) 0..<32", "a.b 0..<3", "(between 07:00 and 19:00) 9..<32",
        ])
        #expect(try RuleExpressionParser.parse(" weekday in [mon] ").range == 1..<17)
    }

    static let renderings: [(String, String)] = [
        ("between 07:00 and 19:00", "between 07:00 and 19:00"),
        ("(between 07:00 and 19:00) and a.b", "between 07:00 and 19:00 and a.b"),
        ("not (between 22:00 and 06:00)", "not between 22:00 and 06:00"),
        ("weekday in [fri-sun,mon]", "weekday in [mon, fri, sat, sun]"),
    ]

    @Test(arguments: renderings)
    func rendersCanonicallyAndReadsBack(text: String, expected: String) throws {
        let expression = try RuleExpressionParser.parse(text)
        #expect(expression.description == expected)
        #expect(try RuleExpressionParser.parse(expression.description).sExpression == expression.sExpression)
    }

    static let errors: [RuleExpressionProblemTests.Case] = [
        .init("between 7:00 and 19:00", 8, "'7:00' is not a time of day: write two digits for the hour and two for the minutes", hint: "write '07:00'"),
        .init("between 07:00 and 19:5", 18, "'19:5' is not a time of day: write two digits for the hour and two for the minutes", hint: "write '19:05'"),
        .init("between 07:00 and 24:00", 18, "'24:00' is not a time of day", hint: "write '00:00' for midnight"),
        .init("between 25:00 and 19:00", 8, "'25:00' is not a time of day: the hour must be 00 to 23", hint: "times of day run from 00:00 to 23:59"),
        .init("between 07:00 and 19:60", 18, "'19:60' is not a time of day: the minutes must be 00 to 59", hint: "times of day run from 00:00 to 23:59"),
        .init("between 07:00:30 and 19:00", 8, "'07:00:30' has seconds; times of day are HH:MM", hint: "write '07:00'"),
        .init("between 7am and 7pm", 8, "'7am' is not a time of day", hint: "use the 24-hour clock, without am/pm: e.g. '07:00' or '19:30'"),
        .init("between 07:00pm and 19:00", 8, "'07:00pm' is not a time of day", hint: "use the 24-hour clock, without am/pm: e.g. '07:00' or '19:30'"),
        .init("between 7 and 19", 8, "'7' is not a time of day", hint: "write hours and minutes as HH:MM, e.g. '07:00' or '19:30'"),
        .init("between 07:00 19:00", 14, "expected 'and' after 'between 07:00'", hint: "write 'between 07:00 and HH:MM', e.g. 'between 07:00 and 19:00'"),
        .init("between 07:00", 13, "expected 'and' after 'between 07:00'", hint: "write 'between 07:00 and HH:MM', e.g. 'between 07:00 and 19:00'"),
        .init("between and 19:00", 8, "expected a time of day like '07:00' after 'between'", hint: "for example 'between 07:00 and 19:00'"),
        .init("between 07:00 and", 17, "expected a time of day like '07:00' after 'and'", hint: "for example 'between 07:00 and 19:00'"),
        .init("between 07:00 and 07:00", 18, "'between 07:00 and 07:00' is empty: both ends are the same time",
              hint: "to mean the whole day, leave the condition out; ranges may cross midnight, e.g. 'between 22:00 and 06:00'"),
        .init("a.b > 07:00", 6, "a time of day like '07:00' is only allowed in 'between HH:MM and HH:MM'", hint: "for example 'between 07:00 and 19:00'"),
        .init("Between 07:00 and 19:00", 0, "'Between' is not a value", hint: "keywords are lower case: write 'between'"),
        .init("a.b between 07:00 and 19:00", 4, "unexpected text after the expression",
              hint: "join the two parts with an operator such as 'and' or 'or', e.g. 'room.temp > 20 and between ...'"),
        .init("weekday in [monday]", 12, "unknown day 'monday'", hint: "write the first three letters: 'mon'"),
        .init("weekday in [Mon]", 12, "unknown day 'Mon'", hint: "day names are lower case: write 'mon'"),
        .init("weekday in [mno]", 12, "unknown day 'mno'", hint: "did you mean 'mon'?"),
        .init("weekday in [workdays]", 12, "unknown day 'workdays'", hint: "the days are mon, tue, wed, thu, fri, sat and sun"),
        .init("weekday in [mon-xyz]", 16, "unknown day 'xyz'", hint: "the days are mon, tue, wed, thu, fri, sat and sun"),
        .init("weekday in [mon-tue-wed]", 12, "'mon-tue-wed' is not a day or a range of days", hint: "write a range as FIRST-LAST, e.g. 'mon-fri'"),
        .init("weekday in [mon-]", 16, "expected a day such as 'mon'", hint: "write a range as FIRST-LAST, e.g. 'mon-fri'"),
        .init("weekday in []", 12, "the list of days is empty", hint: "for example 'weekday in [sat, sun]'"),
        .init("weekday in [mon, tue", 11, "unclosed '['", hint: "add ']' to close the list of days"),
        .init("weekday in [mon tue]", 16, "expected ',' or ']' after 'mon'", hint: "separate the days with commas, e.g. '[sat, sun]'"),
        .init("weekday in [mon - fri]", 16, "expected ',' or ']' after 'mon'", hint: "write a range of days without spaces, e.g. 'mon-fri'"),
        .init("weekday in [mon, 1]", 17, "expected a day such as 'mon' or a range such as 'mon-fri'", hint: "the days are mon, tue, wed, thu, fri, sat and sun"),
        .init("weekday == mon", 8, "'weekday' is tested with 'in' and a list of days, not with '=='", hint: "for example 'weekday in [mon]'"),
        .init("weekday != sun", 8, "'weekday' is tested with 'in' and a list of days, not with '!='", hint: "for example 'not weekday in [mon]'"),
        .init("weekday", 7, "expected 'in' after 'weekday'", hint: "for example 'weekday in [mon, tue, wed, thu, fri]'"),
        .init("weekday in mon", 11, "expected '[' after 'weekday in'", hint: "list the days in brackets, e.g. 'weekday in [sat, sun]'"),
        .init("a.b > [1]", 6, "a list in brackets is only allowed after 'weekday in'", hint: "for example 'weekday in [sat, sun]'"),
        .init("a.b in [1]", 4, "unexpected 'in'", hint: "'in' only tests the day of the week: 'weekday in [sat, sun]'"),
        .init("in", 0, "unexpected 'in'", hint: "'in' only tests the day of the week: 'weekday in [sat, sun]'"),
        .init("a.b > 1]", 7, "unexpected ']'", hint: "brackets only list the days in 'weekday in [mon, tue]'"),
    ]

    @Test(arguments: errors)
    func reportsError(_ testCase: RuleExpressionProblemTests.Case) {
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

    @Test func anErrorInsideTheConditionPointsAtItsColumnInTheFile() {
        let location = ConfigLocation(file: "rules/lights.yaml", line: 4, column: 11)
        #expect {
            try SourceExpression.parse("room.occupied and between 07:00 and 19:60", at: location)
        } throws: { error in
            (error as? Diagnostic)?.description
                == "rules/lights.yaml:4:47: error: '19:60' is not a time of day: the minutes must be 00 to 59\n    hint: times of day run from 00:00 to 23:59"
        }
    }

    static let checker = RuleExpressionChecker(catalog: ["room": ["temp": .number, "occupied": .boolean]])

    @Test func calendarConditionsAreBooleansThatReadNoPoints() throws {
        let expression = try RuleExpressionParser.parse("weekday in [mon-fri] and between 07:00 and 18:00 and room.temp < 20")
        #expect(Self.checker.check(expression, expecting: .boolean) == [])
        #expect(expression.pointReferences.map(\.description) == ["room.temp"])
        #expect(Self.checker.check(try RuleExpressionParser.parse("between 07:00 and 19:00"), expecting: .number) == [
            RuleExpressionProblem(offset: 0, "the value must be a number, but this is a boolean")
        ])
        #expect(Self.checker.check(try RuleExpressionParser.parse("between 07:00 and 19:00 + 1 > 2"), expecting: .boolean) == [
            RuleExpressionProblem(offset: 0, "'+' needs numbers, but this is a boolean")
        ])
    }

    @Test(arguments: [
        "between 07:00 and 19:00 and weekday in [mon-fri, sun] or not between 22:00 and 06:00",
        "weekday in [mon, tue-, Wed, ] between 7:0 and 24:00:00 weekday == [",
    ])
    func neverCrashesOnPrefixes(of text: String) {
        let scalars = Array(text.unicodeScalars)
        for length in 0...scalars.count {
            let prefix = String(String.UnicodeScalarView(scalars[..<length]))
            do {
                let expression = try RuleExpressionParser.parse(prefix)
                #expect(expression.range.upperBound <= length)
                _ = Self.checker.check(expression, expecting: .boolean)
            } catch {
                #expect((0...length).contains(error.offset), "\(prefix): \(error)")
            }
        }
    }

    @Test func timesOfDayAndRanges() throws {
        #expect(try TimeOfDay.parse("07:05") == TimeOfDay(hour: 7, minute: 5))
        #expect(try TimeOfDay.parse("23:59").description == "23:59")
        #expect(TimeOfDay(hour: 24, minute: 0) == nil)
        let day = TimeOfDayRange(start: try TimeOfDay.parse("07:00"), end: try TimeOfDay.parse("19:00"))
        #expect(day.contains(millisecondOfDay: 7 * 3_600_000))
        #expect(!day.contains(millisecondOfDay: 7 * 3_600_000 - 1))
        #expect(day.contains(millisecondOfDay: 19 * 3_600_000 - 1))
        #expect(!day.contains(millisecondOfDay: 19 * 3_600_000))
        let night = TimeOfDayRange(start: try TimeOfDay.parse("22:00"), end: try TimeOfDay.parse("06:00"))
        #expect(night.crossesMidnight)
        #expect(night.contains(millisecondOfDay: 23 * 3_600_000))
        #expect(night.contains(millisecondOfDay: 0))
        #expect(!night.contains(millisecondOfDay: 6 * 3_600_000))
        #expect(!night.contains(millisecondOfDay: 12 * 3_600_000))
    }

    @Test func weekdays() {
        #expect(Weekday(daysSinceEpoch: 0) == .thursday)
        #expect(Weekday(daysSinceEpoch: -1) == .wednesday)
        #expect(Weekday(daysSinceEpoch: 20_458) == .monday)  // 2026-01-05
        #expect(WeekdaySet.range(.saturday, through: .monday).days == [.monday, .saturday, .sunday])
        #expect(WeekdaySet.range(.monday, through: .monday).days == [.monday])
        #expect(WeekdaySet([.friday, .monday]).description == "[mon, fri]")
    }
}
