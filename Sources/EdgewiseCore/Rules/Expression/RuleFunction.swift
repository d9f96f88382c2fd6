/// A function over a point's recent history, called as `name(device.point, window)`:
/// `avg(greenhouse-air.temperature, 5m)`.
///
/// Every function takes exactly two arguments, a number point and a duration window, and gives a
/// number. The window is the only place a duration literal may appear in an expression.
public enum RuleFunction: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The mean of the point's samples within the window.
    case avg
    /// The smallest sample within the window.
    case min
    /// The largest sample within the window.
    case max
    /// How much the point changed over the window: the newest sample minus the oldest.
    case delta

    /// The name as written in rules.
    public var name: String { rawValue }

    /// How many arguments a call takes: the point and the window.
    public var argumentCount: Int { 2 }

    /// The kind of value a call gives.
    public var resultKind: ValueKind { .number }

    public var description: String { rawValue }

    /// Names people try for these functions, with the one to use instead.
    static let aliases: [String: RuleFunction] = [
        "average": .avg, "mean": .avg, "minimum": .min, "maximum": .max,
        "change": .delta, "diff": .delta, "difference": .delta,
    ]

    /// "avg, min, max or delta", for messages that list the functions.
    static let namesForMessages = "avg, min, max or delta"
}
