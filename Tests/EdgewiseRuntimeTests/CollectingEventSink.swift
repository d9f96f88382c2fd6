import EdgewiseCore
import EdgewiseRuntime

/// An event sink that keeps what it receives, for assertions.
actor CollectingEventSink: EventSink {
    private(set) var events: [Event] = []

    func publish(_ events: [Event]) async {
        self.events.append(contentsOf: events)
    }

    var names: [String] { events.map(\.name.name) }
}
