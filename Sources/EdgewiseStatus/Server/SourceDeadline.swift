import Synchronization

/// Asks the ``StatusSource`` with a deadline, so a gateway that no longer answers (an actor stuck
/// behind a blocked call, say) gives a prompt 503 instead of requests that pile up.
enum SourceDeadline {
    /// Runs `operation` in a task of its own and returns its result, or `nil` when it has not
    /// returned within `timeout`. The operation is not waited for after the deadline: it goes on
    /// (cancelled) and its result is dropped when it comes.
    static func answer<T: Sendable>(within timeout: Duration, _ operation: @escaping @Sendable () async -> T) async -> T? {
        let slot = Slot<T>()
        return await withCheckedContinuation { continuation in
            slot.continuation.withLock { $0 = continuation }
            let work = Task { await operation() }
            let timer = Task {
                try? await Task.sleep(for: timeout)
                if slot.resume(with: nil) { work.cancel() }
            }
            Task {
                let value = await work.value
                slot.resume(with: value)
                timer.cancel()
            }
        }
    }

    /// The continuation that the first of the answer and the deadline resumes.
    private final class Slot<T: Sendable>: Sendable {
        let continuation = Mutex<CheckedContinuation<T?, Never>?>(nil)

        /// Resumes the waiting request with `value` unless that has happened; returns whether it did.
        @discardableResult
        func resume(with value: T?) -> Bool {
            guard let continuation = continuation.withLock({ $0.take() }) else { return false }
            continuation.resume(returning: value)
            return true
        }
    }
}
