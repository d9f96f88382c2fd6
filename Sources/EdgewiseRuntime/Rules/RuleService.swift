import EdgewiseCore
import Logging
import ServiceLifecycle

/// Keeps the rules' timers running: sleeps until the engine's next wake-up (a `for:` that ends,
/// a deferred clear, a time-of-day edge), lets the engine advance, publishes the events it
/// produces, and saves its state. On shutdown it waits for running actions and saves once more.
struct RuleService: Service {
    let evaluator: RuleEvaluator
    let pipeline: EventPipeline
    let actions: ActionRunner
    let logger: Logger
    /// The longest sleep; state is saved on these rounds too.
    var maximumSleep: Duration = .seconds(1)

    func run() async throws {
        let names = await evaluator.status().map(\.name)
        logger.info("Rules started", metadata: ["rules": "\(names.joined(separator: ","))"])
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let wake = await evaluator.nextWakeUp(limit: maximumSleep)
                let wait = wake - WallClock.now()
                if wait > .zero {
                    let sleep = Task<Void, Never> { try? await Task.sleep(for: wait) }
                    await evaluator.sleeping(sleep, until: wake)
                    await withTaskCancellationHandler {
                        await sleep.value
                    } onCancel: {
                        sleep.cancel()
                    }
                    await evaluator.sleeping(nil, until: nil)
                }
                let events = await evaluator.advance()
                if !events.isEmpty { await pipeline.publish(events) }
                // Written here, not on the evaluator: readings keep being decided meanwhile.
                if let state = await evaluator.takeStateToSave() { evaluator.store.save(state) }
            }
        }
        await actions.drain()
        evaluator.store.save(await evaluator.takeState())
        logger.info("Rules stopped")
    }
}
