/// Decides, at each watchdog check, whether to send systemd a keep-alive: only while the pipeline
/// ticks. A value with no I/O and no clock: it gets the heartbeat's verdict and returns what to
/// do; `SystemdNotifyService` does it.
///
/// ```
/// verdict  before   → actions
/// alive    alive    → keepAlive
/// stalled  alive    → reportStall(first: true)           (no keep-alive: systemd restarts us)
/// stalled  stalled  → reportStall(first: false)
/// alive    stalled  → reportRecovery, keepAlive
/// ```
struct WatchdogMonitor: Sendable {
    enum Action: Sendable, Equatable {
        /// Send `WATCHDOG=1`.
        case keepAlive
        /// Withhold the keep-alive and say why (`STATUS=`; logged when `first`).
        case reportStall(reason: String, first: Bool)
        /// The pipeline ticks again after a stall.
        case reportRecovery
    }

    /// The current stall's reason; `nil` while the pipeline ticks.
    private(set) var stall: String?

    /// The actions for one check; `stall` is the heartbeat's reason, `nil` when it is alive.
    mutating func check(stall reason: String?) -> [Action] {
        defer { stall = reason }
        switch (reason, stall) {
        case (nil, nil): return [.keepAlive]
        case (nil, .some): return [.reportRecovery, .keepAlive]
        case (.some(let reason), nil): return [.reportStall(reason: reason, first: true)]
        case (.some(let reason), .some): return [.reportStall(reason: reason, first: false)]
        }
    }
}
