import Glibc

/// A one-way, sticky wake-up for the network thread's backoff sleep: once ``signal()`` has been
/// called, every ``wait(timeout:)`` returns at once.
///
/// A pipe nobody reads: `poll` on its read end sleeps until the timeout or the first byte.
final class StopSignal: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    /// A signal not yet given.
    init() throws(MosquittoError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw MosquittoError(function: "pipe", errno: errno) }
        readEnd = ends[0]
        writeEnd = ends[1]
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(writeEnd, F_SETFL, O_NONBLOCK)
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Wakes current and future waiters.
    func signal() {
        var byte: UInt8 = 1
        // A full pipe (EAGAIN) is signalled already.
        _ = write(writeEnd, &byte, 1)
    }

    /// Sleeps until `timeout` has passed or the signal is given.
    ///
    /// - Returns: whether the signal has been given.
    @discardableResult
    func wait(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return false }
            let milliseconds = Int32(min(Double(Int32.max), (remaining / .milliseconds(1)).rounded(.up)))
            var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, milliseconds) > 0 { return true }
            // Timed out (the loop checks the deadline) or interrupted (EINTR): wait for the rest.
        }
    }
}
