import EdgewiseCore
import Foundation

extension RuleTimeZone {
    /// The first instant the tables cover: 2000-01-01T00:00:00Z.
    public static let tableStart = Timestamp(epochMilliseconds: 946_684_800_000)
    /// The end of the tables: 2100-01-01T00:00:00Z.
    public static let tableEnd = Timestamp(epochMilliseconds: 4_102_444_800_000)

    /// The IANA zone `identifier` (`Europe/Amsterdam`), as a table of its UTC offsets and
    /// daylight-saving transitions between `start` and `end`, read from the system's tzdata;
    /// `nil` when the zone is unknown.
    ///
    /// The runtime builds the engine's zone with this from `gateway.timezone`, and
    /// `edgewise rules test` too.
    public static func iana(_ identifier: String, from start: Timestamp = tableStart, to end: Timestamp = tableEnd) -> RuleTimeZone? {
        TimeZone(identifier: identifier).map { table(for: $0, from: start, to: end) }
    }

    /// The system's current zone, as `iana(_:)` would give it.
    public static func system(from start: Timestamp = tableStart, to end: Timestamp = tableEnd) -> RuleTimeZone {
        table(for: TimeZone.current, from: start, to: end)
    }

    static func table(for zone: TimeZone, from start: Timestamp, to end: Timestamp) -> RuleTimeZone {
        func date(_ time: Timestamp) -> Date { Date(timeIntervalSince1970: time.epochSeconds) }
        let initial = Duration.seconds(zone.secondsFromGMT(for: date(start)))
        var transitions: [Transition] = []
        var cursor = date(start)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < date(end), next > cursor {
            let time = Timestamp(epochSeconds: next.timeIntervalSince1970)
            transitions.append(Transition(time: time, offset: .seconds(zone.secondsFromGMT(for: next))))
            cursor = next
        }
        return RuleTimeZone(initialOffset: initial, transitions: transitions)
    }
}
