/// A time of day on the gateway's local clock, to the minute: `07:00`, `19:30`.
///
/// Written `HH:MM` on the 24-hour clock, with two digits each (`00:00` to `23:59`); used by the
/// `between 07:00 and 19:00` condition.
public struct TimeOfDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let minutesPerDay = 1_440

    /// Minutes since midnight, `0..<1440`.
    public let minuteOfDay: Int

    /// - Precondition: `minuteOfDay` is in `0..<1440`.
    public init(minuteOfDay: Int) {
        precondition((0..<Self.minutesPerDay).contains(minuteOfDay), "minute of day \(minuteOfDay) out of range")
        self.minuteOfDay = minuteOfDay
    }

    /// `nil` unless `hour` is 0...23 and `minute` 0...59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.minuteOfDay = hour * 60 + minute
    }

    public var hour: Int { minuteOfDay / 60 }
    public var minute: Int { minuteOfDay % 60 }

    /// Milliseconds from midnight to this time.
    public var millisecondOfDay: Int64 { Int64(minuteOfDay) * 60_000 }

    /// `07:00`.
    public var description: String {
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(twoDigits(hour)):\(twoDigits(minute))"
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minuteOfDay < rhs.minuteOfDay }

    /// Reads `HH:MM`.
    ///
    /// - Throws: `QuantitySyntaxError` saying what is wrong (`7:00`, `24:00`, `19:60`, `07:00:30`, `7pm`).
    public static func parse(_ text: String) throws(QuantitySyntaxError) -> TimeOfDay {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let isDigits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
        guard parts.count >= 2, parts.allSatisfy(isDigits) else {
            let hint = text.contains(where: \.isLetter)
                ? "use the 24-hour clock, without am/pm: e.g. '07:00' or '19:30'"
                : "write hours and minutes as HH:MM, e.g. '07:00' or '19:30'"
            throw QuantitySyntaxError("'\(text)' is not a time of day", hint: hint)
        }
        guard parts.count == 2 else {
            throw QuantitySyntaxError("'\(text)' has seconds; times of day are HH:MM", hint: "write '\(parts[0]):\(parts[1])'")
        }
        let (hourText, minuteText) = (parts[0], parts[1])
        guard hourText.count == 2, minuteText.count == 2 else {
            let padded = (hourText.count == 1 ? "0" : "") + hourText + ":" + (minuteText.count == 1 ? "0" : "") + minuteText
            let hint = hourText.count <= 2 && minuteText.count <= 2 ? "write '\(padded)'" : "write hours and minutes with two digits each, e.g. '07:00'"
            throw QuantitySyntaxError("'\(text)' is not a time of day: write two digits for the hour and two for the minutes", hint: hint)
        }
        let hour = Int(hourText)!, minute = Int(minuteText)!
        if hour == 24 && minute == 0 {
            throw QuantitySyntaxError("'24:00' is not a time of day", hint: "write '00:00' for midnight")
        }
        guard hour <= 23 else {
            throw QuantitySyntaxError("'\(text)' is not a time of day: the hour must be 00 to 23", hint: "times of day run from 00:00 to 23:59")
        }
        guard minute <= 59 else {
            throw QuantitySyntaxError("'\(text)' is not a time of day: the minutes must be 00 to 59", hint: "times of day run from 00:00 to 23:59")
        }
        return TimeOfDay(minuteOfDay: hour * 60 + minute)
    }
}
