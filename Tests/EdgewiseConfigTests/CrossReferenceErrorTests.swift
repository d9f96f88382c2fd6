import Testing

@Suite("Duplicate names and rules that refer to what does not exist")
struct CrossReferenceErrorTests {
    static let cases: [InvalidConfigCase] = [
        InvalidConfigCase(
            name: "two device files with the same device name",
            device: """
                device: air
                protocol: mqtt
                topic: other
                points:
                  t: {json: "$.t"}
                """,
            expected: [
                "devices/test.yaml:1:9: error: duplicate device name 'air'\n    hint: 'air' is already defined at devices/air.yaml:1:9; device names must be unique"
            ]),
        InvalidConfigCase(
            name: "two rules with the same name",
            rules: """
                rules:
                  - name: cool
                    when: air.temperature > 26
                    then: [{emit: TooWarm}]
                  - name: cool
                    when: air.temperature > 30
                    then: [{emit: TooHot}]
                """,
            expected: [
                "rules/cool.yaml:5:11: error: duplicate rule name 'cool'\n    hint: 'cool' is already defined at rules/cool.yaml:2:11; rule names must be unique"
            ]),
        InvalidConfigCase(
            name: "a condition naming a device that does not exist points at the name",
            rules: """
                rules:
                  - name: cool
                    when: air.temperature > 26 and hvca.alarm
                    then: [{emit: TooWarm}]
                """,
            expected: ["rules/cool.yaml:3:36: error: unknown device 'hvca'\n    hint: did you mean 'hvac'?"]),
        InvalidConfigCase(
            name: "a condition naming a point the device does not have",
            rules: """
                rules:
                  - name: cool
                    when: "air.temprature > 26"
                    until: air.temperature < 24
                    then: [{emit: TooWarm}]
                """,
            expected: ["rules/cool.yaml:3:12: error: device 'air' has no point 'temprature'\n    hint: did you mean 'temperature'?"]),
        InvalidConfigCase(
            name: "a syntax error inside a condition points at the column",
            rules: """
                rules:
                  - name: cool
                    when: air.temperature = 26
                    then: [{emit: TooWarm}]
                """,
            expected: ["rules/cool.yaml:3:27: error: '=' is not a comparison\n    hint: use '==' to compare"]),
        InvalidConfigCase(
            name: "a write to a device or point that does not exist",
            rules: """
                rules:
                  - name: cool
                    when: air.temperature > 26
                    then:
                      - write: hvak.cooling = on
                      - write: hvac.coolng = on
                """,
            expected: [
                "rules/cool.yaml:5:16: error: 'write' names unknown device 'hvak'\n    hint: did you mean 'hvac'?",
                "rules/cool.yaml:6:16: error: device 'hvac' has no point 'coolng'\n    hint: did you mean 'cooling'?",
            ]),
        InvalidConfigCase(
            name: "a write to a point that is not writable names where to allow it",
            rules: """
                rules:
                  - name: cool
                    when: air.temperature > 26
                    then: [{write: hvac.supply_temp = 12}]
                """,
            expected: [
                "rules/cool.yaml:4:20: error: point 'hvac.supply_temp' is not writable\n    hint: add 'writable: true' to the point at devices/hvac.yaml:5:3 if rules may change it"
            ]),
        InvalidConfigCase(
            name: "a write of the wrong kind of value",
            rules: """
                rules:
                  - name: cool
                    when: air.temperature > 26
                    then: [{write: hvac.cooling = 21.5}]
                """,
            expected: [
                "rules/cool.yaml:4:35: error: the value written to 'hvac.cooling' must be on or off, but this is a number"
            ]),
        InvalidConfigCase(
            name: "emitting a built-in event name",
            rules: """
                rules:
                  - name: cool
                    when: air.temperature > 26
                    then: [{emit: ThresholdCrossed}]
                """,
            expected: [
                "rules/cool.yaml:4:19: error: 'ThresholdCrossed' is a built-in event; rules may emit only their own event names\n    hint: choose a name of your own, e.g. 'CoolingRequested'"
            ]),
        InvalidConfigCase(
            name: "a point with invalid settings is reported once, not again by each rule that uses it",
            device: """
                device: room
                protocol: mqtt
                topic: a
                points:
                  temp: {json: "$.t", unit: celsius}
                """,
            rules: """
                rules:
                  - name: cool
                    when: room.temp > 26
                    then: [{emit: TooWarm}]
                """,
            expected: ["devices/test.yaml:5:29: error: unknown unit 'celsius'\n    hint: write 'degC'"]),
    ]

    @Test(arguments: cases)
    func reportsCrossReferenceError(_ invalid: InvalidConfigCase) {
        #expect(invalid.fixture.printed == invalid.expected)
        #expect(invalid.fixture.load().configuration == nil)
    }
}
