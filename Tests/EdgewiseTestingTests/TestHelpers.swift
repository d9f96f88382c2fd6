import EdgewiseTesting
import Glibc

/// The contents of a small file (e.g. under /proc), or `nil` if it cannot be read.
func contentsOfFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return count == 0 ? String(decoding: bytes, as: UTF8.self) : nil }
        bytes += chunk[..<count]
    }
}

/// Whether anything exists at `path`.
func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

/// Whether a process (or zombie) with this pid exists.
func processExists(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

/// The blocked and ignored signal sets from a `/proc/.../status` file.
struct SignalMasks {
    var blocked: UInt64
    var ignored: UInt64

    init?(procStatus path: String) {
        guard let status = contentsOfFile(path) else { return nil }
        func mask(_ key: String) -> UInt64? {
            status.split(separator: "\n").first { $0.hasPrefix(key + ":") }
                .flatMap { UInt64($0.dropFirst(key.count + 1).trimmingPrefix(while: \.isWhitespace), radix: 16) }
        }
        guard let blocked = mask("SigBlk"), let ignored = mask("SigIgn") else { return nil }
        self.blocked = blocked
        self.ignored = ignored
    }

    /// The bit for `signal` in a mask.
    static func bit(_ signal: Int32) -> UInt64 { 1 << UInt64(signal - 1) }
}

/// A TCP socket listening on 127.0.0.1:`port` (never accepting), closed on release.
final class Listener {
    let fd: Int32

    /// Binds and listens, with SO_REUSEADDR set first as servers such as mosquitto do.
    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemCallError(function: "socket", errno: errno) }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let error = SystemCallError(function: "bind", subject: "127.0.0.1:\(port)", errno: errno)
            close(fd)
            throw error
        }
        guard listen(fd, 16) == 0 else {
            let error = SystemCallError(function: "listen", errno: errno)
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }
}
