/// The delays between reconnection attempts: doubling from a minimum up to a maximum, and back
/// to the minimum once a connection has been accepted.
///
/// With minimum 1 s and maximum 60 s the delays are 1, 2, 4, 8, 16, 32, 60, 60, … s. A pure value:
/// the network thread asks it for the next delay and sleeps.
///
/// libmosquitto's own backoff (`mosquitto_reconnect_delay_set(…, true)` with
/// `mosquitto_loop_start`) is not used: in 2.0.11 it grows quadratically (min·n²: 1, 4, 9, 16,
/// 25, … s), and its network thread stops retrying for good after some failures (see
/// ``MqttNetworkLoop``).
struct ReconnectBackoff: Sendable, Hashable {
    /// The first delay, and the one after a reset.
    let minimum: Duration
    /// The cap.
    let maximum: Duration
    /// Attempts that failed since the last reset.
    private(set) var failures = 0

    /// Backoff between `minimum` and `maximum` (which must be positive and in order).
    init(minimum: Duration, maximum: Duration) {
        precondition(minimum > .zero && minimum <= maximum, "reconnect delays \(minimum)...\(maximum) are not a range")
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The delay before the next attempt, counting one more failure.
    mutating func nextDelay() -> Duration {
        // 2^30 times any sensible minimum is far above any sensible maximum; stopping there keeps
        // the multiplication from overflowing.
        let exponent = min(failures, 30)
        failures += 1
        let delay = minimum * (1 << exponent)
        return min(delay, maximum)
    }

    /// Starts again from `minimum`: a connection was accepted.
    mutating func reset() {
        failures = 0
    }
}
