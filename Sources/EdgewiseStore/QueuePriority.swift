/// How much an event matters when the buffer is full and something has to go: under the
/// `priority` overflow policy the oldest event of the lowest class present goes first.
///
/// The caller maps event names to classes: `ReadingReported` is telemetry (the next reading
/// replaces it), alarms such as `ThresholdCrossed` or `DeviceOffline` are `alarm`, the rest `normal`.
public enum QueuePriority: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// Periodic readings: evicted first.
    case telemetry = 0
    /// Everything that is neither telemetry nor an alarm.
    case normal = 1
    /// Alarms and rule events: evicted last.
    case alarm = 2

    public static func < (lhs: QueuePriority, rhs: QueuePriority) -> Bool { lhs.rawValue < rhs.rawValue }
}
