/// A day of the week, as rules name it: `mon` … `sun`.
public enum Weekday: Int, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The name written in rules: `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun`.
    public var name: String { Self.names[rawValue] }

    public var description: String { name }

    /// The day called `name` (`mon`), or `nil`.
    public init?(name: String) {
        guard let index = Self.names.firstIndex(of: name) else { return nil }
        self.init(rawValue: index)
    }

    /// The day `daysSinceEpoch` days after 1970-01-01, which was a Thursday.
    public init(daysSinceEpoch days: Int64) {
        let index = (days % 7 + 7 + 3) % 7
        self.init(rawValue: Int(index))!
    }

    /// The next day (`sun` → `mon`).
    public var next: Weekday { Weekday(rawValue: (rawValue + 1) % 7)! }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    static let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// "mon, tue, wed, thu, fri, sat and sun", for messages.
    static let namesForMessages = "mon, tue, wed, thu, fri, sat and sun"
}
