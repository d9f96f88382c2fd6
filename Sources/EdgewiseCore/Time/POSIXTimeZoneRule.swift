/// A POSIX `TZ` rule such as `CET-1CEST,M3.5.0,M10.5.0/3`: a standard offset, and optionally a
/// daylight-saving offset with the two yearly moments it starts and ends. TZif files end with one
/// (RFC 8536, section 3.3) for the years after their last listed transition.
///
/// Offsets here are seconds *east* of UTC (`CET-1` → +3,600), the opposite sign of the POSIX text.
public struct POSIXTimeZoneRule: Sendable, Hashable {
    /// When in a year daylight saving time starts or ends, and at what local time.
    public enum Day: Sendable, Hashable {
        /// `Jn`: day 1...365, February 29 never counted.
        case julian(Int64)
        /// `n`: day 0...365, February 29 counted in leap years.
        case zeroBased(Int64)
        /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (1...5, 5 = the last) of month `m`.
        case monthWeekDay(month: Int64, week: Int64, weekday: Int64)
    }

    public struct Change: Sendable, Hashable {
        public var day: Day
        /// Seconds after local midnight (may be negative or past 24 h in TZif version 3).
        public var time: Int64
    }

    public var standardOffset: Int64
    public var daylightOffset: Int64?
    public var start: Change?
    public var end: Change?

    /// The rule of `text`, or `nil` when it is not a POSIX `TZ` rule this reads.
    public static func parse(_ text: String) -> POSIXTimeZoneRule? {
        var scanner = Scanner(Array(text.utf8))
        guard scanner.skipName(), let standard = scanner.offset() else { return nil }
        var rule = POSIXTimeZoneRule(standardOffset: -standard)
        guard !scanner.atEnd else { return rule }
        guard scanner.skipName() else { return nil }
        rule.daylightOffset = scanner.peek == UInt8(ascii: ",") || scanner.atEnd ? rule.standardOffset + 3_600 : scanner.offset().map { -$0 }
        guard rule.daylightOffset != nil else { return nil }
        // Without explicit dates POSIX leaves them to the implementation; TZif footers always give them.
        guard scanner.take(","), let start = scanner.change(), scanner.take(","), let end = scanner.change(), scanner.atEnd else { return nil }
        (rule.start, rule.end) = (start, end)
        return rule
    }

    init(standardOffset: Int64, daylightOffset: Int64? = nil, start: Change? = nil, end: Change? = nil) {
        (self.standardOffset, self.daylightOffset, self.start, self.end) = (standardOffset, daylightOffset, start, end)
    }

    /// The rule's changes in `year`, as (UTC seconds, offset from then on), in time order.
    public func transitions(in year: Int64) -> [(time: Int64, offset: Int64)] {
        guard let daylightOffset, let start, let end else { return [] }
        // The start is given in standard local time, the end in daylight local time.
        let begins = Self.localSeconds(start, in: year) - standardOffset
        let ends = Self.localSeconds(end, in: year) - daylightOffset
        return [(begins, daylightOffset), (ends, standardOffset)].sorted { $0.time < $1.time }
    }

    static func localSeconds(_ change: Change, in year: Int64) -> Int64 {
        let firstOfYear = CivilDate(year: year, month: 1, day: 1).daysSinceEpoch
        let day: Int64
        switch change.day {
        case .julian(let n):
            // Day n of a 365-day year: in leap years, days after February 28 move one on.
            day = firstOfYear + n - 1 + (CivilDate.isLeapYear(year) && n >= 60 ? 1 : 0)
        case .zeroBased(let n):
            day = firstOfYear + n
        case .monthWeekDay(let month, let week, let weekday):
            let first = CivilDate(year: year, month: month, day: 1).daysSinceEpoch
            let firstWeekday = ((first % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday (4)
            var candidate = first + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            let length = CivilDate.daysInMonth(month, of: year)
            while candidate >= first + length { candidate -= 7 }
            day = candidate
        }
        return day * 86_400 + change.time
    }

    /// Reads the pieces of a POSIX `TZ` string.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }

        mutating func take(_ character: Character) -> Bool {
            guard let ascii = character.asciiValue, peek == ascii else { return false }
            index += 1
            return true
        }

        /// `CET` (3 or more letters) or `<+0330>`.
        mutating func skipName() -> Bool {
            if take("<") {
                while let byte = peek, byte != UInt8(ascii: ">") { index += 1 }
                return take(">")
            }
            let start = index
            while let byte = peek, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) {
                index += 1
            }
            return index - start >= 3
        }

        mutating func number() -> Int64? {
            let start = index
            var value: Int64 = 0
            while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), index - start < 6 {
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
                index += 1
            }
            return index > start ? value : nil
        }

        /// `[+-]hh[:mm[:ss]]` in seconds, sign as written.
        mutating func offset() -> Int64? {
            var sign: Int64 = 1
            if take("-") { sign = -1 } else { _ = take("+") }
            guard let hours = number() else { return nil }
            var seconds = hours * 3_600
            if take(":") {
                guard let minutes = number() else { return nil }
                seconds += minutes * 60
                if take(":") {
                    guard let rest = number() else { return nil }
                    seconds += rest
                }
            }
            return sign * seconds
        }

        /// `Mm.w.d[/time]`, `Jn[/time]` or `n[/time]`.
        mutating func change() -> Change? {
            let day: Day
            if take("M") {
                guard let month = number(), take("."), let week = number(), take("."), let weekday = number(),
                    (1...12).contains(month), (1...5).contains(week), (0...6).contains(weekday)
                else { return nil }
                day = .monthWeekDay(month: month, week: week, weekday: weekday)
            } else if take("J") {
                guard let n = number(), (1...365).contains(n) else { return nil }
                day = .julian(n)
            } else {
                guard let n = number(), (0...365).contains(n) else { return nil }
                day = .zeroBased(n)
            }
            var time: Int64 = 7_200
            if take("/") {
                guard let given = offset() else { return nil }
                time = given
            }
            return Change(day: day, time: time)
        }
    }
}
