/// Something the engine did not do, and why, for the log.
public struct RuleNotice: Sendable, Hashable, CustomStringConvertible {
    public var rule: String
    public var time: Timestamp
    /// E.g. "write hvac.cooling = false not made: rule 'manual' (priority 10) holds the point".
    public var message: String

    public init(rule: String, time: Timestamp, message: String) {
        self.rule = rule
        self.time = time
        self.message = message
    }

    public var description: String { "rule '\(rule)': \(message)" }
}
