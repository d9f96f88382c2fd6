import Glibc

/// Sends ``SystemdNotification``s to the service manager over the `NOTIFY_SOCKET` datagram
/// protocol, as `sd_notify(3)` does, without linking libsystemd: one `AF_UNIX` `SOCK_DGRAM`
/// datagram per notification, to the socket systemd names in `NOTIFY_SOCKET` for a
/// `Type=notify` service. The name is a path (`/run/systemd/notify`) or, starting with `@`, a
/// name in Linux's abstract socket namespace.
///
/// ```swift
/// if let notifier = try SystemdNotifier.fromEnvironment() {
///     try notifier.send(.ready(status: "Running"))
/// }
/// ```
///
/// The socket is non-blocking: when the manager's queue is full the send fails at once
/// (`EAGAIN`) rather than stalling the caller. Safe to use from any thread. Not for talking to
/// anything but a service manager; outside systemd, ``fromEnvironment()`` returns `nil`.
public final class SystemdNotifier: Sendable {
    /// The address as given (`NOTIFY_SOCKET`), for messages.
    public let socketPath: String
    private let descriptor: Int32
    /// The socket address, and how many of its bytes `sendto` is given.
    private let address: sockaddr_un
    private let addressLength: socklen_t

    /// A notifier for the socket `NOTIFY_SOCKET` names; `nil` when it is unset or empty (the
    /// process was not started by systemd as a `Type=notify` service).
    ///
    /// - Throws: ``SystemdNotifyError`` when the name is unusable or no socket can be made.
    public static func fromEnvironment() throws(SystemdNotifyError) -> SystemdNotifier? {
        guard let value = getenv("NOTIFY_SOCKET").map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return try SystemdNotifier(socketPath: value)
    }

    /// A notifier for `socketPath`: an absolute path, or `@name` for an abstract socket.
    ///
    /// - Throws: ``SystemdNotifyError`` when the name is neither, is too long for a socket
    ///   address, or no socket can be made.
    public init(socketPath: String) throws(SystemdNotifyError) {
        var name = Array(socketPath.utf8)
        let isAbstract = name.first == UInt8(ascii: "@")
        guard isAbstract || name.first == UInt8(ascii: "/") else {
            throw SystemdNotifyError(function: "NOTIFY_SOCKET", socketPath: socketPath, errorNumber: 0, problem: "not an absolute path or an @abstract name")
        }
        // An abstract name is a leading NUL and the bytes after it, with no terminator.
        if isAbstract { name[0] = 0 }
        var storage = sockaddr_un()
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        guard name.count + (isAbstract ? 0 : 1) <= capacity, !(isAbstract ? name.dropFirst() : name[...]).contains(0) else {
            throw SystemdNotifyError(function: "NOTIFY_SOCKET", socketPath: socketPath, errorNumber: 0, problem: "not a valid socket name (at most \(capacity - 1) bytes, no NUL)")
        }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { path in path.copyBytes(from: name) }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)!
        let length = pathOffset + name.count + (isAbstract ? 0 : 1)

        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { throw SystemdNotifyError(function: "socket", socketPath: socketPath, errorNumber: errno) }
        self.socketPath = socketPath
        self.descriptor = descriptor
        self.address = storage
        self.addressLength = socklen_t(length)
    }

    /// Sends `notification` as one datagram.
    ///
    /// - Throws: ``SystemdNotifyError`` naming `sendto` and the reason: `ECONNREFUSED` or
    ///   `ENOENT` when nothing listens any more, `EAGAIN` when the manager's queue is full.
    public func send(_ notification: SystemdNotification) throws(SystemdNotifyError) {
        let text = Array(notification.text.utf8)
        while true {
            let sent = text.withUnsafeBytes { text in
                withUnsafePointer(to: address) { address in
                    address.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                        sendto(descriptor, text.baseAddress, text.count, Int32(MSG_NOSIGNAL), address, addressLength)
                    }
                }
            }
            if sent >= 0 { return }
            let error = errno
            if error == EINTR { continue }
            throw SystemdNotifyError(function: "sendto", socketPath: socketPath, errorNumber: error)
        }
    }

    deinit {
        close(descriptor)
    }
}
