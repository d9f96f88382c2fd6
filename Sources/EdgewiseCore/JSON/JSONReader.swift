/// The recursive-descent reader behind ``JSONParser``: a cursor over UTF-8 bytes in place.
///
/// Each container builds its own array, reserved for 8 members or 4 elements, so a typical
/// payload object costs one allocation. (Measured: fewer instructions than collecting elements on
/// a shared stack and moving them out exactly sized; the price is some unused capacity in small
/// containers, which payload values do not live long enough to matter.) Strings without escapes
/// become `String`s straight from the input bytes; escapes are decoded through `scratch`.
struct JSONReader {
    /// Where a value is being read, for end-of-input messages.
    enum Context {
        case document, array, object
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var position = 0
    var depth = 0
    /// The decoded bytes of a string with escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// Reads the one value of the input, which must be followed by nothing but whitespace.
    mutating func readDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
        }
        skipWhitespace()
        guard position < bytes.count else {
            throw JSONSyntaxError(bytes.isEmpty ? "empty input" : "input has no JSON value, only whitespace", offset: 0)
        }
        let value = try readValue(in: .document)
        skipWhitespace()
        guard position == bytes.count else {
            throw JSONSyntaxError("unexpected \(JSONByte.describe(bytes[position])) after the JSON value", offset: position)
        }
        return value
    }

    /// Reads a value starting at `position`, which is past any whitespace.
    mutating func readValue(in context: Context) throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw endOfInput(in: context) }
        switch bytes[position] {
        case JSONByte.quote:
            return .string(try readString())
        case JSONByte.minus, JSONByte.zero...JSONByte.nine:
            return .number(try readNumber())
        case JSONByte.openBrace:
            return try readObject()
        case JSONByte.openBracket:
            return try readArray()
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try readLiteral("null")
            return .null
        default:
            throw notAValue(in: context)
        }
    }

    mutating func readArray() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == JSONByte.closeBracket {
            position += 1
            depth -= 1
            return .array([])
        }
        var elements: [JSONValue] = []
        elements.reserveCapacity(4)
        while true {
            let element = try readValue(in: .array)
            elements.append(element)
            skipWhitespace()
            guard position < bytes.count else { throw endOfInput(in: .array) }
            let byte = bytes[position]
            if byte == JSONByte.comma {
                let comma = position
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == JSONByte.closeBracket {
                    throw JSONSyntaxError("trailing comma before ']'", offset: comma)
                }
            } else if byte == JSONByte.closeBracket {
                position += 1
                break
            } else {
                throw JSONSyntaxError("expected ',' or ']' after an array element", offset: position)
            }
        }
        depth -= 1
        return .array(elements)
    }

    mutating func readObject() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == JSONByte.closeBrace {
            position += 1
            depth -= 1
            return .object(JSONObject())
        }
        var members: [JSONObject.Member] = []
        members.reserveCapacity(8)
        while true {
            guard position < bytes.count else { throw endOfInput(in: .object) }
            guard bytes[position] == JSONByte.quote else { throw notAKey() }
            let key = try readString()
            skipWhitespace()
            guard position < bytes.count else { throw endOfInput(in: .object) }
            guard bytes[position] == JSONByte.colon else {
                throw JSONSyntaxError("expected ':' after an object key", offset: position)
            }
            position += 1
            skipWhitespace()
            let value = try readValue(in: .object)
            members.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard position < bytes.count else { throw endOfInput(in: .object) }
            let byte = bytes[position]
            if byte == JSONByte.comma {
                let comma = position
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == JSONByte.closeBrace {
                    throw JSONSyntaxError("trailing comma before '}'", offset: comma)
                }
            } else if byte == JSONByte.closeBrace {
                position += 1
                break
            } else {
                throw JSONSyntaxError("expected ',' or '}' after an object member", offset: position)
            }
        }
        depth -= 1
        return .object(JSONObject(storage: members))
    }

    mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= maximumDepth else {
            throw JSONSyntaxError("nested too deeply (more than \(maximumDepth) levels)", offset: position)
        }
    }

    /// Reads `literal` (`true`, `false` or `null`) at `position`.
    mutating func readLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let length = literal.utf8CodeUnitCount
        if bytes.count - position >= length {
            let expected = literal.utf8Start
            var index = 0
            while index < length, bytes[position + index] == expected[index] {
                index += 1
            }
            if index == length {
                position += length
                return
            }
        }
        throw notAValue(in: .document)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case JSONByte.space, JSONByte.lineFeed, JSONByte.carriageReturn, JSONByte.tab:
                position += 1
            default:
                return
            }
        }
    }
}
