/// The gateway's local time, for calendar conditions (`between 07:00 and 19:00`,
/// `weekday in [sat, sun]`): a UTC offset and the instants at which it changes.
///
/// The core cannot read tzdata, so the runtime builds this from the IANA zone named by
/// `gateway.timezone` (`RuleTimeZone.iana(_:)` in EdgewiseConfig reads the TZif file), as a
/// table of the zone's transitions over the years ahead. Tests use `.utc` and `.fixed(offset:)`.
///
/// ```swift
/// let amsterdam = RuleTimeZone(initialOffset: .seconds(3_600), transitions: [
///     .init(time: Timestamp(epochMilliseconds: 1_774_746_000_000), offset: .seconds(7_200)),  // 2026-03-29 01:00Z, summer time
/// ])
/// ```
public struct RuleTimeZone: Sendable, Hashable {
    /// From `time` on, local time is UTC plus `offset` (until the next transition).
    public struct Transition: Sendable, Hashable {
        public var time: Timestamp
        public var offset: Duration

        public init(time: Timestamp, offset: Duration) {
            self.time = time
            self.offset = offset
        }
    }

    /// The offset before the first transition.
    public let initialOffset: Duration
    /// Sorted by time.
    public let transitions: [Transition]

    public init(initialOffset: Duration, transitions: [Transition] = []) {
        self.initialOffset = initialOffset
        self.transitions = transitions.sorted { $0.time < $1.time }
    }

    /// Coordinated Universal Time.
    public static let utc = RuleTimeZone(initialOffset: .zero)

    /// A zone that is always `offset` ahead of UTC (behind, when negative).
    public static func fixed(offset: Duration) -> RuleTimeZone { RuleTimeZone(initialOffset: offset) }

    /// The offset from UTC at `time`.
    public func offset(at time: Timestamp) -> Duration {
        // The last transition at or before `time`.
        var low = 0, high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle].time <= time { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? initialOffset : transitions[low - 1].offset
    }

    /// The first transition strictly after `time`, if any.
    public func nextTransition(after time: Timestamp) -> Timestamp? {
        var low = 0, high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle].time <= time { low = middle + 1 } else { high = middle }
        }
        return low < transitions.count ? transitions[low].time : nil
    }

    /// The local day and time of day at `time`.
    public func localTime(at time: Timestamp) -> LocalTime {
        let local = time.epochMilliseconds + offset(at: time).totalMilliseconds
        var days = local / LocalTime.millisecondsPerDay
        var millisecond = local % LocalTime.millisecondsPerDay
        if millisecond < 0 {
            days -= 1
            millisecond += LocalTime.millisecondsPerDay
        }
        return LocalTime(daysSinceEpoch: days, millisecondOfDay: millisecond)
    }

    /// The first instant after `time` at which the local time of day is one of `edges`
    /// (milliseconds since midnight), or the zone's next transition if that comes first (the
    /// caller then asks again from there).
    func nextEdge(after time: Timestamp, edges: [Int64]) -> Timestamp? {
        guard !edges.isEmpty else { return nil }
        let local = localTime(at: time)
        var wait = Int64.max
        for edge in edges {
            let until = edge > local.millisecondOfDay
                ? edge - local.millisecondOfDay : LocalTime.millisecondsPerDay - local.millisecondOfDay + edge
            wait = min(wait, until)
        }
        let candidate = time + .milliseconds(wait)
        if let transition = nextTransition(after: time), transition <= candidate { return transition }
        return candidate
    }
}
