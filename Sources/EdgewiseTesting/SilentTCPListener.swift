import Glibc
import Synchronization

/// A TCP port on 127.0.0.1 that accepts connections and never answers: a device that has hung
/// with its network stack still up, or a Modbus gateway whose serial side is dead.
///
/// The kernel completes each handshake into the listen backlog, so clients connect at once and
/// may send; nothing is ever read or written back, so every request times out. Up to 64
/// connections are held. The port closes with ``close()`` or when the value is released.
public final class SilentTCPListener: Sendable {
    /// The port on 127.0.0.1 it listens on, chosen by the kernel.
    public let port: Int
    private let socket: Mutex<Int32?>

    /// Opens the listening socket.
    ///
    /// - Throws: a ``SystemCallError`` if a socket call fails.
    public init() throws {
        let fd = try systemCall("socket") { Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0) }
        do throws(SystemCallError) {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)  // INADDR_LOOPBACK, port 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            try withUnsafeMutablePointer(to: &address) { (pointer) throws(SystemCallError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { (pointer) throws(SystemCallError) in
                    try systemCall("bind", subject: "127.0.0.1:0") { bind(fd, pointer, length) }
                    try systemCall("getsockname") { getsockname(fd, pointer, &length) }
                }
            }
            try systemCall("listen") { listen(fd, 64) }
            port = Int(UInt16(bigEndian: address.sin_port))
        } catch {
            Glibc.close(fd)
            throw error
        }
        socket = Mutex(fd)
    }

    /// Stops listening; connections held in the backlog are reset. Later calls do nothing.
    public func close() {
        socket.withLock { socket in
            if let fd = socket { Glibc.close(fd) }
            socket = nil
        }
    }

    deinit {
        close()
    }
}
