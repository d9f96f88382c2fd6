import Testing

@testable import EdgewiseCore

@Suite("JSON writing")
struct JSONWriterTests {
    func written(_ build: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        build(&writer)
        #expect(writer.isComplete)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func writesTheSensorPayload() {
        let text = written { writer in
            writer.beginObject()
            writer.key("temp")
            writer.number(21.5)
            writer.key("ts")
            writer.integer(1_763_924_700_123)
            writer.key("ok")
            writer.bool(true)
            writer.key("note")
            writer.null()
            writer.key("tags")
            writer.beginArray()
            writer.string("a")
            writer.beginObject()
            writer.endObject()
            writer.beginArray()
            writer.endArray()
            writer.bool(false)
            writer.endArray()
            writer.key("status")
            writer.string("ok")
            writer.endObject()
        }
        #expect(text == #"{"temp":21.5,"ts":1763924700123,"ok":true,"note":null,"tags":["a",{},[],false],"status":"ok"}"#)
    }

    @Test("numbers: shortest round-trip text, integral values without a fraction", arguments: [
        (21.5, "21.5"), (21, "21"), (-3, "-3"), (0, "0"), (-0.0, "0"), (0.1, "0.1"), (1e-7, "1e-07"), (3.01, "3.01"),
        (1_763_924_700_123, "1763924700123"), (9_007_199_254_740_991, "9007199254740991"),
        (9_007_199_254_740_992, "9007199254740992.0"), (1e20, "1e+20"), (-1.5e300, "-1.5e+300"),
        (.greatestFiniteMagnitude, "1.7976931348623157e+308"), (.leastNonzeroMagnitude, "5e-324"),
        (.nan, "null"), (.infinity, "null"), (-.infinity, "null"), (.signalingNaN, "null"),
    ] as [(Double, String)])
    func writesNumber(number: Double, expected: String) {
        #expect(written { $0.number(number) } == expected)
    }

    @Test("integers", arguments: [
        (0, "0"), (7, "7"), (-7, "-7"), (1_000_000, "1000000"), (.max, "9223372036854775807"), (.min, "-9223372036854775808"),
    ] as [(Int64, String)])
    func writesInteger(integer: Int64, expected: String) {
        #expect(written { $0.integer(integer) } == expected)
    }

    @Test("string escapes", arguments: [
        ("plain", #""plain""#), ("", #""""#), ("say \"hi\"", #""say \"hi\"""#), (#"C:\temp"#, #""C:\\temp""#),
        ("a\nb\r\tc", #""a\nb\r\tc""#), ("\u{8}\u{C}", #""\b\f""#), ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("\u{7F}", "\"\u{7F}\""), ("/", #""/""#), ("é€温度😀", "\"é€温度😀\""),
        ("line\u{2028}para\u{2029}", #""line\u2028para\u2029""#), ("\u{2027}\u{202A}€", "\"\u{2027}\u{202A}€\""),
    ] as [(String, String)])
    func escapesString(string: String, expected: String) {
        #expect(written { $0.string(string) } == expected)
    }

    @Test func keysAreEscapedToo() {
        #expect(written { writer in
            writer.beginObject()
            writer.key("a\"b\n")
            writer.integer(1)
            writer.endObject()
        } == #"{"a\"b\n":1}"#)
    }

    @Test func writesWholeValuesInMemberOrder() {
        let value: JSONValue = ["z": 1, "a": [true, nil, "x"], "m": ["n": 2.5]]
        #expect(written { $0.value(value) } == #"{"z":1,"a":[true,null,"x"],"m":{"n":2.5}}"#)
        #expect(value.description == #"{"z":1,"a":[true,null,"x"],"m":{"n":2.5}}"#)
    }

    @Test func appendsToAReusedBuffer() {
        var buffer = Array("data: ".utf8)
        buffer.reserveCapacity(100)
        JSONWriter.write(appendingTo: &buffer) { writer in
            writer.beginArray()
            writer.integer(1)
            writer.endArray()
        }
        #expect(String(decoding: buffer, as: UTF8.self) == "data: [1]")
        #expect(buffer.capacity >= 100)
    }

    @Test func aThrowingBodyLeavesTheBufferAsItWas() {
        struct Stop: Error {}
        var buffer = Array("kept".utf8)
        #expect(throws: Stop.self) {
            try JSONWriter.write(appendingTo: &buffer) { writer throws(Stop) in
                writer.beginObject()
                writer.key("partial")
                throw Stop()
            }
        }
        #expect(buffer == Array("kept".utf8))
    }

    @Test func takeBytesLeavesAnEmptyWriter() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.endArray()
        #expect(writer.takeBytes() == Array("[]".utf8))
        #expect(writer.bytes.isEmpty && !writer.isComplete)
        writer.null()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "null")
    }

    @Test func nestsToTheParsersDepthLimit() throws {
        var writer = JSONWriter()
        for _ in 1..<JSONWriter.maximumDepth { writer.beginArray() }
        writer.beginObject()
        writer.key("innermost")
        writer.null()
        writer.endObject()
        for _ in 1..<JSONWriter.maximumDepth { writer.endArray() }
        #expect(writer.isComplete)
        #expect(throws: Never.self) { try JSONParser.parse(writer.bytes) }
    }

    @Test func isCompleteOnlyAfterTheTopLevelValueCloses() {
        var writer = JSONWriter(reservingCapacity: 64)
        #expect(!writer.isComplete)
        writer.beginObject()
        writer.key("a")
        #expect(!writer.isComplete)
        writer.integer(1)
        #expect(!writer.isComplete)
        writer.endObject()
        #expect(writer.isComplete)
    }
}
