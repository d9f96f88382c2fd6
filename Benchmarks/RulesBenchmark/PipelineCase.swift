import EdgewiseCore
import EdgewiseRuntime
import Logging

/// The runtime path of a reading, in process: an MQTT-shaped message (`{"temp":25.31}` on
/// `site/s-i`) handed to `EventPipeline.ingest` as a batch of one — routing, decoding,
/// normalization, event derivation, then the rules observer (``BenchRuleObserver``, wired as
/// `GatewayGeneration` wires `RuleEvaluator`) and a sink that only counts. Actions go to a real
/// `ActionRunner` with no broker connection and no retries, so each ends at once as an
/// `ActionFailed` event published back into the pipeline, in the background, as a confirmation would be.
///
/// Messages go one after the other, each awaited (what the gateway does when messages arrive
/// alone); values follow the same waves as ``EngineCase``, one message per nominal 10 ms, but the
/// clock is the real one, so a run lasts seconds: the `for: 30s` rules never complete their
/// countdown and the 5-minute averages cover the whole run. The `between 07:00 and 19:00` rules
/// run in a fixed-offset zone in which it is noon at the start, so they are in their window.
enum PipelineCase {
    struct Outcome: Sendable {
        var label: String
        var messages = 0
        /// Nanoseconds per `ingest` call, every counted message.
        var ingest: [Double] = []
        /// Nanoseconds per `ingest` call whose batch handed an action to the runner.
        var ingestWithAction: [Double] = []
        /// Nanoseconds from the `ingest` call to the first action handed to the runner.
        var decision: [Double] = []
        var actions = 0
        /// The pipeline's counts at the end (all messages, warm-up included).
        var readings = 0
        var rejections = 0
        var events = 0
        var wallSeconds = 0.0
        /// The 1-minute load average when the run ended.
        var load = ""
    }

    actor CountingSink: EventSink {
        var count = 0
        func publish(_ events: [Event]) async { count += events.count }
    }

    /// - Parameter observed: with the rules observer; without it, the same pipeline and
    ///   configuration with no rules evaluated (the baseline).
    static func run(rules count: Int, observed: Bool, messages total: Int, warmUp: Int) async -> Outcome {
        let configuration = RuleFixture.configuration(rules: count)
        let logger = Logger(label: "rules-bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let startedAt = WallClock.now()
        let sink = CountingSink()
        let pipeline = EventPipeline(configuration: configuration, state: DerivationState(), sink: sink, startedAt: startedAt, logger: logger)
        var observer: BenchRuleObserver?
        if observed {
            let secondsOfDay = (startedAt.epochMilliseconds / 1_000) % 86_400
            let noon = RuleTimeZone.fixed(offset: .seconds(43_200 - secondsOfDay))
            let engine = RuleEngine(rules: configuration.rules, devices: configuration.devices, timeZone: noon, now: startedAt)
            let actions = ActionRunner(
                modbus: nil, mqtt: nil, devices: configuration.devices, pipeline: pipeline, policy: .init(delays: []), logger: logger)
            let created = BenchRuleObserver(engine: engine, actions: actions, logger: logger)
            pipeline.setObserver(created)
            observer = created
        }
        let topics = (0..<count).map { "site/\(RuleFixture.sensor($0))" }
        let payloads = (0..<min(total, 100_000)).map { sample in
            let index = sample % count
            let value = RuleFixture.temperature(sensor: index, of: count, seconds: Double(sample) / 100, sample: sample)
            return Array("{\"temp\":\(value)}".utf8)
        }
        var outcome = Outcome(label: observed ? "EventPipeline.ingest + rules observer" : "EventPipeline.ingest, no observer (baseline)")
        outcome.ingest.reserveCapacity(total)
        let began = monotonicNanoseconds()
        for sample in 0..<total {
            let message = InboundMessage(topic: topics[sample % count], payload: payloads[sample % payloads.count], receivedAt: WallClock.now())
            let started = monotonicNanoseconds()
            await pipeline.ingest([message])
            let ended = monotonicNanoseconds()
            let handoffs: (first: UInt64?, count: Int) = observer?.takeHandoffs() ?? (nil, 0)
            guard sample >= warmUp else { continue }
            outcome.messages += 1
            outcome.ingest.append(Double(ended - started))
            outcome.actions += handoffs.count
            if let first = handoffs.first {
                outcome.ingestWithAction.append(Double(ended - started))
                outcome.decision.append(Double(first - started))
            }
        }
        outcome.wallSeconds = Double(monotonicNanoseconds() - began) / 1e9
        let statistics = await pipeline.statistics
        outcome.readings = statistics.readings
        outcome.rejections = statistics.rejections
        outcome.events = await sink.count
        outcome.load = oneMinuteLoad()
        return outcome
    }

    static func table(_ outcomes: [(round: Int, rules: Int, outcome: Outcome)]) -> Table {
        var table = Table([
            "path", "rules", "round", "messages", "readings / rejections / events (all)", "ingest µs: p50 / p90 / p99 / max", "mean µs", "with an action",
            "ingest with an action µs: p50 / p90 / p99 / max", "ingest call → action handed over µs: p50 / p90 / p99 / max", "load (1 min)",
        ])
        for (round, rules, outcome) in outcomes {
            let ingest = Percentiles(outcome.ingest)
            table.add([
                outcome.label, decimal(Double(rules)), "\(round)", decimal(Double(outcome.messages)),
                "\(decimal(Double(outcome.readings))) / \(decimal(Double(outcome.rejections))) / \(decimal(Double(outcome.events)))",
                ingest.summary(scale: 1_000, decimals: 1), decimal(ingest.mean / 1_000, 1),
                decimal(Double(outcome.ingestWithAction.count)),
                Percentiles(outcome.ingestWithAction).summary(scale: 1_000, decimals: 1),
                Percentiles(outcome.decision).summary(scale: 1_000, decimals: 1), outcome.load,
            ])
        }
        return table
    }
}
