import Synchronization

/// Proof that the pipeline's own work goes on: the timer service beats it each tick (once a
/// second) after the pipeline has handled the tick. Shared by the systemd watchdog and the status
/// endpoint's /healthz; one per process, lives across reload generations.
///
/// The supervisor also beats it when it starts a generation, so that a generation that never
/// ticks at all shows as stalled too (only the time before the first generation counts as alive
/// without a beat). A reload pauses the ticks while the old generation stops and the new one is
/// set up: readers pick a tolerance well above the tick interval (see `SystemdNotifyService`).
public final class PipelineHeartbeat: Sendable {
    private let lastBeat = Mutex<ContinuousClock.Instant?>(nil)

    public init() {}

    /// Records that the pipeline was alive at `at`. An older instant than the last one recorded
    /// is ignored, so concurrent beats never move the heartbeat back.
    public func beat(at: ContinuousClock.Instant = .now) {
        lastBeat.withLock { last in
            if let previous = last, previous >= at { return }
            last = at
        }
    }

    /// nil when beaten within `tolerance` (or not started yet: before the first generation runs,
    /// treat as alive), else a human reason like "the pipeline has not ticked for 42 s".
    public func stall(tolerance: Duration, now: ContinuousClock.Instant = .now) -> String? {
        guard let last = lastBeat.withLock({ $0 }) else { return nil }
        let silence = now - last
        guard silence > tolerance else { return nil }
        return "the pipeline has not ticked for \(silence.components.seconds) s"
    }
}
