import Testing

@Suite("YAML syntax errors name the line and column")
struct YAMLSyntaxErrorTests {
    static let cases: [InvalidConfigCase] = [
        InvalidConfigCase(
            name: "a value with an unquoted ': '",
            device: """
                device: x
                protocol: mqtt
                topic: a
                points:
                  t: {json: "$.t"}
                description: note: quote me
                """,
            expected: [
                "devices/test.yaml:6:18: error: invalid YAML: mapping values are not allowed in this context\n    hint: check the indentation, and quote values that contain ': '"
            ]),
        InvalidConfigCase(
            name: "a tab used for indentation",
            device: "device: x\nprotocol: mqtt\ntopic: a\npoints:\n\tt: {json: \"$.t\"}\n",
            expected: [
                "devices/test.yaml:5:1: error: invalid YAML: found character that cannot start any token\n    hint: YAML does not allow tabs for indentation, and text starting with '@', '`' or '%' must be quoted"
            ]),
        InvalidConfigCase(
            name: "an unclosed flow mapping",
            device: """
                device: x
                protocol: mqtt
                topic: a
                points:
                  t: {json: "$.t"
                """,
            expected: [
                "devices/test.yaml:6:1: error: invalid YAML: did not find expected ',' or '}'\n    hint: while parsing a flow mapping that starts at line 5, column 6"
            ]),
        InvalidConfigCase(
            name: "a point defined twice is a duplicate key at its second definition",
            device: """
                device: x
                protocol: mqtt
                topic: a
                points:
                  temperature: {json: "$.t"}
                  humidity: {json: "$.h"}
                  temperature: {json: "$.t2"}
                """,
            expected: [
                "devices/test.yaml:7:3: error: duplicate key 'temperature'\n    hint: 'temperature' is first written at line 5; each key may appear once in a mapping"
            ]),
        InvalidConfigCase(
            name: "every repeated key is reported, however it is quoted",
            device: """
                device: x
                protocol: mqtt
                "device": y
                topic: a
                points:
                  t: {json: "$.t", 'json': "$.u"}
                """,
            expected: [
                "devices/test.yaml:3:1: error: duplicate key 'device'\n    hint: 'device' is first written at line 1; each key may appear once in a mapping",
                "devices/test.yaml:6:20: error: duplicate key 'json'\n    hint: 'json' is first written at line 6; each key may appear once in a mapping",
            ]),
        InvalidConfigCase(
            name: "an alias without its anchor",
            device: "device: x\nprotocol: mqtt\ntopic: *sensor_topic\npoints:\n  t: {json: \"$.t\"}\n",
            expected: [
                "devices/test.yaml:3:8: error: invalid YAML: '*sensor_topic' refers to no anchor\n    hint: write '&sensor_topic' on the value it stands for, before this line"
            ]),
        InvalidConfigCase(
            name: "two documents in one file",
            device: "device: x\nprotocol: mqtt\ntopic: a\npoints:\n  t: {json: \"$.t\"}\n---\ndevice: y\n",
            expected: [
                "devices/test.yaml:6:1: error: invalid YAML: a second document starts here\n    hint: a config file holds one document; remove this '---' or move what follows into a file of its own"
            ]),
        InvalidConfigCase(
            name: "a control character, even in quotes",
            device: "device: x\nprotocol: mqtt\ntopic: \"a\u{1B}b\"\npoints:\n  t: {json: \"$.t\"}\n",
            expected: [
                "devices/test.yaml:3:10: error: invalid YAML: control characters are not allowed\n    hint: the file holds a control character (such as a NUL or an escape) that YAML does not allow, even in quotes"
            ]),
        InvalidConfigCase(
            name: "lists nested deeper than the composer allows",
            device: "device: x\nprotocol: mqtt\ntopic: a\npoints: " + String(repeating: "[", count: 300) + "\n",
            expected: ["devices/test.yaml:4:264: error: invalid YAML: lists and mappings are nested more than 256 deep"]),
        InvalidConfigCase(
            name: "an empty file",
            device: "",
            expected: ["devices/test.yaml:1:1: error: the file is empty"]),
        InvalidConfigCase(
            name: "a file that is a list instead of a mapping",
            device: "- device: x\n",
            expected: ["devices/test.yaml:1:1: error: the file must be a mapping of keys to values, but is a list"]),
    ]

    @Test(arguments: cases)
    func reportsSyntaxError(_ invalid: InvalidConfigCase) {
        #expect(invalid.fixture.printed == invalid.expected)
        #expect(invalid.fixture.load().configuration == nil)
    }

    @Test("An anchored value stands in wherever its alias is written")
    func aliasesTakeTheAnchoredValue() throws {
        var fixture = ConfigFixture()
        fixture.devices["test.yaml"] = """
            device: x
            protocol: mqtt
            topic: sensors/x
            points:
              inside: &celsius {json: "$.in", unit: degC}
              outside: *celsius
            """
        #expect(fixture.printed == [])
        let configuration = try #require(fixture.load().configuration)
        let device = try #require(configuration.devices.first { $0.name == "x" })
        #expect(device.points.map(\.name).sorted() == ["inside", "outside"])
        #expect(Set(device.points.map { "\($0.unit)" }).count == 1)
    }
}
