import Glibc
import Synchronization

/// TCP ports on 127.0.0.1 for test peers (brokers, Modbus servers, the status server).
///
/// Typical use: take a port with ``loopback()``, start the peer on it, then
/// ``waitUntilAcceptingConnections(port:timeout:)`` before the test connects. The port is only
/// free when it is handed out: another process may take it before the peer binds it, which on a
/// test machine is rare enough to accept.
public enum FreePort {
    /// How long one connection attempt may wait for the handshake.
    private static let attemptTimeout = Duration.milliseconds(100)
    /// The pause between attempts.
    private static let retryInterval = Duration.milliseconds(20)

    /// Ports this process has handed out. The kernel picks port-0 binds at random and may pick a port
    /// again as soon as it is closed, so two tests running in parallel could otherwise get the same one.
    private static let handedOut = Mutex(Set<Int>())

    /// A TCP port on 127.0.0.1 that nothing is bound to right now and that this process has not
    /// handed out before, chosen by the kernel (binds port 0, reads the port back with
    /// `getsockname`, closes the socket).
    public static func loopback() throws -> Int {
        try ChildProcess.spawnLock.withLock { _ throws(SystemCallError) in
            var sockets: [Int32] = []
            defer { sockets.forEach { close($0) } }
            while true {
                // Keep earlier sockets open, so the kernel cannot offer their ports again.
                let (fd, port) = try bindAnyPort()
                sockets.append(fd)
                let isNew = handedOut.withLock { $0.insert(port).inserted }
                if isNew || sockets.count >= 64 { return port }
            }
        }
    }

    /// A socket bound to 127.0.0.1:0 (the caller closes it) and the port the kernel chose.
    private static func bindAnyPort() throws(SystemCallError) -> (socket: Int32, port: Int) {
        let fd = try systemCall("socket") { socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0) }
        do throws(SystemCallError) {
            var address = loopbackAddress(port: 0)
            try withSocketAddress(&address) { (address, length) throws(SystemCallError) in
                try systemCall("bind", subject: "127.0.0.1:0") { bind(fd, address, length) }
                var length = length
                try systemCall("getsockname") { getsockname(fd, address, &length) }
            }
            // Set after the bind, so it cannot influence the kernel's choice: should a child started
            // without `spawnLock` (by `Foundation.Process`, say) still hold a copy of this socket
            // when the peer binds the port, a peer that sets SO_REUSEADDR (as servers do) succeeds.
            var reuse: Int32 = 1
            try systemCall("setsockopt", subject: "SO_REUSEADDR") {
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
            }
            return (fd, Int(UInt16(bigEndian: address.sin_port)))
        } catch {
            close(fd)
            throw error
        }
    }

    /// Returns once something accepts TCP connections on 127.0.0.1:`port` (each probe connects and
    /// closes at once); throws a ``FreePort/TimeoutError`` naming the last failure after `timeout`.
    public static func waitUntilAcceptingConnections(port: Int, timeout: Duration) async throws {
        precondition((1...65535).contains(port), "\(port) is not a TCP port")
        let deadline = ContinuousClock.now + timeout
        while true {
            guard let failure = connectOnce(port: port) else { return }
            if ContinuousClock.now >= deadline { throw TimeoutError(port: port, timeout: timeout, lastFailure: failure) }
            try await Task.sleep(for: retryInterval)
        }
    }

    /// Nothing accepted connections on the port in time.
    public struct TimeoutError: Error, CustomStringConvertible {
        /// The port on 127.0.0.1 that was probed.
        public let port: Int
        /// How long the test was prepared to wait.
        public let timeout: Duration
        /// Why the last attempt failed, typically `ECONNREFUSED`: nothing listens there.
        public let lastFailure: SystemCallError

        /// The port, the timeout and the last failure, for test failure messages.
        public var description: String {
            "Nothing accepted connections on 127.0.0.1:\(port) within \(timeout); last attempt: \(lastFailure)"
        }
    }

    /// One non-blocking connection attempt that waits at most ``attemptTimeout``; `nil` on success.
    private static func connectOnce(port: Int) -> SystemCallError? {
        let type = Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        let fd = socket(AF_INET, type, 0)
        guard fd >= 0 else { return SystemCallError(function: "socket", errno: errno) }
        defer { close(fd) }
        let subject = "127.0.0.1:\(port)"
        var address = loopbackAddress(port: port)
        let result = withSocketAddress(&address) { connect(fd, $0, $1) }
        if result == 0 { return nil }
        guard errno == EINPROGRESS else { return SystemCallError(function: "connect", subject: subject, errno: errno) }

        var pending = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let milliseconds = Int32(attemptTimeout / .milliseconds(1))
        switch poll(&pending, 1, milliseconds) {
        case 0: return SystemCallError(function: "connect", subject: subject, errno: ETIMEDOUT)
        case -1: return SystemCallError(function: "poll", subject: subject, errno: errno)
        default: break
        }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == -1 {
            return SystemCallError(function: "getsockopt", subject: subject, errno: errno)
        }
        return error == 0 ? nil : SystemCallError(function: "connect", subject: subject, errno: error)
    }

    /// 127.0.0.1:`port` as a socket address.
    private static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)  // INADDR_LOOPBACK
        return address
    }

    /// Calls `body` with `address` as the generic `sockaddr` pointer and length the socket calls take.
    private static func withSocketAddress<Result, Failure: Error>(
        _ address: inout sockaddr_in, _ body: (UnsafeMutablePointer<sockaddr>, socklen_t) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try withUnsafeMutablePointer(to: &address) { (pointer) throws(Failure) -> Result in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { (pointer) throws(Failure) -> Result in
                try body(pointer, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }
}
