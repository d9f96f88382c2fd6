import Testing

@testable import EdgewiseCore

@Suite("JSON parsing: valid documents")
struct JSONParserTests {
    @Test("scalars and containers", arguments: [
        ("null", nil), ("true", true), ("false", false), ("0", 0), ("-0", 0), ("21.5", 21.5),
        (#""ok""#, "ok"), ("[]", []), ("{}", [:]), ("[1,[2,[3]]]", [1, [2, [3]]]),
        (#"{"a":{"b":[true,null]}}"#, ["a": ["b": [true, nil]]]),
        (" \t\r\n[ 1 , 2 ]\n ", [1, 2]),
        (#"{ "temp" : 21.5 , "status" : "ok" }"#, ["temp": 21.5, "status": "ok"]),
        ("\u{FEFF}{}", [:]),
    ] as [(String, JSONValue)])
    func parsesValue(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
        #expect(try JSONParser.parse(Array(text.utf8)) == expected)
    }

    @Test("numbers convert to the nearest Double", arguments: [
        ("0", 0), ("1", 1), ("-1", -1), ("21.5", 21.5), ("48.25", 48.25), ("3.01", 3.01), ("0.1", 0.1),
        ("1763924700123", 1_763_924_700_123), ("9007199254740993", 9_007_199_254_740_992),
        ("18446744073709551615", 18_446_744_073_709_551_616), ("123456789012345678901234567890", 1.2345678901234568e29),
        ("1e3", 1000), ("1E3", 1000), ("1e+3", 1000), ("25e-1", 2.5), ("-0.0001", -0.0001), ("0.000001234", 0.000001234),
        ("1.7976931348623157e308", 1.7976931348623157e308), ("5e-324", .leastNonzeroMagnitude), ("2.2250738585072014e-308", 2.2250738585072014e-308),
        ("1e-400", 0), ("0e999", 0), ("0.30000000000000004", 0.30000000000000004), ("123.456e-2", 1.23456),
        ("0.00000000000000000000000000001", 1e-29), ("100000000000000000000000", 1e23), ("8.98846567431158e307", 8.98846567431158e307),
    ] as [(String, Double)])
    func parsesNumber(text: String, expected: Double) throws {
        let value = try JSONParser.parse(text)
        #expect(value == .number(expected))
        #expect(value.doubleValue?.bitPattern == expected.bitPattern || expected == 0)
    }

    @Test func negativeZeroKeepsItsSign() throws {
        #expect(try JSONParser.parse("-0").doubleValue?.sign == .minus)
        #expect(try JSONParser.parse("-0.0e5").doubleValue?.sign == .minus)
    }

    @Test("escapes and Unicode in strings", arguments: [
        (#""a\"b\\c\/d""#, "a\"b\\c/d"), (#""\b\f\n\r\t""#, "\u{8}\u{C}\n\r\t"), (#""\u0041\u00e9\u20AC""#, "Aé€"),
        (#""\u0000""#, "\u{0}"), (#""\uD83D\uDE00 and \ud83d\ude00""#, "😀 and 😀"), (#""héllo wörld 温度 🌡️""#, "héllo wörld 温度 🌡️"),
        (#""plain then \n escaped""#, "plain then \n escaped"), (#""""#, ""), (#""\u2028\u2029""#, "\u{2028}\u{2029}"),
        (#""\uDBFF\uDFFF""#, "\u{10FFFF}"), ("\"\u{7F}\"", "\u{7F}"),
    ] as [(String, String)])
    func decodesString(text: String, expected: String) throws {
        #expect(try JSONParser.parse(text) == .string(expected))
    }

    @Test func objectsKeepMemberOrderAndDuplicateKeys() throws {
        let value = try JSONParser.parse(#"{"z":1,"a":2,"m":3,"a":4}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m", "a"])
        #expect(value["a"] == 4)
        #expect(value["missing"] == nil)
        #expect(value != (try JSONParser.parse(#"{"a":2,"z":1,"m":3,"a":4}"#)))
    }

    @Test func readsTheSensorPayload() throws {
        let payload = #"{"temp":21.5,"hum":48.25,"battery":3.01,"ts":1763924700123,"seq":18734,"status":"ok"}"#
        let value = try JSONParser.parse(Array(payload.utf8))
        #expect(value["temp"]?.doubleValue == 21.5)
        #expect(value["ts"]?.integerValue == 1_763_924_700_123)
        #expect(value["seq"]?.integerValue == 18734)
        #expect(value["status"]?.stringValue == "ok")
        #expect(value["temp"]?.integerValue == nil)
    }

    @Test("integerValue is exact only below 2^53", arguments: [
        ("42", 42), ("-42", -42), ("1e3", 1000), ("9007199254740991", 9_007_199_254_740_991), ("-9007199254740991", -9_007_199_254_740_991),
        ("9007199254740992", nil), ("1.5", nil), ("1e300", nil), (#""42""#, nil),
    ] as [(String, Int64?)])
    func integerValue(text: String, expected: Int64?) throws {
        #expect(try JSONParser.parse(text).integerValue == expected)
    }

    @Test func acceptsEveryKindOfByteCollection() throws {
        let bytes = Array(#"{"seq":[1,2,3]}"#.utf8)
        let expected: JSONValue = ["seq": [1, 2, 3]]
        #expect(try JSONParser.parse(bytes[...]) == expected)
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == expected)  // not contiguous: copied
        #expect(try JSONParser.parse(#"{"seq":[1,2,3]}"#.utf8) == expected)
        let fromRawBuffer = bytes.withUnsafeBytes { raw in Result { () throws(JSONSyntaxError) in try JSONParser.parse(raw) } }
        #expect(try fromRawBuffer.get() == expected)
        let framed = Array("xx[1]yy".utf8)
        #expect(try JSONParser.parse(framed[2..<5]) == [1])
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = JSONParser.defaultMaximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try JSONParser.parse(text) }
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(throws: Never.self) { try JSONParser.parse(objects) }
        #expect(throws: Never.self) { try JSONParser.parse("[[1]]", maximumDepth: 2) }
    }

    @Test func largeDocument() throws {
        let element = #"{"id":1,"name":"sensor \"α\"","values":[1.5,-2e-3,true,null]}"#
        let text = "[" + Array(repeating: element, count: 2_000).joined(separator: ",") + "]"
        let value = try JSONParser.parse(text)
        #expect(value.arrayValue?.count == 2_000)
        #expect(value[1_999]?["name"] == "sensor \"α\"")
        #expect(value[0]?["values"]?[1] == -0.002)
    }
}
