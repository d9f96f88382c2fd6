import Glibc

/// The watchdog deadline systemd expects keep-alives within (`WatchdogSec=` in the unit), read
/// from `WATCHDOG_USEC` and `WATCHDOG_PID` the way `sd_watchdog_enabled(3)` reads them.
public enum SystemdWatchdogSetting {
    /// The deadline from this process's environment; `nil` when there is no watchdog for it.
    public static func fromEnvironment() -> Duration? {
        parse(microseconds: environment("WATCHDOG_USEC"), pid: environment("WATCHDOG_PID"), currentPID: getpid())
    }

    /// The deadline, or `nil` when keep-alives are not expected from this process:
    /// `WATCHDOG_USEC` unset, not a positive whole number of microseconds, or `WATCHDOG_PID` set
    /// to another process (a child that inherited the variables must not send keep-alives).
    ///
    /// `"30000000"` with no pid → 30 s; `"30000000"` with pid `"41"` when this is 42 → `nil`.
    public static func parse(microseconds: String?, pid: String?, currentPID: Int32) -> Duration? {
        guard let microseconds, let value = UInt64(microseconds), value > 0 else { return nil }
        if let pid {
            guard let owner = Int32(pid), owner == currentPID else { return nil }
        }
        return .microseconds(value)
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
