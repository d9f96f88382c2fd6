import Logging
import ServiceLifecycle

/// The gateway's side of the systemd watchdog, and `STOPPING=1`: a service in the gateway's
/// top-level group, running across reloads.
///
/// With `WatchdogSec=` set it checks the ``PipelineHeartbeat`` every half deadline and sends
/// `WATCHDOG=1` only while the pipeline has ticked within ``stallTolerance``. A stalled pipeline
/// (a deadlocked actor, a blocked thread pool) thus stops the keep-alives, and systemd kills and
/// restarts the gateway (`Restart=on-failure`): at the latest `stallTolerance + WatchdogSec`
/// after the last tick (45 s with the shipped `WatchdogSec=30s`).
///
/// The tolerance is `max(WatchdogSec / 2, 10 s)`: far above the 1 s tick, and above the pause a
/// reload makes (the old generation stops, the new one is set up and beaten when it starts, which
/// takes a second or two). A pause shorter than the tolerance never withholds a keep-alive; a
/// longer one withholds some, and costs a restart only once a whole `WatchdogSec` passes without one.
///
/// When graceful shutdown begins it sends `STOPPING=1` and ends; it is listed last in the group,
/// so it hears of the shutdown first (a `ServiceGroup` stops services in reverse order, one by one).
struct SystemdNotifyService: Service {
    let link: SystemdLink
    let heartbeat: PipelineHeartbeat
    let logger: Logger
    /// How often the heartbeat is checked and a keep-alive sent: half the watchdog deadline, as
    /// `sd_watchdog_enabled(3)` recommends.
    var checkInterval: Duration
    /// How long the pipeline may go without a tick before keep-alives stop.
    var stallTolerance: Duration

    /// The least tolerance, whatever the deadline: a reload must not look like a stall.
    static let minimumStallTolerance = Duration.seconds(10)

    init(link: SystemdLink, heartbeat: PipelineHeartbeat, logger: Logger) {
        self.link = link
        self.heartbeat = heartbeat
        self.logger = logger
        let half = (link.watchdog ?? .seconds(30)) / 2
        checkInterval = half
        stallTolerance = max(half, Self.minimumStallTolerance)
    }

    func run() async throws {
        if let watchdog = link.watchdog {
            logger.info("Watchdog keep-alives started", metadata: [
                "systemd.watchdog": "\(watchdog)", "watchdog.interval": "\(checkInterval)", "watchdog.tolerance": "\(stallTolerance)",
            ])
            // Graceful shutdown cancels the loop's sleep; keep-alives end with it.
            try? await cancelWhenGracefulShutdown { try await keepAlive() }
        } else {
            try? await gracefulShutdown()
        }
        link.notify(.stopping(status: "Stopping: finishing in-flight work and committing the buffer"), logger: logger)
    }

    /// Checks the heartbeat at once and then every `checkInterval`, until cancelled.
    private func keepAlive() async throws {
        var monitor = WatchdogMonitor()
        while true {
            for action in monitor.check(stall: heartbeat.stall(tolerance: stallTolerance)) {
                perform(action)
            }
            try await Task.sleep(for: checkInterval)
        }
    }

    private func perform(_ action: WatchdogMonitor.Action) {
        switch action {
        case .keepAlive:
            link.notify(.watchdog, logger: logger)
        case .reportStall(let reason, let first):
            if first {
                logger.critical("Pipeline stalled: watchdog keep-alives withheld, systemd will restart the gateway", metadata: [
                    "watchdog.reason": "\(reason)", "watchdog.tolerance": "\(stallTolerance)",
                ])
            }
            link.notify(.status("Stalled: \(reason); withholding watchdog keep-alives"), logger: logger)
        case .reportRecovery:
            logger.notice("Pipeline ticking again: watchdog keep-alives resumed")
            link.notify(.status("Running (the pipeline recovered from a stall)"), logger: logger)
        }
    }
}
