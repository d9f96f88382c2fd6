import Testing

@testable import EdgewiseCore

/// Text that is not JSON: the byte offset and message of the error.
@Suite("JSON parsing: rejected documents")
struct JSONSyntaxErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var bytes: [UInt8]
        var offset: Int
        var message: String

        init(_ text: String, _ offset: Int, _ message: String) {
            self.init(bytes: Array(text.utf8), offset, message)
        }

        init(bytes: [UInt8], _ offset: Int, _ message: String) {
            (self.bytes, self.offset, self.message) = (bytes, offset, message)
        }

        var testDescription: String { String(decoding: bytes, as: UTF8.self).debugDescription }
    }

    static let structureCases: [Case] = [
        Case("", 0, "empty input"),
        Case("  \n", 0, "input has no JSON value, only whitespace"),
        Case("[1,2,]", 4, "trailing comma before ']'"),
        Case(#"{"a":1,}"#, 6, "trailing comma before '}'"),
        Case(#"{"a":1 , }"#, 7, "trailing comma before '}'"),
        Case("[1 2]", 3, "expected ',' or ']' after an array element"),
        Case(#"{"a":1 "b":2}"#, 7, "expected ',' or '}' after an object member"),
        Case(#"{"a":1]"#, 6, "expected ',' or '}' after an object member"),
        Case(#"{"a" 1}"#, 5, "expected ':' after an object key"),
        Case(#"{"a"}"#, 4, "expected ':' after an object key"),
        Case("{a:1}", 1, "expected '\"' to start an object key, found 'a'"),
        Case("{,}", 1, "expected '\"' to start an object key, found ','"),
        Case("{'a':1}", 1, "keys must be in double quotes, not single quotes"),
        Case("['a']", 1, "strings must be in double quotes, not single quotes"),
        Case("[1,,2]", 3, "expected a value, found ','"),
        Case("[,1]", 1, "expected a value, found ','"),
        Case(#"{"a":}"#, 5, "expected a value, found '}'"),
        Case("[1]]", 3, "unexpected ']' after the JSON value"),
        Case("{} {}", 3, "unexpected '{' after the JSON value"),
        Case("1 2", 2, "unexpected '2' after the JSON value"),
        Case("truex", 4, "unexpected 'x' after the JSON value"),
        Case("[1,2", 4, "unexpected end of input in an array"),
        Case("[", 1, "unexpected end of input in an array"),
        Case(#"{"a":"#, 5, "unexpected end of input in an object"),
        Case(#"{"a":1"#, 6, "unexpected end of input in an object"),
        Case(#"{"a""#, 4, "unexpected end of input in an object"),
        Case("{", 1, "unexpected end of input in an object"),
        Case("/* note */ {}", 0, "comments are not allowed in JSON"),
        Case("{\"a\":1 // note\n}", 7, "expected ',' or '}' after an object member"),
        Case("[1, // note\n2]", 4, "comments are not allowed in JSON"),
        Case("{// note\n}", 1, "comments are not allowed in JSON"),
        Case("NaN", 0, "NaN and Infinity are not allowed in JSON"),
        Case("[Infinity]", 1, "NaN and Infinity are not allowed in JSON"),
        Case("-Infinity", 0, "NaN and Infinity are not allowed in JSON"),
        Case("True", 0, "'True' must be written in lower case"),
        Case("[NULL]", 1, "'NULL' must be written in lower case"),
        Case("tru", 0, "invalid literal 'tru', expected true, false or null"),
        Case("nul", 0, "invalid literal 'nul', expected true, false or null"),
        Case(#"{"status":ok}"#, 10, "unexpected word 'ok'; strings must be in double quotes"),
        Case("undefined", 0, "unexpected word 'undefined'; strings must be in double quotes"),
        Case("[\u{1}]", 1, "expected a value, found byte 0x01"),
        Case(bytes: [0xFF], 0, "expected a value, found byte 0xFF"),
    ]

    static let numberCases: [Case] = [
        Case("01", 0, "leading zeros are not allowed in numbers"),
        Case("-012", 0, "leading zeros are not allowed in numbers"),
        Case("[00]", 1, "leading zeros are not allowed in numbers"),
        Case("+1", 0, "numbers cannot start with '+'"),
        Case(".5", 0, "numbers need a digit before the decimal point"),
        Case("1.", 2, "expected a digit after the decimal point"),
        Case("1.e5", 2, "expected a digit after the decimal point"),
        Case("-", 1, "expected a digit after '-'"),
        Case("-a", 1, "expected a digit after '-'"),
        Case("1e", 2, "expected a digit in the exponent"),
        Case("1e+", 3, "expected a digit in the exponent"),
        Case("[1E-x]", 4, "expected a digit in the exponent"),
        Case("1e309", 0, "number out of range"),
        Case("[-1e400]", 1, "number out of range"),
        Case("1" + String(repeating: "0", count: 400), 0, "number out of range"),
        Case("0x10", 1, "unexpected 'x' after the JSON value"),
        Case("1.5.2", 3, "unexpected '.' after the JSON value"),
    ]

    static let stringCases: [Case] = [
        Case(#""abc"#, 0, "unterminated string"),
        Case(#"["abc]"#, 1, "unterminated string"),
        Case(#""abc\"#, 0, "unterminated string"),
        Case(#""abc\""#, 0, "unterminated string"),
        Case("\"a\nb\"", 2, "control character U+000A must be escaped in a string"),
        Case("\"a\tb\"", 2, "control character U+0009 must be escaped in a string"),
        Case("\"\\n\u{0}\"", 3, "control character U+0000 must be escaped in a string"),
        Case(#""\x41""#, 1, #"invalid escape '\x' in a string"#),
        Case(#""ab\'""#, 3, #"invalid escape '\'' in a string"#),
        Case(#""\u12""#, 1, #"expected 4 hex digits after '\u'"#),
        Case(#""\u12G4""#, 1, #"expected 4 hex digits after '\u'"#),
        Case(#""\uD83D""#, 1, #"unpaired surrogate '\uD83D' in a string"#),
        Case(#""\uD83Dx""#, 1, #"unpaired surrogate '\uD83D' in a string"#),
        Case(#""\uD83D\u0041""#, 1, #"unpaired surrogate '\uD83D' in a string"#),
        Case(#""\uD83D\uD83D""#, 1, #"unpaired surrogate '\uD83D' in a string"#),
        Case(#""\uDE00""#, 1, #"unpaired surrogate '\uDE00' in a string"#),
        Case(#""ok \uD83D\n""#, 4, #"unpaired surrogate '\uD83D' in a string"#),
        Case(#""\uD83D\u00""#, 7, #"expected 4 hex digits after '\u'"#),
    ]

    static let utf8Cases: [Case] = [
        Case(bytes: [0x22, 0x61, 0xFF, 0x22], 2, "invalid UTF-8 in a string"),
        Case(bytes: [0x22, 0xC3, 0x22], 1, "invalid UTF-8 in a string"),  // truncated 2-byte sequence
        Case(bytes: [0x22, 0xC0, 0xAF, 0x22], 1, "invalid UTF-8 in a string"),  // overlong '/'
        Case(bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22], 1, "invalid UTF-8 in a string"),  // overlong
        Case(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], 1, "invalid UTF-8 in a string"),  // encoded surrogate U+D800
        Case(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1, "invalid UTF-8 in a string"),  // above U+10FFFF
        Case(bytes: [0x22, 0x80, 0x22], 1, "invalid UTF-8 in a string"),  // lone continuation byte
        Case(bytes: [0x22, 0x5C, 0x6E, 0xF0, 0x9F, 0x98, 0x22], 3, "invalid UTF-8 in a string"),  // after an escape
        Case(bytes: [0x7B, 0x22, 0xE2, 0x82, 0x22, 0x3A, 0x31, 0x7D], 2, "invalid UTF-8 in a string"),  // in a key
    ]

    @Test("structure", arguments: structureCases)
    func structure(_ c: Case) {
        #expect(throws: JSONSyntaxError(c.message, offset: c.offset)) { try JSONParser.parse(c.bytes) }
    }

    @Test("numbers", arguments: numberCases)
    func numbers(_ c: Case) {
        #expect(throws: JSONSyntaxError(c.message, offset: c.offset)) { try JSONParser.parse(c.bytes) }
    }

    @Test("strings", arguments: stringCases)
    func strings(_ c: Case) {
        #expect(throws: JSONSyntaxError(c.message, offset: c.offset)) { try JSONParser.parse(c.bytes) }
    }

    @Test("invalid UTF-8", arguments: utf8Cases)
    func invalidUTF8(_ c: Case) {
        #expect(throws: JSONSyntaxError(c.message, offset: c.offset)) { try JSONParser.parse(c.bytes) }
    }

    @Test func tooDeepNestingIsRejected() {
        let depth = JSONParser.defaultMaximumDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: JSONSyntaxError("nested too deeply (more than 64 levels)", offset: 64)) { try JSONParser.parse(text) }
        #expect(throws: JSONSyntaxError("nested too deeply (more than 2 levels)", offset: 6)) {
            try JSONParser.parse(#"{"a":[{}]}"#, maximumDepth: 2)
        }
    }

    @Test func hostileNestingFailsWithoutExhaustingTheStack() {
        let text = String(repeating: "[", count: 1_000_000)
        #expect(throws: JSONSyntaxError("nested too deeply (more than 64 levels)", offset: 64)) { try JSONParser.parse(text) }
    }

    @Test func describesItselfWithTheOffset() {
        #expect(JSONSyntaxError("expected ':' after an object key", offset: 12).description == "expected ':' after an object key (at byte 12)")
    }
}
