/// One message to systemd's notification socket: newline-separated `KEY=VALUE` assignments, as
/// `sd_notify(3)` describes them (`READY=1`, `STATUS=…`, `WATCHDOG=1`).
///
/// A value with no I/O; ``SystemdNotifier`` sends it. Build one with the static members, which
/// cover what a `Type=notify` daemon says in its life:
/// ```
/// READY=1                       start-up done (also after a reload)
/// RELOADING=1 + MONOTONIC_USEC  a reload has begun; READY=1 ends it
/// STOPPING=1                    graceful shutdown has begun
/// WATCHDOG=1                    keep-alive, when WatchdogSec= is set
/// STATUS=…                      one line for `systemctl status`
/// ```
public struct SystemdNotification: Sendable, Equatable, CustomStringConvertible {
    /// One `KEY=VALUE` assignment.
    public struct Field: Sendable, Equatable {
        public var key: String
        public var value: String

        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The assignments, in the order they are sent.
    public var fields: [Field]

    public init(_ fields: [Field]) {
        self.fields = fields
    }

    /// Start-up (or a reload) is complete and the service runs.
    public static func ready(status: String? = nil) -> SystemdNotification {
        SystemdNotification([Field("READY", "1")] + statusField(status))
    }

    /// A configuration reload has begun; a later ``ready(status:)`` says it is over (also when the
    /// reload was rejected). `MONOTONIC_USEC` is `CLOCK_MONOTONIC` now, in microseconds: systemd
    /// 253 and later require it with `Type=notify-reload`, older ones ignore it.
    public static func reloading(status: String? = nil, monotonicMicroseconds: UInt64) -> SystemdNotification {
        SystemdNotification([Field("RELOADING", "1")] + statusField(status) + [Field("MONOTONIC_USEC", "\(monotonicMicroseconds)")])
    }

    /// Graceful shutdown has begun.
    public static func stopping(status: String? = nil) -> SystemdNotification {
        SystemdNotification([Field("STOPPING", "1")] + statusField(status))
    }

    /// A watchdog keep-alive: the service is healthy (send only when it is).
    public static let watchdog = SystemdNotification([Field("WATCHDOG", "1")])

    /// Only a new status line for `systemctl status`.
    public static func status(_ text: String) -> SystemdNotification {
        SystemdNotification(statusField(text))
    }

    /// The datagram's text: `KEY=VALUE` lines joined by newlines. A newline inside a value would
    /// start a new assignment, so it becomes a space.
    public var text: String {
        fields.map { "\($0.key)=\(Self.singleLine($0.value))" }.joined(separator: "\n")
    }

    public var description: String { text.replacingNewlinesWithCommas() }

    private static func statusField(_ status: String?) -> [Field] {
        status.map { [Field("STATUS", $0)] } ?? []
    }

    private static func singleLine(_ value: String) -> String {
        guard value.contains(where: \.isNewline) else { return value }
        return String(value.map { $0.isNewline ? " " : $0 })
    }
}

extension String {
    fileprivate func replacingNewlinesWithCommas() -> String {
        String(map { $0 == "\n" ? "," : $0 })
    }
}
