#if canImport(Glibc)
import Glibc
#endif
import EdgewiseSystem
import Logging

/// The gateway's line to systemd: where notifications go and the watchdog deadline, both from
/// the environment systemd gives a `Type=notify` service (`NOTIFY_SOCKET`, `WATCHDOG_USEC`).
///
/// Outside systemd it is ``disabled`` and every notification is a no-op, so the runtime calls
/// ``notify(_:logger:)`` unconditionally. Sending never fails the gateway: a failure is logged
/// and systemd notices on its own (a start without `READY=1` times out, a missing keep-alive
/// trips the watchdog).
public struct SystemdLink: Sendable {
    /// Where notifications go; `nil` when not under systemd.
    public let notifier: SystemdNotifier?
    /// `WatchdogSec=`: keep-alives are due within this; `nil` when no watchdog is set.
    public let watchdog: Duration?

    public init(notifier: SystemdNotifier?, watchdog: Duration?) {
        self.notifier = notifier
        self.watchdog = notifier == nil ? nil : watchdog
    }

    /// No systemd: nothing is sent.
    public static let disabled = SystemdLink(notifier: nil, watchdog: nil)

    /// The link systemd set up for this process, or ``disabled``. An unusable `NOTIFY_SOCKET`
    /// is logged and ignored.
    public static func fromEnvironment(logger: Logger) -> SystemdLink {
        do {
            guard let notifier = try SystemdNotifier.fromEnvironment() else { return .disabled }
            let link = SystemdLink(notifier: notifier, watchdog: SystemdWatchdogSetting.fromEnvironment())
            logger.debug("Notifying systemd", metadata: [
                "systemd.notify_socket": "\(notifier.socketPath)", "systemd.watchdog": "\(link.watchdog.map { "\($0)" } ?? "off")",
            ])
            return link
        } catch {
            logger.warning("Cannot notify systemd; running without it", metadata: ["systemd.error": "\(error)"])
            return .disabled
        }
    }

    /// Sends `notification` if there is anyone to tell; logs a failure.
    public func notify(_ notification: @autoclosure () -> SystemdNotification, logger: Logger) {
        guard let notifier else { return }
        let notification = notification()
        do {
            try notifier.send(notification)
        } catch {
            logger.warning("Cannot notify systemd", metadata: ["systemd.notification": "\(notification)", "systemd.error": "\(error)"])
        }
    }

    /// `CLOCK_MONOTONIC` now in microseconds, for ``SystemdNotification/reloading(status:monotonicMicroseconds:)``.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
