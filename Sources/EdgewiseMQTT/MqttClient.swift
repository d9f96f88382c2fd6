import CMosquitto
import EdgewiseSystem
import Glibc
import Logging
import Synchronization

/// An MQTT client over libmosquitto that stays connected on its own: it connects in the
/// background, reconnects forever with capped exponential backoff, and subscribes again after
/// every reconnect.
///
/// Edgewise uses one to receive sensor messages from the local broker and one to publish events
/// upstream with QoS 1:
///
/// ```swift
/// let client = try MqttClient(configuration: configuration, logger: logger)
/// try client.subscribe("sensors/#", qos: .atLeastOnce)
/// try client.start()
/// while let batch = await client.nextBatch(maxCount: 256) { handle(batch) }
/// // elsewhere, on the way down:
/// await client.shutdown()
/// ```
///
/// **Threads.** libmosquitto runs on one dedicated network thread per client, driven by
/// Edgewise's own connect/backoff loop rather than `mosquitto_loop_start`, whose reconnect logic
/// in libmosquitto 2.0.11 gives up for good after some failures (see `MqttNetworkLoop.swift`).
///
/// **Backpressure.** Received messages go through a bounded queue
/// (``MqttClientConfiguration/receiveQueueCapacity``). When it is full the network thread
/// *blocks* until the consumer takes messages, so it stops reading the socket, TCP pushes back,
/// and the broker holds the messages — up to its `max_queued_messages`, which Edgewise's broker
/// configurations raise; beyond it the broker drops messages, even QoS 1 ones. Memory stays
/// bounded. While blocked the thread sends nothing, not even keep-alive pings: a consumer that
/// stalls for more than 1.5 × ``MqttClientConfiguration/keepAlive`` makes the broker drop the
/// connection, after which the client reconnects and (with a clean session) what the broker held
/// for it is gone. ``MqttClientStatus/overloadWaits`` counts the waits.
///
/// **Delivery.** QoS 1 messages are acknowledged to the broker by libmosquitto before they are
/// queued, so messages still queued at shutdown are lost unless ``nextBatch(maxCount:)`` drains
/// them. See ``publish(topic:payload:qos:retain:)`` for what an acknowledged publish means.
///
/// **Status.** ``status()`` is a cheap, thread-safe snapshot for the status endpoint.
///
/// Not for: QoS 2, MQTT 5 properties, last-will messages, or more than one consumer expecting
/// to see every message (each message goes to exactly one ``nextBatch(maxCount:)`` call).
public final class MqttClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: MqttClientConfiguration
    let context: MqttClientContext
    /// Told of every message published: see ``init(configuration:logger:publishObserver:)``.
    let publishObserver: PublishObserver?

    /// Called once per message published — a QoS 0 message when libmosquitto has taken it (with
    /// `.zero`), a QoS 1 message when the broker's PUBACK arrives, with the time since it was sent —
    /// on the thread that awaited it. Keep it cheap: it runs on the publishing path (metrics).
    public typealias PublishObserver = @Sendable (_ qos: MqttQoS, _ latency: Duration) -> Void
    /// The libmosquitto handle; `nil` once destroyed. Calls into the library from any thread
    /// but the network thread hold this lock, so the handle cannot be destroyed under them.
    private let handle: Mutex<MosquittoHandle?>
    private let stopSignal: StopSignal
    private let lifecycle = Mutex(Lifecycle.idle)

    private enum Lifecycle {
        case idle
        case running(DedicatedThread)
        case stopping
        case stopped
    }

    /// Creates a client (not yet connecting; call ``start()``) and applies the configuration to
    /// libmosquitto.
    ///
    /// - Parameter logger: receives connects, disconnects, failed attempts and subscriptions,
    ///   each with `mqtt.broker` and `mqtt.client_id` metadata; never anything per message.
    /// - Throws: ``MosquittoError`` if libmosquitto rejects the configuration, or a TLS file
    ///   (CA, certificate, key) is not readable.
    /// - Parameter publishObserver: told of each message published, for metrics.
    /// - Precondition: the configuration's values are in range (see ``MqttClientConfiguration``).
    public init(configuration: MqttClientConfiguration, logger: Logger, publishObserver: PublishObserver? = nil) throws(MosquittoError) {
        configuration.checkPreconditions()
        self.publishObserver = publishObserver
        try Mosquitto.initializeLibrary()
        self.configuration = configuration
        let context = MqttClientContext(configuration: configuration, logger: logger)
        self.context = context
        stopSignal = try StopSignal()

        let userdata = Unmanaged.passRetained(context)
        guard let pointer = mosquitto_new(configuration.clientID, configuration.cleanSession, userdata.toOpaque()) else {
            let error = MosquittoError(function: "mosquitto_new", subject: configuration.clientID, errno: errno)
            userdata.release()
            throw error
        }
        do {
            try Self.configure(pointer, with: configuration)
        } catch {
            mosquitto_destroy(pointer)
            userdata.release()
            throw error
        }
        MqttClientContext.installCallbacks(on: pointer)
        handle = Mutex(MosquittoHandle(pointer: pointer))
    }

    deinit {
        // Normally `shutdown()` has run and this does nothing; otherwise tear down here,
        // blocking while the network thread ends.
        if case .owner(let thread) = beginTeardown() {
            thread?.join()
            finishTeardown()
        }
    }

    /// Starts connecting in the background and returns at once. The client then keeps
    /// (re)connecting until ``shutdown()``, even if the broker is not up yet; watch ``status()``.
    ///
    /// - Throws: ``MosquittoError`` if the network thread cannot be created.
    /// - Precondition: called once, before ``shutdown()``.
    public func start() throws(MosquittoError) {
        try lifecycle.withLock { (lifecycle) throws(MosquittoError) in
            guard case .idle = lifecycle else { preconditionFailure("MqttClient.start() called twice or after shutdown()") }
            context.markStarting()
            let loop = MqttNetworkLoop(handle: handle.withLock { $0! }, context: context, stopSignal: stopSignal)
            let name = "mqtt " + configuration.clientID
            do throws(ThreadStartError) {
                lifecycle = .running(try DedicatedThread.start(name: name) { loop.run() })
            } catch {
                throw MosquittoError(function: "pthread_create", subject: name, errno: error.errorNumber)
            }
        }
    }

    /// Subscribes to `filter` now if connected, and again after every reconnect.
    ///
    /// Subscribing before ``start()`` is fine (and typical). Subscribing to a filter again
    /// changes its QoS. Whether the broker granted it shows in ``MqttClientStatus/activeSubscriptions``;
    /// a refusal is logged and becomes ``MqttClientStatus/lastError``.
    ///
    /// - Parameters:
    ///   - filter: an MQTT topic filter, `+` and `#` wildcards allowed, e.g. `sensors/+/temperature`.
    ///   - qos: the highest QoS to receive at; the default, QoS 1, makes the broker hold
    ///     messages while the client cannot take them.
    /// - Throws: ``MosquittoError`` if `filter` is not a valid topic filter.
    public func subscribe(_ filter: String, qos: MqttQoS = .atLeastOnce) throws(MosquittoError) {
        // mosquitto_sub_topic_check accepts "", which MQTT does not (nor does the broker).
        let validity = filter.isEmpty ? MOSQ_ERR_INVAL.rawValue : mosquitto_sub_topic_check(filter)
        try Mosquitto.check("mosquitto_sub_topic_check", subject: filter, validity)
        let ticket = context.shared.withLock { shared in shared.subscriptions.record(filter: filter, qos: qos) }
        guard let ticket else {
            context.logger.info("MQTT subscription recorded", metadata: ["mqtt.filter": .string(filter)])
            return
        }
        context.sendSubscribe(filter, qos: qos, ticket: ticket, isResubscription: false) { messageID in
            withHandle { handle in
                mosquitto_subscribe(handle.pointer, &messageID, filter, qos.rawValue)
            } ?? MOSQ_ERR_NO_CONN.rawValue
        }
        context.shared.withLock { shared in shared.subscriptions.finish(ticket) }
    }

    /// The next received messages, oldest first: waits until at least one is queued and returns
    /// up to `maxCount` of them.
    ///
    /// - Returns: 1 to `maxCount` messages; `nil` after ``shutdown()`` once the messages still
    ///   queued have been returned, and when the calling task is cancelled while waiting.
    public func nextBatch(maxCount: Int = 256) async -> [MqttMessage]? {
        await context.queue.nextBatch(maxCount: maxCount)
    }

    /// A snapshot of the connection state and counters; thread-safe and cheap enough to poll.
    public func status() -> MqttClientStatus {
        context.status()
    }

    /// Stops the client for good: drops the connection (sending DISCONNECT if connected), ends
    /// the network thread and frees libmosquitto's resources.
    ///
    /// Publishes still waiting for an acknowledgement throw ``MqttPublishError/clientStopped``;
    /// ``nextBatch(maxCount:)`` returns every message received before the connection closed
    /// (libmosquitto has acknowledged them, so the broker no longer holds them), then `nil` once
    /// the network thread has ended. Keep consuming until then. Returns once the
    /// network thread has ended (normally within milliseconds; at most a few seconds while
    /// DISCONNECT cannot be sent). Safe to call more than once and concurrently; later calls
    /// wait for the first to finish.
    public func shutdown() async {
        switch beginTeardown() {
        case .owner(let thread):
            if let thread {
                while !thread.isFinished { try? await Task.sleep(for: .milliseconds(5)) }
                thread.join()
            }
            finishTeardown()
        case .other:
            while !isStopped { try? await Task.sleep(for: .milliseconds(5)) }
        }
    }

    /// Runs `body` with the handle under the handle lock (so it cannot be destroyed meanwhile);
    /// `nil` if it has been destroyed.
    func withHandle<Result: Sendable>(_ body: (MosquittoHandle) -> Result) -> Result? {
        handle.withLock { handle in handle.map(body) }
    }

    // MARK: Teardown, in the order libmosquitto needs: unblock the network thread, disconnect,
    // end the thread, destroy the handle, release the context.

    /// Who finishes a teardown.
    private enum TeardownRole {
        /// This call: join the thread (if one was started), then call `finishTeardown()`.
        case owner(DedicatedThread?)
        /// Another call is tearing down or has done so.
        case other
    }

    /// Starts shutting down, unless that has begun already.
    private func beginTeardown() -> TeardownRole {
        let previous = lifecycle.withLock { lifecycle -> Lifecycle in
            let previous = lifecycle
            switch lifecycle {
            case .idle, .running: lifecycle = .stopping
            case .stopping, .stopped: break
            }
            return previous
        }
        let thread: DedicatedThread?
        switch previous {
        case .idle: thread = nil
        case .running(let running): thread = running
        case .stopping, .stopped: return .other
        }
        // Marked first, so that the on_disconnect our own DISCONNECT causes is not taken for a failure.
        context.beginStopping()
        // Wakes the network thread if it waits for room in the queue: it must get back to the
        // loop. Its message is kept (libmosquitto has acknowledged it already), and so is any that
        // comes before DISCONNECT is sent; the queue closes once the thread has ended.
        context.queue.stopBlocking()
        let disconnectSent = handle.withLock { handle in
            guard let handle, thread != nil else { return false }
            return mosquitto_disconnect(handle.pointer) == MOSQ_ERR_SUCCESS.rawValue
        }
        context.allowNetworkThreadToFinish(within: disconnectSent ? MqttClientContext.disconnectGracePeriod : .zero)
        stopSignal.signal()
        return .owner(thread)
    }

    /// Destroys the handle once the network thread has ended, and releases the context that
    /// libmosquitto held.
    private func finishTeardown() {
        handle.withLock { handle in
            guard let destroyed = handle else { return }
            handle = nil
            mosquitto_destroy(destroyed.pointer)
            Unmanaged.passUnretained(context).release()
        }
        // No producer is left: the consumer gets what is still queued, then `nil`.
        context.queue.close()
        context.markStopped()
        lifecycle.withLock { $0 = .stopped }
    }

    private var isStopped: Bool {
        lifecycle.withLock { lifecycle in
            if case .stopped = lifecycle { return true }
            return false
        }
    }

    // MARK: libmosquitto setup

    /// Applies `configuration` to a new handle.
    private static func configure(_ handle: OpaquePointer, with configuration: MqttClientConfiguration) throws(MosquittoError) {
        // Our own thread runs the loop while others publish: libmosquitto must lock (its docs).
        try Mosquitto.check("mosquitto_threaded_set", mosquitto_threaded_set(handle, true))
        try Mosquitto.check(
            "mosquitto_int_option", subject: "MOSQ_OPT_PROTOCOL_VERSION",
            mosquitto_int_option(handle, MOSQ_OPT_PROTOCOL_VERSION, configuration.protocolVersion.mosquittoValue))
        // Neither libmosquitto nor the broker disables Nagle by default; small messages then
        // meet the 40 ms delayed-ACK timer.
        try Mosquitto.check(
            "mosquitto_int_option", subject: "MOSQ_OPT_TCP_NODELAY",
            mosquitto_int_option(handle, MOSQ_OPT_TCP_NODELAY, 1))
        try Mosquitto.check(
            "mosquitto_int_option", subject: "MOSQ_OPT_SEND_MAXIMUM",
            mosquitto_int_option(handle, MOSQ_OPT_SEND_MAXIMUM, Int32(configuration.maxInflightMessages)))
        if let username = configuration.username {
            try Mosquitto.check(
                "mosquitto_username_pw_set", subject: username,
                mosquitto_username_pw_set(handle, username, configuration.password))
        }
        if configuration.useTLS {
            try configureTLS(handle, with: configuration)
        }
    }

    /// Certificate-verifying TLS: the broker's certificate must chain to a trusted CA and name the host.
    private static func configureTLS(_ handle: OpaquePointer, with configuration: MqttClientConfiguration) throws(MosquittoError) {
        let caDirectory = configuration.caDirectory
            ?? (configuration.caFile == nil ? MqttClientConfiguration.systemCADirectory : nil)
        // libmosquitto only says "Invalid function arguments provided." for a file it cannot read.
        for path in [configuration.caFile, caDirectory, configuration.certFile, configuration.keyFile] {
            guard let path else { continue }
            if access(path, R_OK) != 0 { throw MosquittoError(function: "mosquitto_tls_set", subject: path, errno: errno) }
        }
        try Mosquitto.check(
            "mosquitto_tls_set", subject: configuration.caFile ?? caDirectory,
            mosquitto_tls_set(
                handle, configuration.caFile, caDirectory, configuration.certFile, configuration.keyFile, nil))
    }
}
