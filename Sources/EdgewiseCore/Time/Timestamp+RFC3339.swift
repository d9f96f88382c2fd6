/// RFC 3339 text: `2026-11-23T19:05:00.123Z`.
extension Timestamp {
    /// This instant in UTC with milliseconds, e.g. `2026-11-23T19:05:00.123Z`.
    ///
    /// Years outside 0000–9999, which RFC 3339 cannot express, are written with more digits or a
    /// leading `-` (ISO 8601 expanded years); no reading or event time is near them.
    public var rfc3339: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maximumRFC3339Length) { buffer in
            let count = formatRFC3339(into: buffer)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// Appends ``rfc3339`` as UTF-8 to `bytes` without making a `String`.
    public func appendRFC3339(to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maximumRFC3339Length) { buffer in
            let count = formatRFC3339(into: buffer)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Reads an RFC 3339 date-time: `2026-11-23T19:05:00Z`, `2026-11-23t19:05:00.123456+01:00`,
    /// `2026-11-23 19:05:00.1-05:30`.
    ///
    /// The separator may be `T`, `t` or a space, the offset `Z`, `z` or `±HH:MM` (`-00:00` is
    /// UTC). Fractional seconds may have any number of digits and are truncated to milliseconds.
    /// A leap second (`23:59:60`) reads as the first millisecond after `23:59:59.999`.
    ///
    /// - Returns: `nil` unless the whole text is a valid date-time: four-digit year, a day that
    ///   exists in its month (2000-02-29 yes, 2100-02-29 no), hour 00–23, minute 00–59, and an
    ///   offset. Times without an offset are rejected: they are ambiguous.
    public static func parseRFC3339(_ text: some StringProtocol) -> Timestamp? {
        switch text.utf8.withContiguousStorageIfAvailable({ parseRFC3339(bytes: $0) }) {
        case .some(let parsed): parsed
        case .none: Array(text.utf8).withUnsafeBufferPointer { parseRFC3339(bytes: $0) }
        }
    }

    /// Sign, nine-digit year and `-MM-DDTHH:MM:SS.mmmZ`: any `Int64` millisecond count fits.
    static let maximumRFC3339Length = 32

    /// Writes ``rfc3339`` into `buffer`; returns the number of bytes written.
    func formatRFC3339(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let (days, millisecondOfDay) = epochMilliseconds.floorDividedWithRemainder(by: 86_400_000)
        let date = CivilDate(daysSinceEpoch: days)
        var count = 0
        func write(_ value: Int64, digits: Int) {
            var remaining = value
            for position in stride(from: count + digits - 1, through: count, by: -1) {
                buffer[position] = UInt8(truncatingIfNeeded: remaining % 10) + 0x30
                remaining /= 10
            }
            count += digits
        }
        func write(_ ascii: Unicode.Scalar) {
            buffer[count] = UInt8(ascii: ascii)
            count += 1
        }
        if date.year < 0 { write("-") }
        var yearDigits = 4
        while yearDigits < 18, date.year.magnitude >= Self.powerOfTen(yearDigits) { yearDigits += 1 }
        write(abs(date.year), digits: yearDigits)
        write("-")
        write(date.month, digits: 2)
        write("-")
        write(date.day, digits: 2)
        write("T")
        write(millisecondOfDay / 3_600_000, digits: 2)
        write(":")
        write(millisecondOfDay / 60_000 % 60, digits: 2)
        write(":")
        write(millisecondOfDay / 1_000 % 60, digits: 2)
        write(".")
        write(millisecondOfDay % 1_000, digits: 3)
        write("Z")
        return count
    }

    private static func powerOfTen(_ exponent: Int) -> UInt64 {
        var power: UInt64 = 1
        for _ in 0..<exponent { power *= 10 }
        return power
    }

    static func parseRFC3339(bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var index = 0
        func number(_ digits: Int) -> Int64? {
            guard index + digits <= bytes.count else { return nil }
            var value: Int64 = 0
            for _ in 0..<digits {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
                index += 1
            }
            return value
        }
        func skip(_ allowed: Unicode.Scalar, or alternative: Unicode.Scalar? = nil, or another: Unicode.Scalar? = nil) -> Bool {
            guard index < bytes.count else { return false }
            let byte = Unicode.Scalar(bytes[index])
            guard byte == allowed || byte == alternative || byte == another else { return false }
            index += 1
            return true
        }

        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2),
            skip("T", or: "t", or: " "),
            let hour = number(2), skip(":"), let minute = number(2), skip(":"), let second = number(2)
        else { return nil }

        var millisecond: Int64 = 0
        if skip(".") {
            let start = index
            while index < bytes.count, bytes[index] &- 0x30 < 10 {
                if index - start < 3 { millisecond = millisecond * 10 + Int64(bytes[index] - 0x30) }
                index += 1
            }
            let digits = index - start
            guard digits > 0 else { return nil }
            for _ in min(digits, 3)..<3 { millisecond *= 10 }
        }

        var offsetMinutes: Int64 = 0
        if !skip("Z", or: "z") {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else {
                return nil
            }
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let offsetHour = number(2), skip(":"), let offsetMinute = number(2),
                offsetHour <= 23, offsetMinute <= 59
            else { return nil }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
        }

        let date = CivilDate(year: year, month: month, day: day)
        guard index == bytes.count, date.isValid, hour <= 23, minute <= 59, second <= 60 else { return nil }
        let secondOfDay = (hour * 60 + minute - offsetMinutes) * 60 + second
        return Timestamp(epochMilliseconds: (date.daysSinceEpoch * 86_400 + secondOfDay) * 1_000 + millisecond)
    }
}

extension Int64 {
    /// Quotient rounded toward negative infinity, and the remainder (0 ..< divisor).
    fileprivate func floorDividedWithRemainder(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
