import Synchronization

/// The live tail behind `GET /events`: the runtime publishes each event once, and every connected
/// client gets a copy, as server-sent events.
///
/// Publishing never waits: each client has a buffer of ``clientBuffer`` events, and a client that
/// reads too slowly loses the oldest of its buffer (it is told how many, see docs/status.md), so
/// no client can hold the gateway back. At most ``maxClients`` clients are connected at once.
///
/// Create one per process, hand it to ``StatusServer`` and to whatever produces the events.
public final class StatusEventFeed: Sendable {
    /// One event as clients receive it.
    public struct Event: Sendable, Hashable {
        /// The event's id (the CloudEvents `id`), sent as the SSE `id:` line.
        public var id: String
        /// The event's name (`ThresholdCrossed`), sent as the SSE `event:` line.
        public var name: String
        /// The event as one line of JSON (the CloudEvents envelope, as sent upstream), sent as the
        /// SSE `data:` line.
        public var json: String
        /// The device the event is about, for `/events?device=…`; `nil` for gateway-wide events.
        public var device: String?

        /// - Precondition: none of the three contains a line break (SSE fields are single lines;
        ///   compact JSON has none).
        public init(id: String, name: String, json: String, device: String? = nil) {
            precondition(
                ![id, name, json].contains { $0.contains { $0.isNewline } }, "an SSE field cannot contain a line break")
            self.id = id
            self.name = name
            self.json = json
            self.device = device
        }
    }

    /// What a client's stream carries: an event, or a reminder to write a keep-alive comment.
    enum Item: Sendable, Hashable {
        case event(Event)
        case keepAlive
    }

    /// Events held for one client that has not read them yet.
    public let clientBuffer: Int
    /// Clients connected at once; `/events` answers 503 beyond that.
    public let maxClients: Int

    private struct State {
        var clients: [Int: Client] = [:]
        var nextID = 0
        var isFinished = false
    }

    private struct Client {
        let continuation: AsyncStream<Item>.Continuation
        let dropped: DroppedCount

        func offer(_ item: Item) {
            if case .dropped(.event) = continuation.yield(item) { dropped.add(1) }
        }
    }

    private let state = Mutex(State())

    public init(clientBuffer: Int = 256, maxClients: Int = 8) {
        precondition(clientBuffer > 0 && maxClients > 0, "clientBuffer and maxClients must be positive")
        self.clientBuffer = clientBuffer
        self.maxClients = maxClients
    }

    /// Sends `event` to every connected client; returns at once.
    public func publish(_ event: Event) {
        let clients = state.withLock { Array($0.clients.values) }
        for client in clients {
            client.offer(.event(event))
        }
    }

    /// Clients connected now.
    public var clientCount: Int { state.withLock { $0.clients.count } }

    /// Whether another client may connect now.
    var hasRoom: Bool { state.withLock { !$0.isFinished && $0.clients.count < maxClients } }

    /// A new client's stream, or `nil` when ``maxClients`` are connected or the feed has finished.
    func subscribe() -> Subscription? {
        let (stream, continuation) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .bufferingNewest(clientBuffer))
        let dropped = DroppedCount()
        let id: Int? = state.withLock { state in
            guard !state.isFinished, state.clients.count < maxClients else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.clients[id] = Client(continuation: continuation, dropped: dropped)
            return id
        }
        guard let id else { return nil }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.clients.removeValue(forKey: id) }
        }
        return Subscription(stream: stream, continuation: continuation, dropped: dropped)
    }

    /// Ends every client's stream and refuses new ones: on shutdown, so that the open `/events`
    /// responses complete and the server can stop.
    func finish() {
        let clients = state.withLock { state in
            state.isFinished = true
            return Array(state.clients.values)
        }
        for client in clients { client.continuation.finish() }
    }

    /// One client's view of the feed.
    struct Subscription: Sendable {
        let stream: AsyncStream<Item>
        let continuation: AsyncStream<Item>.Continuation
        let dropped: DroppedCount

        /// Asks the writer to send a keep-alive comment (counting an event it pushes out of a full buffer).
        func keepAlive() {
            if case .dropped(.event) = continuation.yield(.keepAlive) { dropped.add(1) }
        }

        /// Stops the stream and removes the client from the feed.
        func cancel() { continuation.finish() }
    }

    /// Events a client lost because its buffer was full, since it was last told.
    final class DroppedCount: Sendable {
        private let count = Atomic(0)

        func add(_ amount: Int) { count.add(amount, ordering: .relaxed) }

        /// The count so far, reset to 0.
        func take() -> Int { count.exchange(0, ordering: .relaxed) }
    }
}
