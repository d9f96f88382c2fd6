/// Numbers: the grammar checked and the digits gathered in one pass, then converted exactly.
///
/// Most payload numbers (`21.5`, `3.01`, `1763924700123`) have at most 15 significant digits and
/// a small exponent; for those `significand × 10^exponent` is computed with one correctly
/// rounded multiplication or division of two exact doubles (Clinger's fast path). Anything else
/// falls back to the standard library's correctly rounded text conversion.
extension JSONReader {
    /// Reads the number starting at `position` (a digit or `-`).
    mutating func readNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        var index = position
        let isNegative = bytes[index] == JSONByte.minus
        if isNegative { index += 1 }

        var significand: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var isTooLong = false

        guard index < bytes.count, let first = digit(at: index) else {
            throw notANumber(at: index, isNegative: isNegative)
        }
        if first == 0 {
            index += 1
            if index < bytes.count, digit(at: index) != nil {
                throw JSONSyntaxError("leading zeros are not allowed in numbers", offset: start)
            }
        } else {
            while index < bytes.count, let next = digit(at: index) {
                if significantDigits < 19 {
                    significand = significand &* 10 &+ next
                    significantDigits += 1
                } else {
                    isTooLong = true
                }
                index += 1
            }
        }

        if index < bytes.count, bytes[index] == JSONByte.dot {
            index += 1
            guard index < bytes.count, digit(at: index) != nil else {
                throw JSONSyntaxError("expected a digit after the decimal point", offset: index)
            }
            while index < bytes.count, let next = digit(at: index) {
                if significand == 0 && next == 0 {
                    exponent -= 1
                } else if significantDigits < 19 {
                    significand = significand &* 10 &+ next
                    significantDigits += 1
                    exponent -= 1
                } else {
                    isTooLong = true
                }
                index += 1
            }
        }

        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentIsNegative = false
            if index < bytes.count, bytes[index] == JSONByte.minus || bytes[index] == JSONByte.plus {
                exponentIsNegative = bytes[index] == JSONByte.minus
                index += 1
            }
            guard index < bytes.count, digit(at: index) != nil else {
                throw JSONSyntaxError("expected a digit in the exponent", offset: index)
            }
            var written = 0
            while index < bytes.count, let next = digit(at: index) {
                if written < 1_000_000 { written = written * 10 + Int(next) }
                index += 1
            }
            exponent += exponentIsNegative ? -written : written
        }
        position = index

        let value: Double
        if significand == 0 && !isTooLong {
            value = isNegative ? -0.0 : 0.0
        } else if !isTooLong, let exact = Self.exactValue(significand, exponent) {
            value = isNegative ? -exact : exact
        } else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            value = Double(text) ?? .nan
        }
        guard value.isFinite else {
            throw JSONSyntaxError("number out of range", offset: start)
        }
        return value
    }

    /// `significand × 10^exponent` when both factors are exact doubles, so that one IEEE
    /// operation rounds the result correctly; `nil` when the slow path is needed.
    private static func exactValue(_ significand: UInt64, _ exponent: Int) -> Double? {
        if exponent == 0 {
            return Double(significand)  // one correctly rounded conversion
        }
        guard significand <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let power = exactPowersOfTen[exponent < 0 ? -exponent : exponent]
        return exponent < 0 ? Double(significand) / power : Double(significand) * power
    }

    /// 10^0 … 10^22: the powers of ten a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    private func digit(at index: Int) -> UInt64? {
        let byte = bytes[index] &- JSONByte.zero
        return byte < 10 ? UInt64(byte) : nil
    }

    private func notANumber(at index: Int, isNegative: Bool) -> JSONSyntaxError {
        if isNegative, index < bytes.count, bytes[index] == UInt8(ascii: "I") || bytes[index] == UInt8(ascii: "N") {
            return JSONSyntaxError("NaN and Infinity are not allowed in JSON", offset: index - 1)
        }
        return JSONSyntaxError("expected a digit after '-'", offset: index)
    }
}
