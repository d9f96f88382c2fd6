import EdgewiseCore
import EdgewiseStore
import Logging

/// Puts every event that goes upstream into the durable queue; an event counts as accepted only
/// once the queue has committed it. The `UpstreamForwarder` sends it from there.
///
/// Events are encoded here, once, as CloudEvents structured JSON with their upstream topic, and
/// classed for overflow: readings are telemetry (evicted first), alarms — thresholds, device
/// liveness, rule decisions, failed actions, custom rule events — last.
struct QueueingEventSink: EventSink {
    let queue: DurableQueue
    let upstream: UpstreamConfig
    let gatewayID: String
    let encoder: CloudEventEncoder
    let topics: UpstreamTopicFormatter
    let wakeUp: ForwarderWakeUp
    let logger: Logger
    /// Reports a finished overflow episode as a `BufferOverflow` event (through the pipeline).
    let reportOverflow: @Sendable (DomainEvent) async -> Void

    init(queue: DurableQueue, upstream: UpstreamConfig, gatewayID: String, wakeUp: ForwarderWakeUp, logger: Logger,
         reportOverflow: @escaping @Sendable (DomainEvent) async -> Void) {
        self.queue = queue
        self.upstream = upstream
        self.gatewayID = gatewayID
        self.encoder = CloudEventEncoder(gatewayID: gatewayID)
        self.topics = upstream.topicFormatter(gateway: gatewayID)
        self.wakeUp = wakeUp
        self.logger = logger
        self.reportOverflow = reportOverflow
    }

    func publish(_ events: [Event]) async {
        let now = WallClock.now().epochMilliseconds
        let queued = events.filter { upstream.forwards($0.name) }.map { event in
            QueuedEvent(eventID: "\(event.id)", type: event.name.name, priority: Self.priority(of: event.name),
                        topic: topics.topic(for: event), payload: encoder.encode(event), acceptedAt: now)
        }
        guard !queued.isEmpty else { return }
        do {
            let receipt = try await queue.append(queued)
            await wakeUp.signal()
            if let started = receipt.overflowStarted {
                logger.warning("Upstream buffer full: events are being dropped", metadata: [
                    "buffer.policy": "\(queue.overflow.rawValue)", "buffer.max_size": "\(queue.maxSize)", "buffer.episode": "\(started.number)",
                ])
            }
            if let ended = receipt.overflowEnded { await report(ended) }
        } catch {
            logger.error("Cannot queue events for upstream; they are lost", metadata: ["buffer.error": "\(error)", "events": "\(queued.count)"])
        }
    }

    /// Reports an overflow episode that ended (also when the forwarder's acknowledgements end it).
    func report(_ episode: OverflowEpisode) async {
        let data = BufferOverflowData(
            episode: episode.number, since: Timestamp(epochMilliseconds: episode.startedAt), until: episode.endedAt.map(Timestamp.init(epochMilliseconds:)),
            policy: queue.overflow.rawValue, evictedTelemetry: episode.evicted.telemetry, evictedNormal: episode.evicted.normal,
            evictedAlarm: episode.evicted.alarm, refused: episode.refused)
        let event = DomainEvent(.bufferOverflow, time: WallClock.now(), device: nil, data: .bufferOverflow(data))
        // Not awaited here: the pipeline is waiting for this sink, and publishes the event after.
        let report = reportOverflow
        Task { await report(event) }
    }

    /// Which events a full buffer gives up first.
    static func priority(of name: EventName) -> QueuePriority {
        switch name {
        case .readingReported: .telemetry
        case .readingRejected, .actionConfirmed: .normal
        default: .alarm
        }
    }
}
