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
struct UpstreamForwarder: Service {
    let client: MqttClient
    let queue: DurableQueue
    let wakeUp: ForwarderWakeUp
    let sink: QueueingEventSink
    let maxRate: Double?
    let logger: Logger
    /// Events awaiting their PUBACK at once.
    var window = 64

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
            do {
                batch = try queue.peek(after: nil, limit: window)
            } catch {
                logger.error("Cannot read the upstream buffer", metadata: ["buffer.error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
                continue
            }
            if batch.isEmpty {
                await wakeUp.wait(timeout: .seconds(1))
                continue
            }
            let started = clock.now
            let acknowledged = await send(batch, replaysAcceptedBefore: linkUpAt)
            if !acknowledged.isEmpty {
                do {
                    let receipt = try await queue.acknowledge(acknowledged)
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
        var pending: [(sequence: Int64, publish: MqttClient.PendingPublish)] = []
        pending.reserveCapacity(batch.count)
        for stored in batch {
            let replay = stored.isReplay || stored.event.acceptedAt < linkUpAt
            let payload = replay ? Self.markedAsReplay(stored.event.payload) : stored.event.payload
            do {
                pending.append((stored.sequence, try client.send(topic: stored.event.topic, payload: payload, qos: .atLeastOnce)))
            } catch {
                break
            }
        }
        var acknowledged: [Int64] = []
        for (sequence, publish) in pending {
            do {
                try await client.acknowledgement(of: publish)
                acknowledged.append(sequence)
            } catch {
                break
            }
        }
        return acknowledged
    }

    /// The event with the extension attribute `"edgewisereplay": true` added after the opening brace.
    static func markedAsReplay(_ payload: [UInt8]) -> [UInt8] {
        guard payload.first == UInt8(ascii: "{") else { return payload }
        return Array("{\"edgewisereplay\":true,".utf8) + payload.dropFirst()
    }
}
