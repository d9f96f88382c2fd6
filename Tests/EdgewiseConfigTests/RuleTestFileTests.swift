import EdgewiseConfig
import EdgewiseCore
import EdgewiseTesting
import Testing

/// A configuration from `ConfigFixture` with rules of the test's choosing, and rule test files.
struct RuleTestFixture {
    static let rules = """
        rules:
          - name: cool
            when: air.temperature > 26
            for: 2m
            until: air.temperature < 24
            then: [{write: hvac.cooling = on}, {emit: CoolingRequested}]
            on_clear: [{write: hvac.cooling = off}]
            min_on: 5m
          - name: alert
            when: air.door_open
            then: [{publish: {topic: alerts/door, payload: "door open at {time}"}}]
        """

    var rules = RuleTestFixture.rules
    var tests: [(String, String)]

    init(rules: String = RuleTestFixture.rules, _ tests: String...) {
        self.rules = rules
        self.tests = tests.enumerated().map { ("rules/test\($0.offset + 1).test.yaml", $0.element) }
    }

    var configuration: EdgewiseConfiguration {
        let result = ConfigFixture.with(rules: rules).load()
        precondition(result.configuration != nil, "\(result.diagnostics)")
        return result.configuration!
    }

    func load() -> RuleTestLoader.Result { RuleTestLoader.load(tests, configuration: configuration) }

    /// Every diagnostic, as `edgewise rules test` prints it.
    var printed: [String] { load().diagnostics.map(\.description) }

    func run(timeZone: RuleTimeZone = .utc) -> [RuleTestResult] {
        let configuration = self.configuration
        let runner = RuleTestRunner(rules: configuration.rules, devices: configuration.devices, timeZone: timeZone)
        return load().files.flatMap(\.cases).map(runner.run)
    }
}

@Suite("Rule test files: decoding and their errors")
struct RuleTestFileTests {
    @Test func aFileDecodesIntoCasesWithStepsAndExpectations() throws {
        let fixture = RuleTestFixture("""
            cases:
              - name: cools
                description: after two minutes
                start: 2026-06-01T06:00:00+02:00
                run_for: 1h
                readings:
                  - {at: 0s, point: air.temperature, value: 27}
                  - {at: 1m, point: air.door_open, value: on}
                  - {at: 5m, offline: air}
                  - {at: 6m, online: air}
                expect:
                  - {at: 2m, write: hvac.cooling = on, rule: cool}
                  - {at: 2m, event: RuleTriggered}
                  - {at: 2m, emit: CoolingRequested}
                  - {at: 1m, publish: alerts/door, payload: "door open at 2026-06-01T04:01:00.000Z"}
                  - {at: 1m, publish: alerts/door}
            """)
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let testCase = try #require(result.files.first?.cases.first)
        #expect(testCase.name == "cools")
        #expect(testCase.location == ConfigLocation(file: "rules/test1.test.yaml", line: 2, column: 11))
        #expect(testCase.start == Timestamp.parseRFC3339("2026-06-01T04:00:00Z"))
        #expect(testCase.runFor == .seconds(3_600))
        #expect(testCase.steps.map(\.input) == [
            .reading(device: "air", point: "temperature", value: .number(27)), .reading(device: "air", point: "door_open", value: .boolean(true)),
            .offline(device: "air"), .online(device: "air"),
        ])
        #expect(testCase.steps.map(\.at) == [.zero, .seconds(60), .seconds(300), .seconds(360)])
        #expect(testCase.expectations.map(\.description) == [
            "write hvac.cooling = on (cool)", "event RuleTriggered", "emit CoolingRequested",
            "publish alerts/door \"door open at 2026-06-01T04:01:00.000Z\"", "publish alerts/door",
        ])
        #expect(testCase.expectations[3].location == ConfigLocation(file: "rules/test1.test.yaml", line: 15, column: 9))
    }

    @Test func defaultsStartOnAMondayAtMidnightUTC() throws {
        let result = RuleTestFixture("cases:\n  - name: nothing\n    expect: []\n").load()
        let testCase = try #require(result.files.first?.cases.first)
        #expect(testCase.start.rfc3339 == "2026-01-05T00:00:00.000Z")
        #expect(testCase.runFor == nil)
        #expect(testCase.steps.isEmpty && testCase.expectations.isEmpty)
    }

    static let errors: [(String, [String])] = [
        ("cases:\n  - name: a\n", [
            "rules/test1.test.yaml:2:5: error: test case 'a' is missing required key 'expect'\n    hint: list what the rules should do; write 'expect: []' when they should do nothing"
        ]),
        ("case: []\n", [
            "rules/test1.test.yaml:1:1: error: the rule test file is missing required key 'cases'\n    hint: list the test cases under 'cases:'",
            "rules/test1.test.yaml:1:1: error: unknown key 'case' in the rule test file\n    hint: did you mean 'cases'?",
        ]),
        ("cases:\n  - name: a\n    readings: [{at: 0s, point: air.temprature, value: 1}]\n    expect: []\n", [
            "rules/test1.test.yaml:3:32: error: device 'air' has no point 'temprature'\n    hint: did you mean 'temperature'?"
        ]),
        ("cases:\n  - name: a\n    readings: [{at: 0s, point: aír.temperature, value: 1}]\n    expect: []\n", [
            "rules/test1.test.yaml:3:32: error: 'aír.temperature' is not a point; write DEVICE.POINT\n    hint: e.g. greenhouse-air.temperature"
        ]),
        ("cases:\n  - name: a\n    readings: [{at: 0s, point: air.temperature, value: hot}]\n    expect: []\n", [
            "rules/test1.test.yaml:3:56: error: 'value' must be a number, since 'air.temperature' is a number point, but is 'hot'"
        ]),
        ("cases:\n  - name: a\n    readings: [{at: 0s, point: air.door_open, value: 1}]\n    expect: []\n", [
            "rules/test1.test.yaml:3:54: error: 'value' must be true or false, but is '1'"
        ]),
        ("cases:\n  - name: a\n    readings: [{at: soon, offline: hvca}]\n    expect: []\n", [
            "rules/test1.test.yaml:3:21: error: 'at': 'soon' is not a duration\n    hint: write a number with a unit, e.g. '30s', '2m' or '1h30m'",
            "rules/test1.test.yaml:3:36: error: unknown device 'hvca'\n    hint: did you mean 'hvac'?",
        ]),
        ("cases:\n  - name: a\n    readings: [{at: 0s, offline: air, online: air}]\n    expect: []\n", [
            "rules/test1.test.yaml:3:16: error: a reading may have only one of 'point', 'offline' and 'online'\n    hint: e.g. {at: 0s, point: greenhouse-air.temperature, value: 25} or {at: 5m, offline: greenhouse-air}"
        ]),
        ("cases:\n  - name: a\n    expect: [{at: 1m, write: hvac.cooling = 1}]\n", [
            "rules/test1.test.yaml:3:45: error: 'hvac.cooling' is on or off, but the expected value is a number\n    hint: write 'on' or 'off'"
        ]),
        ("cases:\n  - name: a\n    expect: [{at: 1m, write: hvac.setpoint = air.temperature + 1}]\n", [
            "rules/test1.test.yaml:3:46: error: the expected value must be a number or on/off, not an expression\n    hint: write the value the rule should produce, e.g. 'hvac.setpoint = 21.5'"
        ]),
        ("cases:\n  - name: a\n    expect: [{at: 1m, write: hvac.colling = on}]\n", [
            "rules/test1.test.yaml:3:30: error: device 'hvac' has no point 'colling'\n    hint: did you mean 'cooling'?"
        ]),
        ("cases:\n  - name: a\n    expect: [{at: 1m, write: hvac.cooling on}]\n", [
            "rules/test1.test.yaml:3:30: error: 'write' must be 'DEVICE.POINT = VALUE', but has no '='\n    hint: e.g. write: hvac.cooling = on"
        ]),
        ("cases:\n  - name: a\n    expect: [{at: 1m, event: CoolingRequested}]\n", [
            "rules/test1.test.yaml:3:30: error: 'event' expects RuleTriggered or RuleCleared, but is 'CoolingRequested'\n    hint: rules emit 'CoolingRequested': expect it with 'emit: CoolingRequested'"
        ]),
        ("cases:\n  - name: a\n    expect: [{at: 1m, event: RuleTrigered}]\n", [
            "rules/test1.test.yaml:3:30: error: 'event' expects RuleTriggered or RuleCleared, but is 'RuleTrigered'\n    hint: did you mean 'RuleTriggered'?"
        ]),
        ("cases:\n  - name: a\n    expect: [{at: 1m, emit: CoolingRequestd, rule: coll}]\n", [
            "rules/test1.test.yaml:3:29: error: no rule emits 'CoolingRequestd'\n    hint: did you mean 'CoolingRequested'?",
            "rules/test1.test.yaml:3:52: error: unknown rule 'coll'\n    hint: did you mean 'cool'?",
        ]),
        ("cases:\n  - name: a\n    expect: [{at: 1m, emit: X, rule: zzzzzz}]\n", [
            "rules/test1.test.yaml:3:29: error: no rule emits 'X'\n    hint: rules emit CoolingRequested",
            "rules/test1.test.yaml:3:38: error: unknown rule 'zzzzzz'\n    hint: the rules are cool, alert",
        ]),
        ("cases:\n  - name: a\n    expect: [{at: 1m}]\n", [
            "rules/test1.test.yaml:3:14: error: an expectation needs 'write', 'event', 'emit' or 'publish'\n    hint: e.g. {at: 2m10s, write: hvac.cooling = on} or {at: 2m10s, event: RuleTriggered}"
        ]),
        ("cases:\n  - name: a\n    expect: [{write: hvac.cooling = on, payload: x}]\n", [
            "rules/test1.test.yaml:3:14: error: an expectation is missing required key 'at'\n    hint: when, from the start of the case, e.g. 'at: 2m10s'",
            "rules/test1.test.yaml:3:41: error: unknown key 'payload' in an expectation\n    hint: known keys here: at, emit, event, publish, rule, write",
        ]),
        ("cases:\n  - name: a\n    start: 2026-06-01 06:00\n    expect: []\n", [
            "rules/test1.test.yaml:3:12: error: 'start': '2026-06-01 06:00' is not a date and time\n    hint: write it as RFC 3339 with an offset, e.g. '2026-06-01T06:55:00+02:00'"
        ]),
        ("cases:\n  - name: a\n    expect: []\n  - name: a\n    expect: []\n", [
            "rules/test1.test.yaml:4:11: error: duplicate test case name 'a'\n    hint: 'a' is already used at rules/test1.test.yaml:2:11; case names must be unique so results can be told apart"
        ]),
        ("cases:\n  - name: a\n    expect: []\n    readings: [{at: 0s, point: air.temperature, value: 1}]\n    until: 5m\n", [
            "rules/test1.test.yaml:5:5: error: unknown key 'until' in test case 'a'\n    hint: known keys here: description, expect, name, readings, run_for, start"
        ]),
    ]

    @Test(arguments: errors)
    func reportsEveryProblemAtItsPosition(text: String, expected: [String]) {
        let fixture = RuleTestFixture(text)
        #expect(fixture.printed == expected)
        #expect(fixture.load().files.isEmpty)
    }

    @Test func duplicateNamesAcrossFilesAreReported() {
        let fixture = RuleTestFixture("cases:\n  - name: a\n    expect: []\n", "cases:\n  - name: a\n    expect: []\n")
        #expect(fixture.printed == [
            "rules/test2.test.yaml:2:11: error: duplicate test case name 'a'\n    hint: 'a' is already used at rules/test1.test.yaml:2:11; case names must be unique so results can be told apart"
        ])
    }

    @Test func theExampleTestFileOfTheRepositoryLoads() throws {
        let root = RepositoryPaths.root()
        let configuration = try #require(try ConfigLoader.load(directory: root).configuration)
        let result = try RuleTestLoader.load(directory: root, configuration: configuration)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.files.map { $0.path.hasSuffix("rules/cooling.test.yaml") } == [true])
        #expect(result.caseCount >= 4)
    }

    @Test func aMissingDirectoryIsAnError() {
        #expect(throws: ConfigDirectoryError.notFound(path: "/nonexistent/edgewise")) {
            try RuleTestLoader.load(directory: "/nonexistent/edgewise", configuration: RuleTestFixture().configuration)
        }
    }

    @Test func calendarConditionsInRuleFilesAreCheckedAtTheirColumn() {
        let fixture = ConfigFixture.with(rules: """
            rules:
              - name: lights
                when: weekday in [mon-fri] and between 07:00 and 19:60
                then: [{write: hvac.cooling = on}]
              - name: weekend
                when: "weekday in [sat, sunday]"
                then: [{emit: Weekend}]
            """)
        #expect(fixture.printed == [
            "rules/cool.yaml:3:54: error: '19:60' is not a time of day: the minutes must be 00 to 59\n    hint: times of day run from 00:00 to 23:59",
            "rules/cool.yaml:6:29: error: unknown day 'sunday'\n    hint: write the first three letters: 'sun'",
        ])
    }

    @Test func onlyTestFilesAreTestFiles() {
        #expect(RuleTestLoader.isTestFile("cooling.test.yaml"))
        #expect(RuleTestLoader.isTestFile("cooling.test.yml"))
        #expect(!RuleTestLoader.isTestFile("cooling.yaml"))
        #expect(!RuleTestLoader.isTestFile("test.yaml"))
    }
}
