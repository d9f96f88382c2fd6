import EdgewiseCore

/// Hands every event to several sinks in turn: the log and the upstream queue.
struct FanOutEventSink: EventSink {
    let sinks: [any EventSink]

    func publish(_ events: [Event]) async {
        for sink in sinks { await sink.publish(events) }
    }
}
