import Testing

@testable import EdgewiseCore

@Suite("Reading payload fields by path")
struct JSONValuePathTests {
    static let payload: JSONValue = try! JSONParser.parse(#"""
        {"temp": 21.5, "sensors": [{"value": 1}, {"value": 2, "odd key": "x"}], "meta": {"fw": "1.2"}, "dup": 1, "dup": 2}
        """#)

    @Test("found", arguments: [
        ("$", payload), ("$.temp", 21.5), ("$.sensors[0].value", 1), ("$.sensors[1]['odd key']", "x"),
        ("$['meta'].fw", "1.2"), ("$.dup", 2), ("$.sensors[1]", ["value": 2, "odd key": "x"]),
    ] as [(String, JSONValue)])
    func finds(path: String, expected: JSONValue) throws {
        #expect(Self.payload.value(at: try PayloadPath.parse(path)) == expected)
    }

    @Test("missing", arguments: [
        "$.humidity", "$.sensors[2]", "$.sensors[0].missing", "$.temp.value", "$.temp[0]", "$.sensors.value", "$.meta[0]",
    ])
    func missing(path: String) throws {
        #expect(Self.payload.value(at: try PayloadPath.parse(path)) == nil)
    }

    @Test func subscriptsLookUpMembersAndElements() {
        #expect(Self.payload["sensors"]?[1]?["value"] == 2)
        #expect(Self.payload["temp"]?["value"] == nil)
        #expect(Self.payload["sensors"]?[-1] == nil)
    }
}
