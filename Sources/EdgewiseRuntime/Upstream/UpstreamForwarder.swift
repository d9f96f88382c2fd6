import EdgewiseCore
import EdgewiseMQTT
import EdgewiseStore
import Logging
import ServiceLifecycle

/// Sends the durable queue's events to the upstream broker, oldest first, with QoS 1, and removes
/// each from the queue only after the broker's PUBACK.
///
/// - **Order.** Messages are handed to libmosquitto one after the other in queue order; up to
///   `window` await their PUBACKs at once. After a lost connection the unacknowledged ones are
///   sent again from the oldest, so the broker sees every event at least once, in order (a
///   resent event carries the same `id`).
/// - **Backlog.** Events that waited in the queue while the link was down (or from before a
///   restart) carry the CloudEvents extension attribute `edgewisereplay: true`, so that dashboards
///   can tell backfilled data from live data.
/// - **Rate.** `upstream.max_rate` limits events per second (metered links); otherwise the backlog
///   drains as fast as the broker acknowledges. Local rules are unaffected either way.
/// - **Batches.** With `upstream.batch`, consecutive events go out together as one CloudEvents
///   batch message (a JSON array), when `maxEvents` are queued or the oldest has waited
///   `maxDelay`; the window then counts messages, and a PUBACK removes the whole batch.
struct UpstreamForwarder: Service {
    let client: MqttClient
    let queue: DurableQueue
    let wakeUp: ForwarderWakeUp
    let sink: QueueingEventSink
    let maxRate: Double?
    /// `upstream.batch`, with its topic filled in; `nil` sends one event per message.
    var batching: Batching? = nil
    /// How events go into messages: structured or binary mode, and whether MQTT 5 properties
    /// (Content Type) are sent.
    var format = MessageFormat()
    let logger: Logger
    /// Messages awaiting their PUBACK at once.
    var window = 64
    /// The longest a caught-up forwarder lets an acknowledgement wait for the queue's next
    /// transaction (with `durability: batch` it goes with the next sync at the latest). Until then
    /// the events count in the buffer's depth; a crash in between only sends them again.
    static let acknowledgementDelay = Duration.milliseconds(200)

    /// How events are grouped into CloudEvents batch messages.
    struct Batching: Sendable {
        var maxEvents: Int
        var maxDelay: Duration
        /// The batch topic, `{gateway}` filled in.
        var topic: String
    }

    /// How events become MQTT messages (the CloudEvents MQTT binding).
    struct MessageFormat: Sendable {
        /// `upstream.cloudevents`.
        var contentMode = CloudEventsContentMode.structured
        /// Whether the link speaks MQTT 5: structured messages then say their Content Type.
        var isMQTT5 = false
    }

    /// One MQTT message: a single event, or a batch of consecutive ones.
    struct Message {
        var topic: String
        var payload: [UInt8]
        /// The queue sequences it carries, in order.
        var sequences: [Int64]
        /// MQTT 5 properties, or `nil` for none.
        var properties: MqttPublishProperties? = nil
    }

    func run() async throws {
        try client.start()
        await withGracefulShutdownHandler {
            await forward()
        } onGracefulShutdown: { [client] in
            Task { await client.shutdown() }
        }
        await client.shutdown()
        let statistics = queue.statistics()
        logger.notice("Upstream forwarding stopped", metadata: [
            "upstream.queued": "\(statistics.depth)", "upstream.sent": "\(statistics.acknowledged)",
        ])
        await queue.close()
    }

    func forward() async {
        var connected = false
        /// When the current connection came up (wall-clock milliseconds): events accepted before
        /// it waited for the link, and are replays. Taken from the client, not from when this
        /// loop notices, so that live events of the first moments are not marked.
        var linkUpAt: Int64 = 0
        let clock = ContinuousClock()
        while !Task.isCancelled {
            let status = client.status()
            switch status.state {
            case .connected: linkUpAt = status.since
            case .stopped: return
            default:
                if connected {
                    connected = false
                    logger.warning("Upstream link down; events wait in the buffer", metadata: ["upstream.queued": "\(queue.statistics().depth)"])
                }
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            if !connected {
                connected = true
                let statistics = queue.statistics()
                if statistics.depth > 0 {
                    logger.notice("Upstream link up; sending the backlog", metadata: ["upstream.backlog": "\(statistics.depth)"])
                }
            }
            let batch: [StoredEvent]
            let limit = window * (batching?.maxEvents ?? 1)
            do {
                batch = try queue.peek(after: nil, limit: limit)
            } catch {
                logger.error("Cannot read the upstream buffer", metadata: ["buffer.error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
                continue
            }
            if batch.isEmpty {
                await wakeUp.wait(timeout: .seconds(1))
                continue
            }
            if let batching, batch.count < batching.maxEvents {
                // Not a full batch yet: wait for more, until the oldest has waited long enough.
                let due = batch[0].event.acceptedAt + batching.maxDelay.totalMilliseconds
                let remaining = due - WallClock.now().epochMilliseconds
                if remaining > 0 {
                    await wakeUp.wait(timeout: .milliseconds(min(remaining, 1_000)))
                    continue
                }
            }
            let started = clock.now
            let acknowledged = await send(batch, replaysAcceptedBefore: linkUpAt)
            if !acknowledged.isEmpty {
                do {
                    // Caught up (less than a window was queued): the acknowledgement may wait for
                    // the next append's transaction, which an event arriving now needs anyway,
                    // rather than wake the queue's writer for one of its own: at a steady trickle,
                    // half the transactions and writer wake-ups. Behind (a full window), it is
                    // applied at once, so that draining a backlog never waits for it.
                    let delay: Duration? = batch.count < limit ? Self.acknowledgementDelay : nil
                    let receipt = try await queue.acknowledge(acknowledged, within: delay)
                    if let ended = receipt.overflowEnded { await sink.report(ended) }
                } catch {
                    logger.error("Cannot remove sent events from the upstream buffer; they will be sent again", metadata: ["buffer.error": "\(error)"])
                }
            }
            if acknowledged.count < batch.count {
                try? await Task.sleep(for: .milliseconds(100))
            } else if let maxRate {
                let due = started + .milliseconds(Int64((Double(acknowledged.count) / maxRate * 1_000).rounded()))
                try? await clock.sleep(until: due)
            }
        }
    }

    /// Sends `batch` in order and returns the sequences the broker acknowledged: a prefix of the
    /// batch, so that the queue never skips an event. Events from a previous run, and those
    /// accepted before `linkUpAt` (wall-clock milliseconds), are marked as replays.
    func send(_ batch: [StoredEvent], replaysAcceptedBefore linkUpAt: Int64) async -> [Int64] {
        let messages = Self.messages(batch, batching: batching, format: format, replaysAcceptedBefore: linkUpAt)
        var pending: [(sequences: [Int64], publish: MqttClient.PendingPublish)] = []
        pending.reserveCapacity(messages.count)
        for message in messages {
            do {
                pending.append((message.sequences, try client.send(topic: message.topic, payload: message.payload, qos: .atLeastOnce, properties: message.properties)))
            } catch {
                break
            }
        }
        var acknowledged: [Int64] = []
        for (sequences, publish) in pending {
            do {
                try await client.acknowledgement(of: publish)
                acknowledged += sequences
            } catch {
                break
            }
        }
        return acknowledged
    }

    /// The messages for `events`, in order: one per event, or with `batching` batches of up to
    /// `maxEvents` (only full ones, unless the oldest event is due — the caller waits otherwise,
    /// so a short last batch here is a due one). Events from a previous run, and those accepted
    /// before `linkUpAt`, are marked as replays.
    static func messages(_ events: [StoredEvent], batching: Batching?, format: MessageFormat = MessageFormat(), replaysAcceptedBefore linkUpAt: Int64) -> [Message] {
        func payload(_ stored: StoredEvent) -> [UInt8] {
            stored.isReplay || stored.event.acceptedAt < linkUpAt ? markedAsReplay(stored.event.payload) : stored.event.payload
        }
        guard let batching else {
            return events.map { stored in
                let structured = payload(stored)
                if format.contentMode == .binary, let binary = CloudEventBinaryMessage(structured: structured) {
                    return Message(topic: stored.event.topic, payload: binary.payload, sequences: [stored.sequence], properties: MqttPublishProperties(
                        contentType: binary.contentType, userProperties: binary.userProperties.map { MqttUserProperty(name: $0.name, value: $0.value) }))
                }
                return Message(topic: stored.event.topic, payload: structured, sequences: [stored.sequence],
                               properties: format.isMQTT5 ? MqttPublishProperties(contentType: "application/cloudevents+json") : nil)
            }
        }
        var messages: [Message] = []
        var start = events.startIndex
        while start < events.endIndex {
            let end = min(start + batching.maxEvents, events.endIndex)
            var body: [UInt8] = [UInt8(ascii: "[")]
            for (offset, stored) in events[start..<end].enumerated() {
                if offset > 0 { body.append(UInt8(ascii: ",")) }
                body += payload(stored)
            }
            body.append(UInt8(ascii: "]"))
            messages.append(Message(
                topic: batching.topic, payload: body, sequences: events[start..<end].map(\.sequence),
                properties: format.isMQTT5 ? MqttPublishProperties(contentType: "application/cloudevents-batch+json") : nil))
            start = end
        }
        return messages
    }

    /// The event with the extension attribute `"edgewisereplay": true` added after the opening brace.
    static func markedAsReplay(_ payload: [UInt8]) -> [UInt8] {
        guard payload.first == UInt8(ascii: "{") else { return payload }
        return Array("{\"edgewisereplay\":true,".utf8) + payload.dropFirst()
    }
}
