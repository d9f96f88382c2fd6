import EdgewiseCore
import EdgewiseStatus

/// Hands every event to the status endpoint's live tail (`GET /events`), as its CloudEvents JSON.
///
/// Never waits: the feed buffers per client and drops the oldest for a client that reads too
/// slowly. While no client is connected — nearly always — it does nothing per event (one lock per
/// batch to ask), so the pipeline pays for the encoding only while someone watches.
struct StatusFeedEventSink: EventSink {
    let feed: StatusEventFeed
    let encoder: CloudEventEncoder

    init(feed: StatusEventFeed, gatewayID: String) {
        self.feed = feed
        self.encoder = CloudEventEncoder(gatewayID: gatewayID)
    }

    func publish(_ events: [Event]) async {
        guard feed.clientCount > 0 else { return }
        for event in events {
            feed.publish(StatusEventFeed.Event(id: "\(event.id)", name: event.name.name, json: String(decoding: encoder.encode(event), as: UTF8.self), device: event.device))
        }
    }
}
