/// Wakes the upstream forwarder when events were queued, so that an idle forwarder sends new
/// events at once instead of polling the queue.
actor ForwarderWakeUp {
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// New events are in the queue.
    func signal() {
        if let waiter {
            self.waiter = nil
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
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.signal()
        }
        await withCheckedContinuation { waiter = $0 }
        pending = false
        timer.cancel()
    }
}
