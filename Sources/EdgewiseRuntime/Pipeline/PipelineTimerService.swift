import EdgewiseCore
import Logging
import ServiceLifecycle

/// Once a second: lets the pipeline notice silent devices, and saves the deriver's state — at once
/// when a threshold or a device's liveness changed, else at most every `routineSaveInterval`.
/// Saves once more on shutdown; the service group stops it after ingestion has stopped.
/// Each tick, once the pipeline has handled it, beats the `PipelineHeartbeat` (watchdog, /healthz).
struct PipelineTimerService: Service {
    let pipeline: EventPipeline
    let store: StateFile<DerivationState>
    let interval: Duration
    let heartbeat: PipelineHeartbeat
    var routineSaveInterval: Duration = .seconds(60)

    func run() async throws {
        // Graceful shutdown cancels the loop (its sleep throws); then the final save runs.
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: interval)
                await pipeline.checkStaleness(now: WallClock.now())
                if let state = await pipeline.takeChangedState(now: WallClock.now(), routineInterval: routineSaveInterval) { store.save(state) }
                heartbeat.beat()
            }
        }
        store.save(await pipeline.state)
    }
}
