import Synchronization

/// The jobs waiting on one ``ModbusBus``: writes first, then polls, each in the order queued.
///
/// Tasks add jobs from anywhere; the bus thread takes them out one at a time with ``next()``,
/// which blocks while there are none. Queues are short (a few jobs per device), so plain
/// arrays do.
final class ModbusBusQueue: Sendable {
    private let state = Mutex(State())
    private let wakeup: ModbusBusWakeup

    private struct State {
        var writes: [ModbusBusJob] = []
        var polls: [ModbusBusJob] = []
        var isShutDown = false
        var nextID: UInt64 = 0
    }

    /// An empty, open queue.
    init() throws(ModbusError) {
        wakeup = try ModbusBusWakeup()
    }

    /// A job id not used before on this queue.
    func makeID() -> UInt64 {
        state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Jobs waiting now.
    var count: Int {
        state.withLock { $0.writes.count + $0.polls.count }
    }

    /// Appends `job` behind the others of its kind and wakes the bus thread.
    ///
    /// - Returns: `false` (and drops the job) once the queue is shut down.
    func enqueue(_ job: ModbusBusJob) -> Bool {
        let accepted = state.withLock { state in
            guard !state.isShutDown else { return false }
            switch job.kind {
            case .write: state.writes.append(job)
            case .poll: state.polls.append(job)
            }
            return true
        }
        if accepted { wakeup.signal() }
        return accepted
    }

    /// Takes the job with `id` out of the queue if it is still waiting.
    func remove(id: UInt64) -> ModbusBusJob? {
        state.withLock { state in
            if let index = state.writes.firstIndex(where: { $0.id == id }) { return state.writes.remove(at: index) }
            if let index = state.polls.firstIndex(where: { $0.id == id }) { return state.polls.remove(at: index) }
            return nil
        }
    }

    /// The next job to run: the oldest write, else the oldest poll. Blocks the calling thread
    /// while the queue is empty; `nil` once it is shut down. Only the bus thread calls this.
    func next() -> ModbusBusJob? {
        while true {
            let (job, isShutDown) = state.withLock { state -> (ModbusBusJob?, Bool) in
                if state.isShutDown { return (nil, true) }
                if !state.writes.isEmpty { return (state.writes.removeFirst(), false) }
                if !state.polls.isEmpty { return (state.polls.removeFirst(), false) }
                return (nil, false)
            }
            if let job { return job }
            if isShutDown { return nil }
            wakeup.wait()
        }
    }

    /// Closes the queue for good: returns the jobs still waiting (writes first) for the caller
    /// to fail, refuses new ones, and makes ``next()`` return `nil`.
    func shutDown() -> [ModbusBusJob] {
        let jobs = state.withLock { state in
            state.isShutDown = true
            defer {
                state.writes = []
                state.polls = []
            }
            return state.writes + state.polls
        }
        wakeup.signal()
        return jobs
    }
}
