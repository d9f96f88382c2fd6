/// Errors that name the likely mistake: single quotes, comments, `NaN`, `True`, a missing quote.
extension JSONReader {
    func endOfInput(in context: Context) -> JSONSyntaxError {
        let message =
            switch context {
            case .document: "unexpected end of input, expected a value"
            case .array: "unexpected end of input in an array"
            case .object: "unexpected end of input in an object"
            }
        return JSONSyntaxError(message, offset: bytes.count)
    }

    /// The error for a byte at `position` that cannot start a value.
    func notAValue(in context: Context) -> JSONSyntaxError {
        let byte = bytes[position]
        let message: String
        switch byte {
        case JSONByte.apostrophe:
            message = "strings must be in double quotes, not single quotes"
        case JSONByte.slash:
            message = "comments are not allowed in JSON"
        case JSONByte.plus:
            message = "numbers cannot start with '+'"
        case JSONByte.dot:
            message = "numbers need a digit before the decimal point"
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            message = describeWord(at: position)
        default:
            message = "expected a value, found \(JSONByte.describe(byte))"
        }
        return JSONSyntaxError(message, offset: position)
    }

    /// The error for a byte at `position` that cannot start an object key.
    func notAKey() -> JSONSyntaxError {
        let byte = bytes[position]
        let message =
            switch byte {
            case JSONByte.apostrophe: "keys must be in double quotes, not single quotes"
            case JSONByte.slash: "comments are not allowed in JSON"
            default: "expected '\"' to start an object key, found \(JSONByte.describe(byte))"
            }
        return JSONSyntaxError(message, offset: position)
    }

    /// What is wrong with a word where a value belongs: `NaN`, `True`, or an unquoted string.
    func describeWord(at start: Int) -> String {
        var end = start
        while end < bytes.count, end - start < 24, isWordByte(bytes[end]) {
            end += 1
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        switch word.lowercased() {
        case "nan", "infinity", "inf":
            return "NaN and Infinity are not allowed in JSON"
        case "true", "false", "null":
            return "'\(word)' must be written in lower case"
        case "t", "tr", "tru", "f", "fa", "fal", "fals", "n", "nu", "nul":
            return "invalid literal '\(word)', expected true, false or null"
        default:
            return "unexpected word '\(word)'; strings must be in double quotes"
        }
    }

    private func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), JSONByte.zero...JSONByte.nine,
            UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}
