/// Strings: validated UTF-8 taken from the input as is, escapes decoded only when present.
extension JSONReader {
    /// Reads the string whose opening quote is at `position`.
    mutating func readString() throws(JSONSyntaxError) -> String {
        let open = position
        let start = position + 1
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == JSONByte.quote {
                position = index + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            } else if byte == JSONByte.backslash {
                return try readEscapedString(open: open, firstEscape: index)
            } else if byte < JSONByte.space {
                throw unescapedControlCharacter(at: index)
            } else if byte < 0x80 {
                index += 1
            } else {
                index = try skipUTF8Sequence(at: index)
            }
        }
        throw JSONSyntaxError("unterminated string", offset: open)
    }

    /// Continues reading a string at its first backslash, collecting the decoded bytes in `scratch`.
    private mutating func readEscapedString(open: Int, firstEscape: Int) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = open + 1
        var index = firstEscape
        while index < bytes.count {
            let byte = bytes[index]
            if byte == JSONByte.quote {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                position = index + 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == JSONByte.backslash {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index = try readEscape(at: index, open: open)
                runStart = index
            } else if byte < JSONByte.space {
                throw unescapedControlCharacter(at: index)
            } else if byte < 0x80 {
                index += 1
            } else {
                index = try skipUTF8Sequence(at: index)
            }
        }
        throw JSONSyntaxError("unterminated string", offset: open)
    }

    /// Decodes the escape whose backslash is at `index` into `scratch`; returns the index after it.
    private mutating func readEscape(at index: Int, open: Int) throws(JSONSyntaxError) -> Int {
        guard index + 1 < bytes.count else { throw JSONSyntaxError("unterminated string", offset: open) }
        let decoded: UInt8
        switch bytes[index + 1] {
        case JSONByte.quote, JSONByte.backslash, JSONByte.slash: decoded = bytes[index + 1]
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = JSONByte.lineFeed
        case UInt8(ascii: "r"): decoded = JSONByte.carriageReturn
        case UInt8(ascii: "t"): decoded = JSONByte.tab
        case UInt8(ascii: "u"): return try readUnicodeEscape(at: index)
        case let other:
            let shown = other > JSONByte.space && other < 0x7F ? "'\\\(Character(Unicode.Scalar(other)))'" : "'\\'"
            throw JSONSyntaxError("invalid escape \(shown) in a string", offset: index)
        }
        scratch.append(decoded)
        return index + 2
    }

    /// Decodes `\uXXXX` at `index`, or a surrogate pair `\uD83D\uDE00`, into `scratch` as UTF-8.
    private mutating func readUnicodeEscape(at index: Int) throws(JSONSyntaxError) -> Int {
        let unit = try hexCodeUnit(at: index)
        var scalarValue = UInt32(unit)
        var end = index + 6
        switch unit {
        case 0xD800...0xDBFF:
            guard end + 1 < bytes.count, bytes[end] == JSONByte.backslash, bytes[end + 1] == UInt8(ascii: "u"),
                case let low = try hexCodeUnit(at: end), (0xDC00...0xDFFF).contains(low)
            else {
                throw JSONSyntaxError("unpaired surrogate '\\u\(JSONByte.hex(unit, digits: 4))' in a string", offset: index)
            }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            end += 6
        case 0xDC00...0xDFFF:
            throw JSONSyntaxError("unpaired surrogate '\\u\(JSONByte.hex(unit, digits: 4))' in a string", offset: index)
        default:
            break
        }
        for codeUnit in UTF8.encode(Unicode.Scalar(scalarValue)!)! {
            scratch.append(codeUnit)
        }
        return end
    }

    /// The four hex digits after the `\u` whose backslash is at `index`.
    private func hexCodeUnit(at index: Int) throws(JSONSyntaxError) -> UInt16 {
        guard index + 6 <= bytes.count else {
            throw JSONSyntaxError("expected 4 hex digits after '\\u'", offset: index)
        }
        var unit: UInt16 = 0
        for offset in 2..<6 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case JSONByte.zero...JSONByte.nine: digit = byte - JSONByte.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONSyntaxError("expected 4 hex digits after '\\u'", offset: index)
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    /// Checks the multi-byte UTF-8 sequence whose lead byte is at `index` (RFC 3629: no overlong
    /// forms, no surrogates, nothing above U+10FFFF); returns the index after it.
    private func skipUTF8Sequence(at index: Int) throws(JSONSyntaxError) -> Int {
        func isContinuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch bytes[index] {
        case 0xC2...0xDF:
            if isContinuation(1) { return index + 2 }
        case 0xE0:
            if isContinuation(1, 0xA0...0xBF), isContinuation(2) { return index + 3 }
        case 0xE1...0xEC, 0xEE...0xEF:
            if isContinuation(1), isContinuation(2) { return index + 3 }
        case 0xED:
            if isContinuation(1, 0x80...0x9F), isContinuation(2) { return index + 3 }
        case 0xF0:
            if isContinuation(1, 0x90...0xBF), isContinuation(2), isContinuation(3) { return index + 4 }
        case 0xF1...0xF3:
            if isContinuation(1), isContinuation(2), isContinuation(3) { return index + 4 }
        case 0xF4:
            if isContinuation(1, 0x80...0x8F), isContinuation(2), isContinuation(3) { return index + 4 }
        default:
            break
        }
        throw JSONSyntaxError("invalid UTF-8 in a string", offset: index)
    }

    private func unescapedControlCharacter(at index: Int) -> JSONSyntaxError {
        JSONSyntaxError("control character U+\(JSONByte.hex(bytes[index], digits: 4)) must be escaped in a string", offset: index)
    }
}
