import EdgewiseTesting
import Testing

@testable import EdgewiseCore

/// Whatever the writer writes, the parser reads back as the same value.
@Suite("JSON round trips")
struct JSONRoundTripTests {
    /// Strings meant to break escaping: every control character, quotes, backslashes, the
    /// JavaScript line terminators, multi-byte scalars and emoji (with joiners and modifiers).
    static let nastyStrings: [String] = [
        String((0..<0x20).map { Character(Unicode.Scalar($0)!) }),
        "\"", "\\", "\\\"", "\"\\\"", "\u{7F}", "\u{2028}\u{2029}", "\u{0}", "end\\", "/\\/",
        "é", "温度", "😀", "👩‍👩‍👧‍👦", "👍🏽", "🇨🇭", "\u{FEFF}", "\u{FFFD}", "\u{10FFFF}", "a\u{301}",
        "mixed \"quotes\" and \\ and \n and \u{1} and 😀 and \u{2028}",
    ]

    static let scalarSamples: [Unicode.Scalar] = (0..<0x80).compactMap(Unicode.Scalar.init)
        + ["é", "ß", "€", "温", "\u{2028}", "\u{2029}", "\u{FEFF}", "😀", "🌡", "\u{10FFFF}", "\u{E000}", "\u{D7FF}"]

    func roundTrip(_ value: JSONValue) throws -> JSONValue {
        var writer = JSONWriter()
        writer.value(value)
        return try JSONParser.parse(writer.bytes)
    }

    @Test(arguments: nastyStrings)
    func nastyString(_ string: String) throws {
        #expect(try roundTrip(.string(string)) == .string(string))
        #expect(try roundTrip([string: .string(string)]) == [string: .string(string)])
    }

    @Test func everyScalarOfTheBasicPlaneAndAbove() throws {
        var scalars: [Unicode.Scalar] = []
        for value in stride(from: UInt32(0), through: 0x10FFFF, by: 97) {
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        var string = ""
        string.unicodeScalars.append(contentsOf: scalars)
        #expect(try roundTrip(.string(string)) == .string(string))
    }

    @Test func randomDoublesKeepEveryBit() throws {
        var random = SeededRandom(seed: 7)
        for _ in 0..<20_000 {
            let number = Double(bitPattern: random.next())
            guard number.isFinite else { continue }
            let parsed = try roundTrip(.number(number))
            #expect(parsed.doubleValue?.bitPattern == (number == 0 ? 0 : number.bitPattern), "\(number)")
        }
    }

    @Test func randomDocuments() throws {
        var random = SeededRandom(seed: 2026)
        for _ in 0..<2_000 {
            let value = Self.randomValue(depth: 0, using: &random)
            #expect(try roundTrip(value) == value)
        }
    }

    /// A random value: scalars of every kind, nested arrays and objects, nasty strings.
    static func randomValue(depth: Int, using random: inout SeededRandom) -> JSONValue {
        let kind = Int.random(in: 0..<(depth < 4 ? 8 : 6), using: &random)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(Double(Int64.random(in: -1_000_000...1_000_000, using: &random)) / 100)
        case 3:
            let number = Double(bitPattern: random.next())
            return .number(number.isFinite ? number : 0)
        case 4, 5: return .string(randomString(using: &random))
        case 6:
            return .array((0..<Int.random(in: 0...5, using: &random)).map { _ in randomValue(depth: depth + 1, using: &random) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                object.append(key: randomString(using: &random), value: randomValue(depth: depth + 1, using: &random))
            }
            return .object(object)
        }
    }

    static func randomString(using random: inout SeededRandom) -> String {
        if Int.random(in: 0..<4, using: &random) == 0 {
            return nastyStrings.randomElement(using: &random)!
        }
        var string = ""
        for _ in 0..<Int.random(in: 0...12, using: &random) {
            string.unicodeScalars.append(scalarSamples.randomElement(using: &random)!)
        }
        return string
    }
}
