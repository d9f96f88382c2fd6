/// Why the durable queue could not do what was asked, with the file involved and what to do.
///
/// Reads like `cannot write the event buffer's directory /var/lib/edgewise: Read-only file system;
/// make it writable for the gateway's user (systemd: StateDirectory=edgewise), or set buffer.path
/// to a file in a writable directory`.
public struct DurableQueueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of failure a caller may want to tell apart.
    public enum Kind: Sendable, Hashable {
        /// The buffer's directory or file cannot be written (permissions, a read-only file
        /// system): the gateway cannot keep events, and an operator has to fix it.
        case notWritable
        /// The file could not be opened or set up for another reason.
        case cannotOpen
        /// A read or write failed while running (an I/O error, a full disk for an acknowledgement).
        case storage
        /// The queue has been closed.
        case closed
    }

    public var kind: Kind
    /// The file or directory involved.
    public var path: String
    /// What went wrong.
    public var reason: String
    /// What to do about it, when there is advice.
    public var advice: String?

    public init(kind: Kind, path: String, reason: String, advice: String? = nil) {
        self.kind = kind
        self.path = path
        self.reason = reason
        self.advice = advice
    }

    /// `REASON[; ADVICE]`.
    public var description: String {
        advice.map { "\(reason); \($0)" } ?? reason
    }

    static func closed(_ path: String) -> DurableQueueError {
        DurableQueueError(kind: .closed, path: path, reason: "the event buffer \(path) is closed")
    }

    /// A failure while the queue runs.
    static func storage(_ error: SQLiteError) -> DurableQueueError {
        DurableQueueError(kind: .storage, path: error.path, reason: "event buffer: \(error)")
    }
}
