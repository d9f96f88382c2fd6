/// The part of the day from `start` up to (not including) `end`: `between 07:00 and 19:00`.
///
/// When `end` is earlier than `start` the range runs across midnight: `between 22:00 and 06:00`
/// holds from 22:00 to 05:59:59.999. `start` and `end` are never equal.
public struct TimeOfDayRange: Hashable, Sendable, CustomStringConvertible {
    public let start: TimeOfDay
    public let end: TimeOfDay

    /// - Precondition: `start != end`.
    public init(start: TimeOfDay, end: TimeOfDay) {
        precondition(start != end, "an empty time-of-day range")
        self.start = start
        self.end = end
    }

    /// Whether the range runs across midnight (`22:00` to `06:00`).
    public var crossesMidnight: Bool { end < start }

    /// Whether the local time `millisecondOfDay` (since local midnight) is in the range.
    public func contains(millisecondOfDay: Int64) -> Bool {
        let (from, to) = (start.millisecondOfDay, end.millisecondOfDay)
        return from < to ? (millisecondOfDay >= from && millisecondOfDay < to) : (millisecondOfDay >= from || millisecondOfDay < to)
    }

    /// `between 07:00 and 19:00`.
    public var description: String { "between \(start) and \(end)" }
}
