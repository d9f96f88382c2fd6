/// What the `RuleEngine` must not forget across a restart or a reload: each rule's lifecycle and
/// timers, the last known values of the points rules read, the recent history the window
/// functions need, and which devices are offline.
///
/// Get it from `RuleEngine.state`, save it (`encodedJSON()`), and pass it to the next
/// `RuleEngine.init`: rules whose definition is unchanged continue where they were (see
/// docs/rules.md, "Restart and reload").
public struct RuleEngineState: Sendable, Hashable {
    /// The engine's time when the state was taken; a restart later than this pauses `for:`
    /// countdowns for the gap.
    public internal(set) var time: Timestamp?
    /// By rule name.
    public internal(set) var rules: [String: RuleState] = [:]
    /// The last value of each point rules use, by `device.point`.
    public internal(set) var values: [String: RecordedValue] = [:]
    /// Number samples of each point a window function reads, by `device.point`, oldest first.
    public internal(set) var history: [String: [HistorySample]] = [:]
    /// Devices reported offline and not back yet.
    public internal(set) var offlineDevices: Set<String> = []

    public init() {}
}
