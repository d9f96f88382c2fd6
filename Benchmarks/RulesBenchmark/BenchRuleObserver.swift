import EdgewiseCore
import EdgewiseRuntime
import Logging
import Synchronization

/// What the gateway's `RuleEvaluator` does with each pipeline batch, rebuilt from public API,
/// because `RuleEvaluator` is internal to EdgewiseRuntime and an executable cannot
/// `@testable import` it.
///
/// It follows `RuleEvaluator.observe` and `handle` (Sources/EdgewiseRuntime/Rules/RuleEvaluator.swift
/// as of 2026-12-07) step for step: liveness changes and readings go to the engine at the wall-clock
/// arrival time, notices are logged at `info`, each action is handed to the `ActionRunner`, a
/// batch without output compares every rule's phase with the last ones, and `nextWakeUp` is read.
/// Left out: the `RuleService` loop beside it (timers, and saving the engine's state at most once
/// a second), which is not on a reading's path.
///
/// It also notes, for the benchmark, when a batch's first action was handed over.
actor BenchRuleObserver: PipelineObserver {
    var engine: RuleEngine
    let actions: ActionRunner
    let logger: Logger
    var stateChanged = false
    var phasesChanged = false
    var lastPhases: [RulePhase]
    /// When (monotonic ns) the current batch's first action was handed to the runner, and how many were.
    nonisolated let handoffs = Mutex<(first: UInt64?, count: Int)>((nil, 0))

    init(engine: RuleEngine, actions: ActionRunner, logger: Logger) {
        self.engine = engine
        self.actions = actions
        self.logger = logger
        lastPhases = engine.status().map(\.phase)
    }

    func observe(_ changes: ObservedChanges) async -> [DomainEvent] {
        var output = RuleOutput()
        let now = WallClock.now()
        for event in changes.liveness {
            guard let device = event.device else { continue }
            if event.name == .deviceOffline {
                engine.deviceOffline(device, at: now, into: &output)
            } else {
                engine.deviceOnline(device, at: now, into: &output)
            }
        }
        for reading in changes.readings {
            engine.accept(reading, at: now, into: &output)
        }
        return await handle(output)
    }

    func handle(_ output: RuleOutput) async -> [DomainEvent] {
        stateChanged = true
        for notice in output.notices {
            logger.info("Rule action not taken", metadata: ["rule": "\(notice.rule)", "rule.notice": "\(notice.message)"])
        }
        for request in output.actions {
            switch request.action {
            case .write(let device, let point, let value):
                noteHandoff()
                await actions.run(.write(device: device, point: point, value: value, rule: request.rule))
            case .publish(let topic, let payload, let retain):
                noteHandoff()
                await actions.run(.publish(topic: topic, payload: payload, retain: retain, rule: request.rule))
            case .emit:
                break
            }
        }
        if !output.isEmpty {
            phasesChanged = true
        } else {
            let phases = engine.status().map(\.phase)
            if phases != lastPhases {
                phasesChanged = true
                lastPhases = phases
            }
        }
        // RuleEvaluator reads it to cut RuleService's sleep short when an earlier timer is due.
        _ = engine.nextWakeUp
        return output.events
    }

    private nonisolated func noteHandoff() {
        let now = monotonicNanoseconds()
        handoffs.withLock { handoffs in
            if handoffs.first == nil { handoffs.first = now }
            handoffs.count += 1
        }
    }

    /// The first hand-off time and the count since the last call, and starts counting afresh.
    nonisolated func takeHandoffs() -> (first: UInt64?, count: Int) {
        handoffs.withLock { handoffs in
            defer { handoffs = (nil, 0) }
            return handoffs
        }
    }
}
