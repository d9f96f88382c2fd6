/// A local date and time of day, as calendar conditions see it.
public struct LocalTime: Sendable, Hashable {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// Local days since 1970-01-01.
    public var daysSinceEpoch: Int64
    /// Milliseconds since local midnight.
    public var millisecondOfDay: Int64

    public var weekday: Weekday { Weekday(daysSinceEpoch: daysSinceEpoch) }
}
