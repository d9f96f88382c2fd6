import EdgewiseCore
import EdgewiseMQTT
import Logging
import ServiceLifecycle

/// Subscribes to every MQTT device's topic on the local broker and feeds what arrives to the
/// pipeline, a batch at a time.
///
/// Back-pressure: the client's receive queue is bounded and the pipeline is awaited per batch, so
/// when events arrive faster than they are processed, the client stops reading from the broker
/// (which holds QoS 1 messages in the gateway's persistent session) instead of filling memory.
///
/// Pacing: when messages arrive one at a time but often (a steady few thousand a second), waking
/// a thread for each costs more than handling it. The loop then lets them gather for up to
/// ``Pacing/linger`` (1 ms) before taking the next batch (see ``Pacing``), which adds at most that
/// much latency and changes neither order nor back-pressure: the messages wait in the same bounded
/// queue. A lone message, a full batch, a stream above 10,000 messages a second and shutdown are
/// not held back.
struct MQTTIngestService: Service {
    let client: MqttClient
    let pipeline: EventPipeline
    let logger: Logger
    /// How long messages may gather between batches; `.zero` takes every batch at once.
    var linger = Pacing.defaultLinger

    /// The most messages taken (and handed to the pipeline) at once.
    static let batchLimit = 256

    func run() async throws {
        let filters = pipeline.subscriptionFilters
        for filter in filters { try client.subscribe(filter, qos: .atLeastOnce) }
        try client.start()
        logger.info("MQTT ingestion started", metadata: [
            "mqtt.broker": "\(client.configuration.brokerAddress)", "mqtt.subscriptions": "\(filters.joined(separator: ","))",
        ])
        await withGracefulShutdownHandler {
            let clock = ContinuousClock()
            var pacing = Pacing(linger: linger, batchLimit: Self.batchLimit)
            while let batch = await client.nextBatch(maxCount: Self.batchLimit) {
                let taken = clock.now
                await pipeline.ingest(batch.map { message in
                    InboundMessage(topic: message.topic, payload: message.payload, receivedAt: Timestamp(epochMilliseconds: message.receivedAt))
                })
                // Cancelled: the sleep ends at once, and the loop once the queue is empty. Graceful
                // shutdown closes the queue, which ends the loop after at most one more sleep.
                if let next = pacing.nextBatch(afterTaking: batch.count, at: taken), next > clock.now {
                    try? await clock.sleep(until: next)
                }
            }
        } onGracefulShutdown: { [client] in
            Task { await client.shutdown() }
        }
        let status = client.status()
        let statistics = await pipeline.statistics
        // notice, not info: the totals survive `logging: {level: notice}`, which silences per-event lines.
        logger.notice("MQTT ingestion stopped", metadata: [
            "mqtt.messages": "\(status.messagesReceived)", "mqtt.reconnects": "\(status.reconnects)", "mqtt.overload_waits": "\(status.overloadWaits)",
            "pipeline.readings": "\(statistics.readings)", "pipeline.rejections": "\(statistics.rejections)",
            "pipeline.duplicates": "\(statistics.duplicateMessages)", "pipeline.events": "\(statistics.events)",
        ])
    }
}

extension MQTTIngestService {
    /// When to take the next batch from the receive queue: at once, or after letting messages
    /// gather for a moment, so that a steady stream of a few thousand messages a second wakes the
    /// pipeline once per `linger` rather than once per message. A value with no I/O: it gets each
    /// batch's size and the time it was taken, and returns when to take the next.
    ///
    /// The next batch is taken at `taken + linger` when messages come faster than one per
    /// `linger`: the batch held more than one, or came less than `linger / 2` after the previous
    /// one. With a `linger` of 1 ms and 5,000 messages/s, batches of one every 0.2 ms become
    /// batches of about five every millisecond. It is taken at once
    /// - after a single message that came alone (a quiet stream: no latency is added, and no
    ///   timer runs while idle),
    /// - after a full batch (a backlog), and
    /// - while messages have been arriving faster than `maximumRate` (measured over windows of
    ///   `rateWindow`): batches are then large on their own, and holding messages back would only
    ///   make the pipeline's work burstier, in competition with the network thread for the CPU.
    ///
    /// Not for: spreading out bursts or rate limiting.
    struct Pacing: Sendable {
        /// The default: about 1 ms added at most to a message's way through the gateway.
        static let defaultLinger = Duration.milliseconds(1)
        /// Above this many messages a second, batches are taken at once.
        static let defaultMaximumRate = 10_000
        /// How long the arrival rate is measured over.
        static let rateWindow = Duration.milliseconds(20)

        /// The longest a message waits in the queue for the next batch; `.zero` turns pacing off.
        let linger: Duration
        /// The batch size the loop asks for: a full batch means more are waiting.
        let batchLimit: Int
        /// Messages a second above which there is no lingering.
        let maximumRate: Int
        private var previous: ContinuousClock.Instant?
        private var windowStart: ContinuousClock.Instant?
        private var windowMessages = 0
        /// Whether the last complete window's rate was above `maximumRate`.
        private var isFast = false

        init(linger: Duration, batchLimit: Int, maximumRate: Int = Self.defaultMaximumRate) {
            precondition(linger >= .zero && batchLimit > 0 && maximumRate > 0, "linger \(linger), batch limit \(batchLimit), rate \(maximumRate)")
            self.linger = linger
            self.batchLimit = batchLimit
            self.maximumRate = maximumRate
        }

        /// Records a batch of `count` messages taken at `taken`; returns when to take the next,
        /// or `nil` for at once.
        mutating func nextBatch(afterTaking count: Int, at taken: ContinuousClock.Instant) -> ContinuousClock.Instant? {
            defer { previous = taken }
            measureRate(count, at: taken)
            guard linger > .zero, count < batchLimit, !isFast else { return nil }
            let frequent = count > 1 || previous.map { taken - $0 < linger / 2 } ?? false
            return frequent ? taken + linger : nil
        }

        /// Counts the batch into the current window; at the window's end, decides whether the
        /// stream is fast (messages per second above `maximumRate`) and starts the next window.
        private mutating func measureRate(_ count: Int, at taken: ContinuousClock.Instant) {
            // Each window counts the batches taken after its start, up to and including its end.
            guard let start = windowStart else {
                windowStart = taken
                return
            }
            windowMessages += count
            let elapsed = taken - start
            guard elapsed >= Self.rateWindow else { return }
            // messages / seconds > maximumRate, without floating point: messages × 1 s > maximumRate × elapsed.
            isFast = Duration.seconds(windowMessages) > elapsed * maximumRate
            windowStart = taken
            windowMessages = 0
        }
    }
}

extension MqttClientConfiguration {
    /// The client settings for a broker section of `gateway.yaml`; reads the password file.
    ///
    /// - Throws: `MqttPasswordFileError` naming the file when it cannot be read.
    init(broker: BrokerConfig, defaultClientID: String, persistentSession: Bool) throws {
        let password = try broker.passwordFile.map { path throws in try MqttClientConfiguration.readPasswordFile(path) }
        self.init(
            host: broker.url.host, port: broker.url.port, clientID: broker.clientID ?? defaultClientID, keepAlive: broker.keepAlive,
            username: broker.username, password: password, useTLS: broker.url.usesTLS, caFile: broker.caFile,
            caDirectory: broker.url.usesTLS && broker.caFile == nil ? MqttClientConfiguration.systemCADirectory : nil,
            certFile: broker.certFile, keyFile: broker.keyFile, protocolVersion: broker.protocolVersion == .v5 ? .v5 : .v311,
            cleanSession: !persistentSession)
    }
}
