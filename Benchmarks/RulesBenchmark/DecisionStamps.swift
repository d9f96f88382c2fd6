import EdgewiseCore
import EdgewiseRuntime
import Synchronization

/// A clock on the gateway's `RuleEvaluator`: the pipeline's observer is this, which passes every
/// batch on to the evaluator unchanged and notes the moment the evaluator returned the rules'
/// `RuleTriggered` / `RuleCleared` events, that is, once the rules have decided and the actions
/// they asked for have been handed to the `ActionRunner` (the evaluator queues them before it
/// returns). No rule logic here: what is timed is the gateway's own evaluator.
///
/// Costs one more executor switch per batch than the evaluator alone; ``PipelineCase`` runs the
/// evaluator without this too, so that the difference shows.
final class DecisionStamps: PipelineObserver, Sendable {
    let evaluator: RuleEvaluator
    /// When (monotonic ns) the first batch with a decision returned since the last `take()`, and
    /// how many decisions (triggers and clears) there were.
    private let stamps = Mutex<(first: UInt64?, count: Int)>((nil, 0))

    init(_ evaluator: RuleEvaluator) {
        self.evaluator = evaluator
    }

    func observe(_ changes: ObservedChanges) async -> [DomainEvent] {
        let events = await evaluator.observe(changes)
        let returned = monotonicNanoseconds()
        let decisions = events.count { $0.name == .ruleTriggered || $0.name == .ruleCleared }
        if decisions > 0 {
            stamps.withLock { stamps in
                if stamps.first == nil { stamps.first = returned }
                stamps.count += decisions
            }
        }
        return events
    }

    /// The first decision's time and the count since the last call; starts afresh.
    func take() -> (first: UInt64?, count: Int) {
        stamps.withLock { stamps in
            defer { stamps = (nil, 0) }
            return stamps
        }
    }
}
