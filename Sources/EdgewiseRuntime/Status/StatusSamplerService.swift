import EdgewiseCore
import ServiceLifecycle

/// Every few seconds, notes how far the buffer has drained, for `/status`'s `buffer.drain_rate`
/// (events acknowledged per second over the last minute). Stops on graceful shutdown.
struct StatusSamplerService: Service {
    let source: GatewayStatusSource
    var interval: Duration = .seconds(5)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                source.sampleDrain(now: WallClock.now())
                try await Task.sleep(for: interval)
            }
        }
    }
}
