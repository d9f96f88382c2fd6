/// Wakes the upstream forwarder when events were queued, so that an idle forwarder sends new
/// events at once instead of polling the queue.
///
/// The timeout of ``wait(timeout:)`` is kept by one timer task that outlives the waits: a wait that
/// a signal ends (every event, at a steady trickle) leaves it running, and the next wait reuses it
/// (it sleeps on to the later deadline when it fires early). A timer task per wait, created and
/// cancelled around every event, cost a task, a timer armed and disarmed on the dispatch timer
/// thread, and their thread wake-ups, per event.
actor ForwarderWakeUp {
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?
    /// When the current wait ends without a signal.
    private var waitDeadline: ContinuousClock.Instant?
    /// The timer task and when its sleep ends; at most one runs.
    private var timer: Task<Void, Never>?
    private var timerDeadline: ContinuousClock.Instant?
    /// Tells the running timer task from a replaced one.
    private var timerGeneration = 0

    /// New events are in the queue.
    func signal() {
        if let waiter {
            self.waiter = nil
            waitDeadline = nil
            waiter.resume()
        } else {
            pending = true
        }
    }

    /// Returns when `signal()` was called since the last wait, or after `timeout`.
    func wait(timeout: Duration) async {
        if pending {
            pending = false
            return
        }
        let deadline = ContinuousClock.now + timeout
        waitDeadline = deadline
        // A running timer that fires no later than the deadline serves: it sleeps on if early.
        if timer == nil || timerDeadline.map({ $0 > deadline }) ?? true { startTimer(until: deadline) }
        await withCheckedContinuation { waiter = $0 }
        pending = false
    }

    private func startTimer(until deadline: ContinuousClock.Instant) {
        timer?.cancel()
        timerGeneration += 1
        let generation = timerGeneration
        timerDeadline = deadline
        timer = Task { [weak self] in
            // Cancelled (replaced by an earlier deadline): the sleep ends at once, and the
            // generation check below ignores it.
            try? await Task.sleep(until: deadline, clock: .continuous)
            await self?.timerFired(generation)
        }
    }

    private func timerFired(_ generation: Int) {
        guard generation == timerGeneration else { return }
        timer = nil
        timerDeadline = nil
        // No wait in progress: the timer stops until the next wait starts one.
        guard let waitDeadline else { return }
        if ContinuousClock.now >= waitDeadline {
            self.waitDeadline = nil
            let waiter = self.waiter
            self.waiter = nil
            waiter?.resume()
        } else {
            startTimer(until: waitDeadline)
        }
    }
}
