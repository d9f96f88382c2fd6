/// A set of days of the week: the list in `weekday in [mon, tue, wed]`.
public struct WeekdaySet: Hashable, Sendable, CustomStringConvertible {
    /// Bit `n` is `Weekday(rawValue: n)`.
    public private(set) var rawValue: UInt8

    public init(_ days: some Sequence<Weekday> = []) {
        rawValue = 0
        for day in days { insert(day) }
    }

    public mutating func insert(_ day: Weekday) { rawValue |= 1 << UInt8(day.rawValue) }

    public func contains(_ day: Weekday) -> Bool { rawValue & (1 << UInt8(day.rawValue)) != 0 }

    /// The days from `first` to `last`, inclusive, wrapping past `sun` (`fri-mon` is fri, sat, sun, mon).
    public static func range(_ first: Weekday, through last: Weekday) -> WeekdaySet {
        var set = WeekdaySet()
        var day = first
        while true {
            set.insert(day)
            if day == last { return set }
            day = day.next
        }
    }

    /// The days, Monday first.
    public var days: [Weekday] { Weekday.allCases.filter(contains) }

    public var isEmpty: Bool { rawValue == 0 }

    /// `[mon, tue, wed]`.
    public var description: String { "[" + days.map(\.name).joined(separator: ", ") + "]" }
}
