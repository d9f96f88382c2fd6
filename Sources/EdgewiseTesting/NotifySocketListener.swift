import Glibc
import Synchronization

/// Plays systemd's side of the `NOTIFY_SOCKET` protocol for a test: a bound `AF_UNIX` datagram
/// socket that collects what a service sends (`READY=1`, `WATCHDOG=1`, …), one message per datagram.
///
/// ```swift
/// let listener = try NotifySocketListener(path: directory.path + "/notify")
/// let gateway = try ChildProcess.launch(edgewise, arguments: [...], environment: ["NOTIFY_SOCKET": listener.socketPath])
/// try await listener.waitForMessage { $0.contains("READY=1") }
/// ```
///
/// `path` is a file path, or `@name` for Linux's abstract namespace (no file to clean up). The
/// socket is closed, and a file removed, when the listener is released.
public final class NotifySocketListener: Sendable {
    /// What to put in `NOTIFY_SOCKET`.
    public let socketPath: String
    private let descriptor: Int32
    private let received = Mutex<[String]>([])

    /// Binds the socket at `path`.
    public init(path: String) throws(SystemCallError) {
        var name = Array(path.utf8)
        if name.first == UInt8(ascii: "@") { name[0] = 0 }
        var address = sockaddr_un()
        precondition(name.count < MemoryLayout.size(ofValue: address.sun_path), "socket path too long: \(path)")
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: name) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + name.count + (name.first == 0 ? 0 : 1))
        let descriptor = try systemCall("socket") {
            socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        }
        do {
            try systemCall("bind", subject: path) {
                withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
            }
        } catch {
            close(descriptor)
            throw error
        }
        self.socketPath = path
        self.descriptor = descriptor
    }

    /// Every message received so far, in order of arrival.
    public var messages: [String] {
        received.withLock { received in
            var buffer = [UInt8](repeating: 0, count: 4_096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if count < 0 { break }
                received.append(String(decoding: buffer[..<count], as: UTF8.self))
            }
            return received
        }
    }

    /// Waits until a message after the first `skipping` ones satisfies `predicate`, and returns
    /// its index in ``messages``. Throws a ``NotifySocketTimeout`` listing what came after `timeout`.
    @discardableResult
    public func waitForMessage(
        skipping: Int = 0, timeout: Duration = .seconds(30), where predicate: (String) -> Bool
    ) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while true {
            let messages = messages
            if let index = messages.indices.dropFirst(skipping).first(where: { predicate(messages[$0]) }) { return index }
            guard ContinuousClock.now < deadline else { throw NotifySocketTimeout(socketPath: socketPath, timeout: timeout, received: messages) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    deinit {
        close(descriptor)
        if !socketPath.hasPrefix("@") { unlink(socketPath) }
    }
}

/// No expected notification arrived in time; carries what did.
public struct NotifySocketTimeout: Error, CustomStringConvertible {
    public let socketPath: String
    public let timeout: Duration
    public let received: [String]

    public var description: String {
        "no expected message on \(socketPath) within \(timeout); received:\n" + received.map { "  " + $0.replacingNewlines() }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func replacingNewlines() -> String { String(map { $0 == "\n" ? "|" : $0 }) }
}
