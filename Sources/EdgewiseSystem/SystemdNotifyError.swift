import Glibc

/// A notification could not be sent to systemd: which call failed on which socket, and why.
///
/// The gateway logs it and runs on; systemd then notices by itself (a start that never says
/// `READY=1` times out, a missing keep-alive trips the watchdog), so the message says what to look at.
public struct SystemdNotifyError: Error, Sendable, CustomStringConvertible {
    /// The C function that failed (`socket`, `sendto`).
    public var function: String
    /// The socket address from `NOTIFY_SOCKET`.
    public var socketPath: String
    /// `errno`, or 0 for a problem with the address itself.
    public var errorNumber: Int32
    /// Set instead of `errorNumber` when the address is unusable.
    public var problem: String?

    public init(function: String, socketPath: String, errorNumber: Int32, problem: String? = nil) {
        self.function = function
        self.socketPath = socketPath
        self.errorNumber = errorNumber
        self.problem = problem
    }

    public var description: String {
        let reason = problem ?? String(cString: strerror(errorNumber))
        return "cannot notify systemd at NOTIFY_SOCKET=\(socketPath): \(function): \(reason)"
            + " (is the service manager still running? outside systemd, unset NOTIFY_SOCKET)"
    }
}
