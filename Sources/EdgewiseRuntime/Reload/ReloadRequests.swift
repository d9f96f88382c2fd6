/// SIGHUPs handed from the signal watcher to the supervisor, who waits for them one at a time.
/// A SIGHUP that arrives while no one waits (during a reload) is kept, not lost.
actor ReloadRequests {
    private var pending = 0
    private var waiter: CheckedContinuation<Bool, Never>?

    /// Records one request, waking the waiter if there is one.
    func deliver() {
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: true)
        } else {
            pending += 1
        }
    }

    /// Waits for the next request: `true` when one came, `false` when the waiting task was cancelled.
    func next() async -> Bool {
        if pending > 0 {
            pending -= 1
            return true
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: false)
                } else {
                    waiter = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter() }
        }
    }

    private func cancelWaiter() {
        waiter?.resume(returning: false)
        waiter = nil
    }
}
