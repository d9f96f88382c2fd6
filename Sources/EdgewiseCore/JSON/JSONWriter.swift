/// Writes compact JSON (RFC 8259) into a byte buffer, one token at a time, with the commas and
/// colons put in for you.
///
/// ```swift
/// var writer = JSONWriter(reservingCapacity: 256)
/// writer.beginObject()
/// writer.key("temp"); writer.number(21.5)
/// writer.key("seq"); writer.integer(18734)
/// writer.endObject()
/// publish(writer.bytes)   // {"temp":21.5,"seq":18734}
/// ```
///
/// Strings are escaped per RFC 8259 (`"`, `\`, control characters as `\n`, `\t`, … or `\u001f`)
/// and U+2028/U+2029 as `\u2028`/`\u2029`, so the output is also valid JavaScript. Numbers use the
/// shortest text that reads back as the same `Double` (`21.5`, `1e-07`); integral values below 2^53
/// are written without a fraction (`21`, not `21.0`). NaN and infinities, which JSON cannot
/// express, are written as `null`, as JavaScript's `JSON.stringify` does.
///
/// Misuse — a value where a key is due, a key in an array, unbalanced `end` calls, a second
/// top-level value, nesting deeper than ``maximumDepth`` — is a programming error and stops the
/// program.
public struct JSONWriter: Sendable {
    /// The JSON written so far, as UTF-8.
    public internal(set) var bytes: [UInt8]

    /// The most arrays and objects that may be open at once: what ``JSONParser`` reads back by
    /// default.
    public static let maximumDepth = JSONParser.defaultMaximumDepth

    /// How many arrays and objects are open.
    private var depth = 0
    /// Bit `n` is set when the container at depth `n + 1` is an object, clear when an array.
    private var objectBits: UInt64 = 0
    /// Whether the innermost container (or the document) already has an element.
    private var hasElement = false
    /// Whether a key was written and its value is due.
    private var expectsValue = false

    /// A writer with an empty buffer of at least `capacity` bytes.
    public init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes one document at the end of `buffer`, reusing its capacity: the way to serialize
    /// message after message without allocating.
    ///
    /// ```swift
    /// buffer.removeAll(keepingCapacity: true)
    /// JSONWriter.write(appendingTo: &buffer) { writer in writer.value(reading) }
    /// ```
    ///
    /// If `body` throws, `buffer` is left as it was.
    ///
    /// - Precondition: `body` writes one complete value.
    public static func write<E: Error>(
        appendingTo buffer: inout [UInt8], _ body: (inout JSONWriter) throws(E) -> Void
    ) throws(E) {
        let start = buffer.count
        var writer = JSONWriter()
        swap(&writer.bytes, &buffer)
        defer { swap(&writer.bytes, &buffer) }
        do {
            try body(&writer)
        } catch {
            writer.bytes.removeSubrange(start...)
            throw error
        }
        precondition(writer.isComplete, "the document is incomplete")
    }

    /// Whether exactly one complete top-level value has been written.
    public var isComplete: Bool { depth == 0 && hasElement }

    /// Takes the bytes out, leaving the writer empty and ready for a new document.
    public mutating func takeBytes() -> [UInt8] {
        defer { self = JSONWriter() }
        return bytes
    }

    private var isInObject: Bool { depth > 0 && objectBits >> (depth - 1) & 1 == 1 }
    private var isInArray: Bool { depth > 0 && objectBits >> (depth - 1) & 1 == 0 }

    private mutating func open(isObject: Bool) {
        precondition(depth < Self.maximumDepth, "JSON nested more than \(Self.maximumDepth) levels deep")
        let bit: UInt64 = 1 << depth
        objectBits = isObject ? objectBits | bit : objectBits & ~bit
        depth += 1
        hasElement = false
    }

    /// Opens an object: then `key(_:)` and a value for each member, then ``endObject()``.
    public mutating func beginObject() {
        beginValue()
        bytes.append(JSONByte.openBrace)
        open(isObject: true)
    }

    /// Closes the innermost open object.
    public mutating func endObject() {
        precondition(isInObject && !expectsValue, "endObject() without an open object, or after a key")
        depth -= 1
        bytes.append(JSONByte.closeBrace)
        hasElement = true
    }

    /// Opens an array: then its elements, then ``endArray()``.
    public mutating func beginArray() {
        beginValue()
        bytes.append(JSONByte.openBracket)
        open(isObject: false)
    }

    /// Closes the innermost open array.
    public mutating func endArray() {
        precondition(isInArray, "endArray() without an open array")
        depth -= 1
        bytes.append(JSONByte.closeBracket)
        hasElement = true
    }

    /// Writes an object key; its value must come next.
    public mutating func key(_ key: String) {
        precondition(isInObject && !expectsValue, "key(_:) outside an object, or twice in a row")
        if hasElement { bytes.append(JSONByte.comma) }
        appendQuoted(key)
        bytes.append(JSONByte.colon)
        expectsValue = true
    }

    /// Writes a string, escaped.
    public mutating func string(_ string: String) {
        beginValue()
        appendQuoted(string)
    }

    /// Writes `number` in its shortest round-trip form; NaN and infinities as `null`.
    public mutating func number(_ number: Double) {
        beginValue()
        appendNumber(number)
    }

    /// Writes an integer exactly, all its digits (readers that use `Double`s, JavaScript among
    /// them, round integers beyond 2^53).
    public mutating func integer(_ integer: Int64) {
        beginValue()
        appendInteger(integer)
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ bool: Bool) {
        beginValue()
        bytes.append(contentsOf: bool ? Self.trueBytes : Self.falseBytes)
    }

    /// Writes `null`.
    public mutating func null() {
        beginValue()
        bytes.append(contentsOf: Self.nullBytes)
    }

    /// Writes a whole value: scalars as the methods above, arrays and objects element by element.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let bool): self.bool(bool)
        case .number(let number): self.number(number)
        case .string(let string): self.string(string)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let object):
            beginObject()
            for member in object.members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    /// Puts in the comma before a value, and checks that a value may come here.
    private mutating func beginValue() {
        if depth == 0 {
            precondition(!hasElement, "a JSON document has one top-level value")
        } else if objectBits >> (depth - 1) & 1 == 1 {
            precondition(expectsValue, "a value in an object needs a key(_:) first")
            expectsValue = false
        } else if hasElement {
            bytes.append(JSONByte.comma)
        }
        hasElement = true
    }

    static let trueBytes: [UInt8] = Array("true".utf8)
    static let falseBytes: [UInt8] = Array("false".utf8)
    static let nullBytes: [UInt8] = Array("null".utf8)
}
