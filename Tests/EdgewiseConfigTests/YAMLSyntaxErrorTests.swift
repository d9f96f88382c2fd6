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
}
