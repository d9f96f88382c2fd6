import EdgewiseCore
import EdgewiseSystem
import Logging

/// What the gateway tells systemd at each step of its life, with a `STATUS=` line that
/// `systemctl status edgewise` shows.
extension SystemdLink {
    /// `READY=1`: a generation of `configuration` has started (the first one, or one a reload brought).
    func ready(_ configuration: EdgewiseConfiguration, reloaded: Bool, logger: Logger) {
        let summary = "Running \(configuration.gateway.id): \(Self.count(configuration.devices.count, "device")), "
            + "\(Self.count(configuration.pointCount, "point")), \(Self.count(configuration.rules.count, "rule"))"
        notify(.ready(status: reloaded ? summary + " (configuration reloaded)" : summary), logger: logger)
    }

    /// `RELOADING=1`: a SIGHUP reload of `directory` has begun.
    func reloading(_ directory: String, logger: Logger) {
        notify(.reloading(status: "Reloading the configuration from \(directory)", monotonicMicroseconds: Self.monotonicMicroseconds()), logger: logger)
    }

    /// `READY=1` after a rejected reload: the previous configuration runs on.
    func reloadRejected(errors: Int, logger: Logger) {
        notify(.ready(status: "Reload rejected (\(Self.count(errors, "error")), see the log); the previous configuration keeps running"), logger: logger)
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}
