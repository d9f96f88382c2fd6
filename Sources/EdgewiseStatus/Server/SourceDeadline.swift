import Synchronization

/// Asks the status source with a deadline, so that a stalled gateway is answered with 503 instead
/// of a hanging request.
enum SourceDeadline {
    /// Runs `operation` in a task of its own and returns its result, or `nil` when it has not
    /// returned within `timeout` (give or take ``Deadlines/resolution``). The operation is not
    /// waited for after the deadline: it goes on (cancelled) and its result is dropped when it comes.
    static func answer<T: Sendable>(
        within timeout: Duration, deadlines: Deadlines = .shared, _ operation: @escaping @Sendable () async -> T
    ) async -> T? {
        let slot = Slot<T>()
        return await withCheckedContinuation { continuation in
            slot.continuation.withLock { $0 = continuation }
            let work = Task { await operation() }
            let deadline = deadlines.add(ContinuousClock.now + timeout) {
                if slot.resume(with: nil) { work.cancel() }
            }
            Task {
                let value = await work.value
                slot.resume(with: value)
                deadlines.remove(deadline)
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

/// The pending deadlines of all requests, watched by one task that wakes every ``resolution``
/// while any is pending and stops when none is.
///
/// Not a sleeping task per request: a cancelled `Task.sleep` keeps its memory until its deadline,
/// so with a 5 s deadline a client making 18,000 requests a second held about 90,000 sleeping
/// tasks (60 MB) and slowed every request down.
final class Deadlines: Sendable {
    /// The one watcher of the process.
    static let shared = Deadlines()
    /// How often pending deadlines are checked: how late a deadline may fire.
    static let resolution = Duration.milliseconds(25)

    private struct State {
        var nextID = 0
        var pending: [Int: (deadline: ContinuousClock.Instant, fire: @Sendable () -> Void)] = [:]
        var isWatching = false
    }

    private let state = Mutex(State())

    init() {}

    /// Calls `fire` at `deadline` unless ``remove(_:)`` comes first; returns the id for that.
    func add(_ deadline: ContinuousClock.Instant, fire: @escaping @Sendable () -> Void) -> Int {
        let (id, startWatching) = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.pending[id] = (deadline, fire)
            defer { state.isWatching = true }
            return (id, !state.isWatching)
        }
        if startWatching { Task.detached { await self.watch() } }
        return id
    }

    /// Forgets a deadline that is no longer needed.
    func remove(_ id: Int) {
        _ = state.withLock { $0.pending.removeValue(forKey: id) }
    }

    /// How many deadlines are pending (for tests).
    var pendingCount: Int { state.withLock { $0.pending.count } }

    private func watch() async {
        while true {
            try? await Task.sleep(for: Self.resolution)
            let now = ContinuousClock.now
            let (due, goOn) = state.withLock { state -> ([@Sendable () -> Void], Bool) in
                let due = state.pending.filter { $0.value.deadline <= now }
                for id in due.keys { state.pending.removeValue(forKey: id) }
                if state.pending.isEmpty { state.isWatching = false }
                return (due.values.map(\.fire), !state.pending.isEmpty)
            }
            for fire in due { fire() }
            guard goOn else { return }
        }
    }
}
