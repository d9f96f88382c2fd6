import Glibc
import Synchronization

/// Hands jobs from any task to the writer thread, which blocks in ``take(until:)`` until there
/// are jobs or a deadline passes.
///
/// The job list is under a `Mutex`; the writer sleeps in `poll` on a pipe that a submitter writes
/// one byte to only when the writer has said it is about to sleep, so a busy writer costs
/// submitters no system call. Jobs come out in the order they went in.
///
/// A job may be submitted to be taken *within* a delay (``submit(_:within:)``): it does not wake
/// a writer that will wake by then anyway, and goes with the next job that does (or with the
/// writer's own wake-up for a sync, or once due). Acknowledgements use it, so that at a steady
/// trickle of events the acknowledgement of one rides in the transaction of the next append
/// instead of costing a wake-up and a transaction of its own.
final class QueueJobChannel: Sendable {
    private struct State {
        var jobs: [QueueJob] = []
        /// Waiting jobs that were submitted without a delay: these are taken at once.
        var urgentJobs = 0
        /// The earliest time a waiting job submitted with a delay must be taken by.
        var dueBy: ContinuousClock.Instant?
        /// The writer found no work and is (about to be) asleep in `poll`.
        var writerSleeps = false
        /// While `writerSleeps`: when the writer wakes by itself (`nil`: only when signalled).
        var writerSleepsUntil: ContinuousClock.Instant?
        /// A close job has been submitted: no more jobs are accepted.
        var isClosed = false
        /// Tests hold the writer back to make appends pile up.
        var isPaused = false
    }

    private let state = Mutex(State())
    private let wakeRead: Int32
    private let wakeWrite: Int32

    init() throws(DurableQueueError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw DurableQueueError(
                kind: .cannotOpen, path: "pipe", reason: "cannot create the event buffer's wake-up pipe: \(String(cString: strerror(errno)))")
        }
        wakeRead = ends[0]
        wakeWrite = ends[1]
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    /// Queues `job` for the writer; `false` when the channel is closed (the job is not queued).
    ///
    /// - Parameter delay: `nil` to have the job taken at once; otherwise the job is taken with the
    ///   next job submitted without a delay, when the writer wakes for its own deadline, or once
    ///   `delay` has passed, whichever comes first (jobs still come out in submission order).
    func submit(_ job: QueueJob, within delay: Duration? = nil) -> Bool {
        let wake = state.withLock { state -> Bool? in
            guard !state.isClosed else { return nil }
            if case .close = job { state.isClosed = true }
            state.jobs.append(job)
            if let delay {
                let due = ContinuousClock.now + delay
                state.dueBy = min(state.dueBy ?? due, due)
                // A writer that wakes by itself in time takes the job then: leave it asleep.
                if state.writerSleeps, let until = state.writerSleepsUntil, until <= due { return false }
            } else {
                state.urgentJobs += 1
            }
            defer { state.writerSleeps = false }
            return state.writerSleeps
        }
        guard let wake else { return false }
        if wake { signalWriter() }
        return true
    }

    /// Jobs waiting to be taken (tests use it to see appends pile up).
    var waitingCount: Int { state.withLock { $0.jobs.count } }

    /// Holds the writer back (`true`) or lets it go on; jobs keep being accepted meanwhile.
    func setPaused(_ paused: Bool) {
        let wake = state.withLock { state in
            state.isPaused = paused
            defer { state.writerSleeps = false }
            return state.writerSleeps
        }
        if wake { signalWriter() }
    }

    /// Called on the writer thread: every job waiting, oldest first, as soon as there is one; an
    /// empty list once `deadline` (if any) has passed with none.
    ///
    /// Jobs submitted with a delay alone are taken only once one is due, or when the writer wakes
    /// by itself (its `deadline`): it is awake then anyway.
    func take(until deadline: ContinuousClock.Instant?) -> [QueueJob] {
        var selfWoken = false
        while true {
            let now = ContinuousClock.now
            let jobs = state.withLock { state -> [QueueJob]? in
                if !state.jobs.isEmpty && !state.isPaused
                    && (state.urgentJobs > 0 || selfWoken || state.dueBy.map { $0 <= now } ?? true) {
                    state.writerSleeps = false
                    state.urgentJobs = 0
                    state.dueBy = nil
                    defer { state.jobs = [] }
                    return state.jobs
                }
                state.writerSleeps = true
                state.writerSleepsUntil = state.isPaused ? deadline : [deadline, state.dueBy].compactMap { $0 }.min()
                return nil
            }
            if let jobs { return jobs }
            if selfWoken {
                // The deadline passed with nothing to take.
                state.withLock { $0.writerSleeps = false }
                return []
            }
            // Read under the lock above; a later delayed submit only moves it earlier by waking us.
            let until = state.withLock { $0.writerSleepsUntil }
            var timeout: Int32 = -1
            if let until {
                let remaining = until - now
                if remaining <= .zero {
                    selfWoken = true
                    continue
                }
                timeout = Int32(min(Double(Int32.max), (remaining / .milliseconds(1)).rounded(.up)))
            }
            var descriptor = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, timeout)
            drainWakeUps()
            if ready == 0, let until, ContinuousClock.now >= until { selfWoken = true }
        }
    }

    private func signalWriter() {
        var byte: UInt8 = 1
        // A full pipe (EAGAIN) already holds a wake-up.
        _ = write(wakeWrite, &byte, 1)
    }

    private func drainWakeUps() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &bytes, bytes.count) > 0 {}
    }
}
