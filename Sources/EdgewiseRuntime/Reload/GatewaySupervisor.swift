import EdgewiseConfig
import EdgewiseCore
import EdgewiseSystem
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the gateway's current generation and swaps in a new one when the configuration is
/// reloaded (SIGHUP, which `systemctl reload edgewise` sends).
///
/// A reload re-reads the whole config directory. A valid new config replaces the running one as a
/// whole: the old generation stops (saving its state), the new one starts from that state, so
/// thresholds, device states and the timers of unchanged rules carry over. An invalid config is
/// rejected with the same errors `edgewise check` prints, each logged, and the old configuration
/// keeps running untouched.
struct GatewaySupervisor: Service {
    let initial: GatewayGeneration
    /// Where reloads read from; `nil` disables reloading (a configuration given in code).
    let configDirectory: String?
    /// `--state-dir`, which wins over `gateway.state_dir` in every generation.
    let stateDirectoryOverride: String?
    let logger: Logger
    let reloads: ReloadHistory
    /// The status endpoint's source, metrics and live tail, handed to each generation.
    var status: StatusWiring? = nil
    /// Told READY=1 when each generation has started, RELOADING=1 when a reload begins.
    var systemd = SystemdLink.disabled
    /// The runtime's heartbeat: beaten when a generation starts, then by its timer.
    var heartbeat = PipelineHeartbeat()

    /// What ends a generation.
    enum Step: Sendable {
        /// Its services stopped: the gateway is shutting down (or a service failed, which throws).
        case ended
        /// A valid reload: run a generation of this configuration next.
        case reload(EdgewiseConfiguration)
    }

    /// Start-up code (YAML, validation, wiring, connecting) is not run again until the next
    /// reload: its pages are unmapped when a generation is up and again `startupSettleTime`
    /// later, so that the running gateway's resident memory is what it uses (`StartupPages`).
    /// Releasing is safe at any moment; a page still in use comes back with a minor fault.
    static let startupSettleTime = Duration.seconds(10)

    static func releaseStartupPages(logger: Logger) {
        let released = StartupPages.release()
        logger.debug("Released start-up pages", metadata: [
            "mappings": "\(released.mappings)", "bytes": "\(released.bytes)",
        ])
    }

    func run() async throws {
        let requests = ReloadRequests()
        let watcher = Task {
            for await _ in await UnixSignalsSequence(trapping: .sighup) { await requests.deliver() }
        }
        defer { watcher.cancel() }
        var generation = initial
        var reloaded = false
        while true {
            status?.source.attach(generation)
            heartbeat.beat()
            let group = generation.serviceGroup(logger: logger) { [systemd, logger, configuration = generation.configuration, reloaded] in
                systemd.ready(configuration, reloaded: reloaded, logger: logger)
                Self.releaseStartupPages(logger: logger)
                // Once more when connecting, subscribing and the first polls are over.
                Task {
                    try? await Task.sleep(for: Self.startupSettleTime)
                    Self.releaseStartupPages(logger: logger)
                }
            }
            let step: Step = try await withGracefulShutdownHandler {
                try await withThrowingTaskGroup(of: Step.self) { tasks in
                    tasks.addTask {
                        try await group.run()
                        return .ended
                    }
                    tasks.addTask {
                        await nextValidReload(requests).map(Step.reload) ?? .ended
                    }
                    let first = try await tasks.next() ?? .ended
                    if case .reload = first {
                        await group.triggerGracefulShutdown()
                    } else {
                        tasks.cancelAll()
                    }
                    while try await tasks.next() != nil {}
                    return first
                }
            } onGracefulShutdown: {
                Task { await group.triggerGracefulShutdown() }
            }
            guard case .reload(let configuration) = step else { return }
            // Built now that the old generation has stopped and saved its state, which the new one loads.
            // The status counters carry on from the old generation: they count since the process started.
            let activity = await generation.pipeline.activity
            generation = try GatewayGeneration(
                configuration: configuration, stateDirectory: stateDirectory(for: configuration), logger: logger, activity: activity,
                metrics: status?.metrics, events: status?.events, heartbeat: heartbeat)
            reloaded = true
            logger.notice("Configuration reloaded", metadata: [
                "config.directory": "\(configDirectory ?? "")", "config.devices": "\(configuration.devices.count)",
                "config.points": "\(configuration.pointCount)", "config.rules": "\(configuration.rules.count)",
            ])
        }
    }

    /// Waits for SIGHUPs until one brings a valid configuration that can be set up, and returns
    /// it; `nil` when the wait is cancelled (the gateway is shutting down).
    func nextValidReload(_ requests: ReloadRequests) async -> EdgewiseConfiguration? {
        while await requests.next() {
            guard let configDirectory else {
                logger.warning("SIGHUP ignored: the gateway was not started from a config directory")
                continue
            }
            logger.notice("Reloading the configuration", metadata: ["config.directory": "\(configDirectory)"])
            systemd.reloading(configDirectory, logger: logger)
            let result: ConfigLoader.Result
            do {
                result = try ConfigLoader.load(directory: configDirectory)
            } catch {
                reject(["\(error)"])
                continue
            }
            guard let configuration = result.configuration else {
                reject(result.errors.map(\.description))
                continue
            }
            do {
                try GatewayGeneration.check(configuration: configuration, stateDirectory: stateDirectory(for: configuration))
                reloads.record(.accepted(at: WallClock.now()))
                return configuration
            } catch {
                reject(["\(error)"])
            }
        }
        return nil
    }

    func reject(_ errors: [String]) {
        for error in errors {
            logger.error("Configuration rejected", metadata: ["config.error": "\(error)"])
        }
        logger.error("Reload failed; the previous configuration keeps running", metadata: ["config.errors": "\(errors.count)"])
        reloads.record(.rejected(at: WallClock.now(), errors: errors))
        systemd.reloadRejected(errors: errors.count, logger: logger)
    }

    func stateDirectory(for configuration: EdgewiseConfiguration) -> String {
        stateDirectoryOverride ?? configuration.gateway.stateDirectory
    }
}
