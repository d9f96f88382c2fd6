import EdgewiseCore
import Logging

/// The rule engine at work in the gateway: it sees every reading and liveness change the pipeline
/// accepts (as the pipeline's observer), wakes up for the engine's timers, hands the actions the
/// rules decide to the `ActionRunner`, and keeps the engine's state saved.
///
/// Readings are evaluated at the time they arrive, in the pipeline's batch, so a rule reacts to
/// a reading before the next batch is taken: the decision costs microseconds, and the action
/// starts at once (actions run in the background, see `ActionRunner`).
///
/// Public only so that a benchmark can put the gateway's own evaluator behind an `EventPipeline`
/// (``init(engine:actions:stateDirectory:logger:)``, then `EventPipeline.setObserver`). Not for
/// wiring a gateway: `GatewayGeneration` does that, with the `RuleService` that fires the
/// engine's timers and saves its state, which this seam leaves out.
public actor RuleEvaluator: PipelineObserver {
    var engine: RuleEngine
    let actions: ActionRunner
    let store: StateFile<RuleEngineState>
    let logger: Logger
    /// Whether the engine's state changed since it was last saved…
    var stateChanged = false
    /// …and whether a rule's phase changed (pending, active, deferred), which is saved promptly.
    var phasesChanged = false
    var lastSaved: Timestamp?
    var lastPhases: [RulePhase]
    /// The sleep of `RuleService`'s loop, cut short when an earlier wake-up is needed.
    var sleeper: Task<Void, Never>?
    var sleepingUntil: Timestamp?
    /// How often routine changes (values, history) are saved; phase changes are saved within a second.
    let routineSaveInterval: Duration

    init(engine: RuleEngine, actions: ActionRunner, store: StateFile<RuleEngineState>, logger: Logger, routineSaveInterval: Duration = .seconds(60)) {
        self.engine = engine
        self.actions = actions
        self.store = store
        self.logger = logger
        self.routineSaveInterval = routineSaveInterval
        lastPhases = engine.status().map(\.phase)
    }

    /// An evaluator for `engine` that hands actions to `actions` and would save the engine's
    /// state in `STATE_DIR/rules-state.json` under `stateDirectory` (only `RuleService` saves it).
    public init(engine: RuleEngine, actions: ActionRunner, stateDirectory: String, logger: Logger) {
        self.init(engine: engine, actions: actions, store: .rules(directory: stateDirectory, logger: logger), logger: logger)
    }

    /// Evaluates the batch's readings and liveness changes at the current wall-clock time, starts
    /// the actions the rules decide, and returns the rules' events (`RuleTriggered`, `RuleCleared`…).
    public func observe(_ changes: ObservedChanges) async -> [DomainEvent] {
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

    /// Lets time pass up to now: timers that end fire.
    func advance() async -> [DomainEvent] {
        var output = RuleOutput()
        engine.advance(to: WallClock.now(), into: &output)
        return await handle(output)
    }

    /// Starts the actions, logs the notices, notes what must be saved, and returns the events.
    func handle(_ output: RuleOutput) async -> [DomainEvent] {
        stateChanged = true
        for notice in output.notices {
            logger.info("Rule action not taken", metadata: ["rule": "\(notice.rule)", "rule.notice": "\(notice.message)"])
        }
        for request in output.actions {
            switch request.action {
            case .write(let device, let point, let value):
                await actions.run(.write(device: device, point: point, value: value, rule: request.rule))
            case .publish(let topic, let payload, let retain):
                await actions.run(.publish(topic: topic, payload: payload, retain: retain, rule: request.rule))
            case .emit:
                break  // the event is in output.events
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
        if let next = engine.nextWakeUp, let sleepingUntil, next < sleepingUntil { sleeper?.cancel() }
        return output.events
    }

    /// When the service loop should wake next: the engine's next timer, at most `limit` ahead
    /// (the loop also saves state on its rounds).
    func nextWakeUp(limit: Duration) -> Timestamp {
        let cap = WallClock.now() + limit
        return engine.nextWakeUp.map { min($0, cap) } ?? cap
    }

    /// Records the sleep in progress, so that an earlier timer can cut it short.
    func sleeping(_ task: Task<Void, Never>?, until time: Timestamp?) {
        sleeper = task
        sleepingUntil = time
    }

    /// The state to save now, or `nil`: due when a rule's phase changed, or when routine changes
    /// have waited `routineSaveInterval`. Counts it as saved.
    ///
    /// The caller writes it to ``store`` outside this actor: encoding and two `fsync`s hold the
    /// file for milliseconds (tens on an SD card), and readings must not wait for them.
    func takeStateToSave() -> RuleEngineState? {
        guard stateChanged else { return nil }
        let now = WallClock.now()
        if !phasesChanged, let lastSaved, now < lastSaved + routineSaveInterval { return nil }
        return takeState()
    }

    /// The state as it is, counted as saved: for the last save on shutdown.
    func takeState() -> RuleEngineState {
        stateChanged = false
        phasesChanged = false
        lastSaved = WallClock.now()
        return engine.state
    }

    func status() -> [RuleStatus] { engine.status() }
}
