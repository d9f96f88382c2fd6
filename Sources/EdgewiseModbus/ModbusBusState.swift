import Synchronization

/// What a ``ModbusBus``'s thread reports to the rest of the process: its counters, and when it
/// has stopped.
final class ModbusBusState: Sendable {
    private let state = Mutex(State())

    private struct State {
        var statistics = ModbusBusStatistics()
        var hasStopped = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The counters now (``ModbusBusStatistics/queuedJobs`` is left for the caller to fill in).
    var statistics: ModbusBusStatistics {
        state.withLock { $0.statistics }
    }

    /// Changes the counters.
    func update(_ body: (inout ModbusBusStatistics) -> Void) {
        state.withLock { body(&$0.statistics) }
    }

    /// Called by the bus thread as its last act: wakes every ``waitUntilStopped()``.
    func markStopped() {
        let waiters = state.withLock { state in
            state.hasStopped = true
            if state.statistics.isConnected { state.statistics.since = ModbusWallClock.nowMilliseconds() }
            state.statistics.isConnected = false
            defer { state.stopWaiters = [] }
            return state.stopWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the bus thread has called ``markStopped()``.
    func waitUntilStopped() async {
        await withCheckedContinuation { continuation in
            let hasStopped = state.withLock { state in
                if !state.hasStopped { state.stopWaiters.append(continuation) }
                return state.hasStopped
            }
            if hasStopped { continuation.resume() }
        }
    }
}
