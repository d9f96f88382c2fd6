import Glibc

/// Lets tasks wake the bus thread when it sleeps waiting for a job: a pipe the thread blocks
/// reading from and ``signal()`` writes a byte to.
///
/// A pipe rather than a condition variable so that the bus's state can stay in a
/// `Synchronization.Mutex` (which a condition variable cannot wait on). A wake-up given while
/// the thread is not waiting is kept in the pipe, so none is lost; extra ones only make the
/// thread look at the queue once more.
final class ModbusBusWakeup: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    /// A pipe with no wake-up in it.
    init() throws(ModbusError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw ModbusError(function: "pipe", errorNumber: errno, operation: "create a Modbus bus") }
        readEnd = ends[0]
        writeEnd = ends[1]
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        // A full pipe holds wake-ups enough: a writer must never block.
        _ = fcntl(writeEnd, F_SETFL, O_NONBLOCK)
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Wakes the thread in ``wait()``, or makes its next call return at once.
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Blocks the calling thread until ``signal()`` has been called since the previous return.
    func wait() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 || (count == -1 && errno != EINTR) { return }
        }
    }
}
