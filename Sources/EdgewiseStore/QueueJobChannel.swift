import Glibc
import Synchronization

/// Hands jobs from any task to the writer thread, which blocks in ``take(until:)`` until there
/// are jobs or a deadline passes.
///
/// The job list is under a `Mutex`; the writer sleeps in `poll` on a pipe that a submitter writes
/// one byte to only when the writer has said it is about to sleep, so a busy writer costs
/// submitters no system call. Jobs come out in the order they went in.
final class QueueJobChannel: Sendable {
    private struct State {
        var jobs: [QueueJob] = []
        /// The writer found no work and is (about to be) asleep in `poll`.
        var writerSleeps = false
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
    func submit(_ job: QueueJob) -> Bool {
        let wake = state.withLock { state -> Bool? in
            guard !state.isClosed else { return nil }
            if case .close = job { state.isClosed = true }
            state.jobs.append(job)
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
    func take(until deadline: ContinuousClock.Instant?) -> [QueueJob] {
        while true {
            let jobs = state.withLock { state -> [QueueJob]? in
                if !state.jobs.isEmpty && !state.isPaused {
                    state.writerSleeps = false
                    defer { state.jobs = [] }
                    return state.jobs
                }
                state.writerSleeps = true
                return nil
            }
            if let jobs { return jobs }
            var timeout: Int32 = -1
            if let deadline {
                let remaining = deadline - .now
                if remaining <= .zero {
                    state.withLock { $0.writerSleeps = false }
                    return []
                }
                timeout = Int32(min(Double(Int32.max), (remaining / .milliseconds(1)).rounded(.up)))
            }
            var descriptor = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, timeout)
            drainWakeUps()
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
