/// A condition on the gateway's local clock and calendar, written in a rule expression:
/// `between 07:00 and 19:00` or `weekday in [mon, tue, wed, thu, fri]`.
///
/// It reads no points, so it is never unknown. Local time comes from the `RuleTimeZone` the
/// engine is given (the gateway's `timezone`).
public enum CalendarCondition: Hashable, Sendable, CustomStringConvertible {
    /// `between 07:00 and 19:00`: the local time of day is in the range.
    case timeOfDay(TimeOfDayRange)
    /// `weekday in [sat, sun]`: today (local) is one of the days.
    case weekday(WeekdaySet)

    /// Whether the condition holds on `day` at `millisecondOfDay` local time.
    public func holds(on day: Weekday, atMillisecondOfDay millisecondOfDay: Int64) -> Bool {
        switch self {
        case .timeOfDay(let range): range.contains(millisecondOfDay: millisecondOfDay)
        case .weekday(let days): days.contains(day)
        }
    }

    /// The local times of day (milliseconds since midnight) at which the condition can change.
    var edges: [Int64] {
        switch self {
        case .timeOfDay(let range): [range.start.millisecondOfDay, range.end.millisecondOfDay]
        case .weekday: [0]
        }
    }

    /// `between 07:00 and 19:00`, `weekday in [sat, sun]`.
    public var description: String {
        switch self {
        case .timeOfDay(let range): range.description
        case .weekday(let days): "weekday in \(days)"
        }
    }
}
