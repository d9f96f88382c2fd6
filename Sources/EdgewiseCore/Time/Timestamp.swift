/// A wall-clock instant: whole milliseconds since 1970-01-01T00:00:00Z (the Unix epoch), as
/// sensors, MQTT payloads and upstream messages count time.
///
/// Use it for times that leave the process or survive a restart (reading times, event times,
/// `last_seen`). For measuring intervals inside the process use `ContinuousClock`, which does not
/// jump when NTP corrects the wall clock.
///
/// Instants before 1970 are negative and work the same. Arithmetic with `Duration` is exact to
/// the millisecond and traps on overflow (some 292 million years either way).
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch (negative before it).
    public var epochMilliseconds: Int64

    /// The instant `epochMilliseconds` after the Unix epoch.
    public init(epochMilliseconds: Int64) {
        self.epochMilliseconds = epochMilliseconds
    }

    /// The instant `epochSeconds` after the Unix epoch, rounded to the nearest millisecond (so
    /// `1763924700.123`, which a `Double` holds as `…700.12299999`, gives `…700123` ms).
    ///
    /// - Precondition: `epochSeconds` is finite and within ±9.2e15 (check values taken from
    ///   payloads before calling).
    public init(epochSeconds: Double) {
        let scaled = epochSeconds * 1_000
        precondition(scaled.magnitude < 9.2e18, "epochSeconds \(epochSeconds) is out of range")  // also NaN
        // Round half away from zero through Int64, which keeps libm's round() out of the core.
        var milliseconds = Int64(scaled)
        let fraction = scaled - Double(milliseconds)
        if fraction >= 0.5 {
            milliseconds += 1
        } else if fraction <= -0.5 {
            milliseconds -= 1
        }
        self.epochMilliseconds = milliseconds
    }

    /// 1970-01-01T00:00:00.000Z.
    public static let epoch = Timestamp(epochMilliseconds: 0)

    /// Seconds since the Unix epoch, with the milliseconds as a fraction.
    public var epochSeconds: Double { Double(epochMilliseconds) / 1_000 }

    /// The RFC 3339 form, e.g. `2026-11-23T19:05:00.123Z`.
    public var description: String { rfc3339 }

    /// Whether `lhs` is the earlier instant.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.epochMilliseconds < rhs.epochMilliseconds
    }

    /// The instant `duration` later; a fraction of a millisecond rounds toward the earlier instant.
    public static func + (lhs: Timestamp, rhs: Duration) -> Timestamp {
        Timestamp(epochMilliseconds: lhs.epochMilliseconds + rhs.flooredMilliseconds)
    }

    /// The instant `duration` earlier; a fraction of a millisecond rounds toward the earlier instant.
    public static func - (lhs: Timestamp, rhs: Duration) -> Timestamp {
        Timestamp(epochMilliseconds: lhs.epochMilliseconds + (Duration.zero - rhs).flooredMilliseconds)
    }

    /// How long after `rhs` `lhs` is (negative when it is earlier).
    public static func - (lhs: Timestamp, rhs: Timestamp) -> Duration {
        .milliseconds(lhs.epochMilliseconds - rhs.epochMilliseconds)
    }

    /// Moves `lhs` `rhs` later.
    public static func += (lhs: inout Timestamp, rhs: Duration) {
        lhs = lhs + rhs
    }

    /// Moves `lhs` `rhs` earlier.
    public static func -= (lhs: inout Timestamp, rhs: Duration) {
        lhs = lhs - rhs
    }
}

extension Timestamp: InstantProtocol {
    /// The instant `duration` later (see `+`); lets a `Clock` use `Timestamp` as its
    /// `Instant`, e.g. a manual wall clock in tests.
    public func advanced(by duration: Duration) -> Timestamp { self + duration }

    /// How long from this instant to `other`.
    public func duration(to other: Timestamp) -> Duration { other - self }
}

extension Duration {
    /// Whole milliseconds, rounded toward negative infinity (−1.5 ms → −2 ms).
    var flooredMilliseconds: Int64 {
        let perMillisecond: Int128 = 1_000_000_000_000_000
        let total = attoseconds
        var milliseconds = total / perMillisecond
        if total % perMillisecond != 0, total < 0 {
            milliseconds -= 1
        }
        return Int64(milliseconds)
    }
}
