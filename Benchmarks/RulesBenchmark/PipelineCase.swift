import BenchmarkSupport
import EdgewiseCore
import EdgewiseRuntime
import Logging
import Synchronization

/// The runtime path of a reading, in process: an MQTT-shaped message (`{"temp":25.31}` on
/// `site/s-i`) handed to `EventPipeline.ingest` as a batch of one — routing, decoding,
/// normalization, event derivation, then the gateway's `RuleEvaluator` as the pipeline's observer
/// (wired as `GatewayGeneration` wires it, without the `RuleService` beside it: no timers fire and
/// no state is saved) and a sink that only counts. Actions go to a real `ActionRunner` with no
/// broker connection and no retries, so each ends at once as an `ActionFailed` event published
/// back into the pipeline, in the background, as a confirmation would be. Logging is off.
///
/// Three observers: none (the baseline), the evaluator, and the evaluator behind
/// ``DecisionStamps``, which notes when the rules' decision came back to the pipeline (the
/// evaluator has then queued the decision's actions): "ingest call → decision" is from the
/// `ingest` call to that moment, for the calls whose reading triggered or cleared a rule.
///
/// Messages go one after the other, each awaited (what the gateway does when messages arrive
/// alone); values follow the same waves as ``EngineCase``, one message per nominal 10 ms, but the
/// clock is the real one, so a run lasts seconds: the `for: 30s` rules never complete their
/// countdown and the 5-minute averages cover the whole run. The `between 07:00 and 19:00` rules
/// run in a fixed-offset zone in which it is noon at the start, so they are in their window.
enum PipelineCase {
    enum Observer: String, Sendable, CaseIterable {
        case none = "EventPipeline.ingest, no observer (baseline)"
        case evaluator = "EventPipeline.ingest + RuleEvaluator"
        case stamped = "EventPipeline.ingest + RuleEvaluator, decisions timed"
    }

    struct Outcome: Sendable {
        var observer: Observer
        var messages = 0
        /// Nanoseconds per `ingest` call, every counted message.
        var ingest: [Double] = []
        /// Nanoseconds per `ingest` call whose reading triggered or cleared a rule (seen by the sink).
        var ingestWithDecision: [Double] = []
        /// Nanoseconds from the `ingest` call to the decision's return to the pipeline (`stamped` only).
        var decision: [Double] = []
        /// Rule triggers and clears of the counted messages.
        var decisions = 0
        /// The pipeline's counts at the end (all messages, warm-up included).
        var readings = 0
        var rejections = 0
        var events = 0
        var wallSeconds = 0.0
        /// The 1-minute load average when the run ended.
        var load = ""
    }

    /// Counts the events it gets, and the rules' decisions among them since the last `take()`.
    final class CountingSink: EventSink, Sendable {
        private let counts = Mutex<(events: Int, decisions: Int)>((0, 0))

        func publish(_ events: [Event]) async {
            let decisions = events.count { $0.event.name == .ruleTriggered || $0.event.name == .ruleCleared }
            counts.withLock { counts in
                counts.events += events.count
                counts.decisions += decisions
            }
        }

        var events: Int { counts.withLock { $0.events } }

        /// Decisions since the last call.
        func takeDecisions() -> Int {
            counts.withLock { counts in
                defer { counts.decisions = 0 }
                return counts.decisions
            }
        }
    }

    static func run(rules count: Int, observer kind: Observer, messages total: Int, warmUp: Int) async -> Outcome {
        let configuration = RuleFixture.configuration(rules: count)
        let logger = Logger(label: "rules-bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let startedAt = WallClock.now()
        let sink = CountingSink()
        let pipeline = EventPipeline(configuration: configuration, state: DerivationState(), sink: sink, startedAt: startedAt, logger: logger)
        var stamps: DecisionStamps?
        // Never written: RuleService, which saves the state, does not run here.
        let stateDirectory = "/nonexistent/rules-bench-state"
        if kind != .none {
            let secondsOfDay = (startedAt.epochMilliseconds / 1_000) % 86_400
            let noon = RuleTimeZone.fixed(offset: .seconds(43_200 - secondsOfDay))
            let engine = RuleEngine(rules: configuration.rules, devices: configuration.devices, timeZone: noon, now: startedAt)
            let actions = ActionRunner(
                modbus: nil, mqtt: nil, devices: configuration.devices, pipeline: pipeline, policy: .init(delays: []), logger: logger)
            let evaluator = RuleEvaluator(engine: engine, actions: actions, stateDirectory: stateDirectory, logger: logger)
            if kind == .stamped {
                let created = DecisionStamps(evaluator)
                pipeline.setObserver(created)
                stamps = created
            } else {
                pipeline.setObserver(evaluator)
            }
        }
        let topics = (0..<count).map { "site/\(RuleFixture.sensor($0))" }
        let payloads = (0..<min(total, 100_000)).map { sample in
            let index = sample % count
            let value = RuleFixture.temperature(sensor: index, of: count, seconds: Double(sample) / 100, sample: sample)
            return Array("{\"temp\":\(value)}".utf8)
        }
        var outcome = Outcome(observer: kind)
        outcome.ingest.reserveCapacity(total)
        let began = monotonicNanoseconds()
        for sample in 0..<total {
            let message = InboundMessage(topic: topics[sample % count], payload: payloads[sample % payloads.count], receivedAt: WallClock.now())
            let started = monotonicNanoseconds()
            await pipeline.ingest([message])
            let ended = monotonicNanoseconds()
            let decided = stamps?.take().first
            let decisions = sink.takeDecisions()
            guard sample >= warmUp else { continue }
            outcome.messages += 1
            outcome.ingest.append(Double(ended - started))
            outcome.decisions += decisions
            if decisions > 0 { outcome.ingestWithDecision.append(Double(ended - started)) }
            if let decided { outcome.decision.append(Double(decided - started)) }
        }
        outcome.wallSeconds = Double(monotonicNanoseconds() - began) / 1e9
        let statistics = await pipeline.statistics
        outcome.readings = statistics.readings
        outcome.rejections = statistics.rejections
        outcome.events = sink.events
        outcome.load = oneMinuteLoad()
        return outcome
    }

    static func table(_ outcomes: [(round: Int, rules: Int, outcome: Outcome)]) -> Table {
        var table = Table([
            "path", "rules", "round", "messages", "readings / rejections / events (all)", "ingest µs: p50 / p90 / p99 / max", "mean µs",
            "decisions", "ingest with a decision µs: p50 / p90 / p99 / max", "ingest call → decision µs: p50 / p90 / p99 / p99.9 / max", "load (1 min)",
        ])
        for (round, rules, outcome) in outcomes {
            let ingest = Percentiles(outcome.ingest)
            table.add([
                outcome.observer.rawValue, decimal(Double(rules)), "\(round)", decimal(Double(outcome.messages)),
                "\(decimal(Double(outcome.readings))) / \(decimal(Double(outcome.rejections))) / \(decimal(Double(outcome.events)))",
                ingest.summary(scale: 1_000, decimals: 1), decimal(ingest.mean / 1_000, 1),
                decimal(Double(outcome.decisions)),
                Percentiles(outcome.ingestWithDecision).summary(scale: 1_000, decimals: 1),
                outcome.observer == .stamped ? Percentiles(outcome.decision).summary([50, 90, 99, 99.9], scale: 1_000, decimals: 1) : "",
                outcome.load,
            ])
        }
        return table
    }
}
