import EdgewiseCore
import EdgewiseStatus

/// What the status endpoint shares with every generation: the source it reads through, the
/// metrics the generations record into and the live tail they publish to. One per process.
struct StatusWiring: Sendable {
    let source: GatewayStatusSource
    let metrics: GatewayMetrics
    let events: StatusEventFeed

    /// How long the pipeline's timer may go without a tick before `/healthz` reports it stalled:
    /// far above its 1 s tick and the pause of a reload.
    static let stallTolerance = Duration.seconds(30)

    /// The metrics for `configuration`, with its rules and custom event names registered from the
    /// start (rules that appear on a reload are added when they first trigger); `/healthz` reads
    /// `heartbeat`.
    init(configuration: EdgewiseConfiguration, reloads: ReloadHistory, startedAt: Timestamp, heartbeat: PipelineHeartbeat? = nil) {
        var eventNames: [String] = []
        for rule in configuration.rules {
            for action in rule.onTrigger + rule.onClear {
                if case .emit(let name) = action.kind, !eventNames.contains(name.name) { eventNames.append(name.name) }
            }
        }
        metrics = GatewayMetrics(rules: configuration.rules.map(\.name), eventNames: eventNames)
        events = StatusEventFeed()
        let liveness: (@Sendable () -> Liveness)? = heartbeat.map { heartbeat in
            { @Sendable in heartbeat.stall(tolerance: Self.stallTolerance).map(Liveness.stalled) ?? .alive }
        }
        source = GatewayStatusSource(startedAt: startedAt, reloads: reloads, metrics: metrics, liveness: liveness)
    }
}
