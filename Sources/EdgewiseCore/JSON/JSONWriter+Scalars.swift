/// The text of strings and numbers.
extension JSONWriter {
    /// Appends `string` in quotes, escaping `"`, `\`, control characters and U+2028/U+2029.
    mutating func appendQuoted(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            bytes.append(JSONByte.quote)
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte >= JSONByte.space && byte != JSONByte.quote && byte != JSONByte.backslash && byte != 0xE2 {
                    index += 1
                    continue
                }
                if byte == 0xE2 {
                    // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                    guard index + 2 < utf8.count, utf8[index + 1] == 0x80, utf8[index + 2] & 0xFE == 0xA8 else {
                        index += 1
                        continue
                    }
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(for: byte, in: utf8, at: index)
                index += byte == 0xE2 ? 3 : 1
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            bytes.append(JSONByte.quote)
        }
    }

    private mutating func appendEscape(for byte: UInt8, in utf8: UnsafeBufferPointer<UInt8>, at index: Int) {
        let short: UInt8? =
            switch byte {
            case JSONByte.quote: JSONByte.quote
            case JSONByte.backslash: JSONByte.backslash
            case 0x08: UInt8(ascii: "b")
            case 0x0C: UInt8(ascii: "f")
            case JSONByte.lineFeed: UInt8(ascii: "n")
            case JSONByte.carriageReturn: UInt8(ascii: "r")
            case JSONByte.tab: UInt8(ascii: "t")
            default: nil
            }
        bytes.append(JSONByte.backslash)
        if let short {
            bytes.append(short)
            return
        }
        let codeUnit: UInt16 = byte == 0xE2 ? (utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029) : UInt16(byte)
        let hexDigits: StaticString = "0123456789abcdef"
        bytes.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(hexDigits.utf8Start[Int(codeUnit >> UInt16(shift) & 0xF)])
        }
    }

    /// Appends `number` as JSON: integral values below 2^53 as integers, others in the shortest
    /// form that reads back the same, NaN and infinities as `null`.
    mutating func appendNumber(_ number: Double) {
        guard number.isFinite else {
            bytes.append(contentsOf: Self.nullBytes)
            return
        }
        if let integer = JSONValue.exactInteger(number) {
            appendInteger(integer)
            return
        }
        // Swift's description is the shortest round-trip text, and for finite values always
        // JSON's grammar: `21.5`, `1e-07`, `1.7976931348623157e+308`, `9007199254740992.0`.
        bytes.append(contentsOf: number.description.utf8)
    }

    /// Appends the decimal digits of `integer`.
    mutating func appendInteger(_ integer: Int64) {
        if integer < 0 { bytes.append(JSONByte.minus) }
        var magnitude = integer.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(truncatingIfNeeded: magnitude % 10) + JSONByte.zero
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }
}
