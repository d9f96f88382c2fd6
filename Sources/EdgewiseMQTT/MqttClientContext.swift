import CMosquitto
import Logging
import Synchronization

/// The part of an ``MqttClient`` that libmosquitto's callbacks reach: shared state, the receive
/// queue and the logger.
///
/// Passed to libmosquitto as the `void *` userdata (retained with `Unmanaged` for as long as the
/// `struct mosquitto` exists) and recovered in the `@convention(c)` callbacks, which run on the
/// network thread (see `MqttClientContext+Callbacks.swift`). Everything mutable is behind
/// `shared` (a `Mutex`) or atomic; continuations are resumed after the lock is released.
final class MqttClientContext: Sendable {
    let configuration: MqttClientConfiguration
    /// Carries `mqtt.broker` and `mqtt.client_id` on every entry.
    let logger: Logger
    let queue: BoundedMessageQueue<MqttMessage>
    /// Counted outside `shared`: it changes for every message, and status readers should not
    /// contend with the network thread for it.
    let messagesReceived = Atomic<Int>(0)
    let shared: Mutex<SharedState>

    /// A publish waiting for its PUBACK.
    typealias PublishWaiter = CheckedContinuation<PublishOutcome, Never>

    /// How long the network thread may keep a connection open after shutdown began, to send
    /// DISCONNECT.
    static let disconnectGracePeriod = Duration.seconds(2)

    /// The client's mutable state; only touched under `shared`'s lock.
    struct SharedState {
        var state: MqttConnectionState = .idle
        var since: Int64 = WallClock.nowMilliseconds()
        var lastError: String?
        /// When `lastError` happened, wall-clock milliseconds.
        var lastErrorAt: Int64?
        var messagesPublished = 0
        var reconnects = 0
        var hasEverConnected = false
        /// Between a successful `mosquitto_connect_async`/`reconnect_async` and the end of that
        /// connection, whether or not the broker accepted it.
        var sessionIsOpen = false
        /// A CONNACK refusal in the open session: the best explanation for its end.
        var refusal: MqttConnectionRefusedError?
        /// Whether some session was accepted since the network thread last asked.
        var acceptedSinceLastAsked = false
        var subscriptions = SubscriptionRegistry()
        var publishes = PublishTracker<PublishWaiter>()
        var isStopping = false
        /// When the network thread must let go of the connection during shutdown.
        var stopDeadline: ContinuousClock.Instant?
        /// The last connection problem logged at warning level; repeats go to debug.
        var lastLoggedProblem: String?
    }

    init(configuration: MqttClientConfiguration, logger: Logger) {
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "mqtt.broker"] = .string(configuration.brokerAddress)
        logger[metadataKey: "mqtt.client_id"] = .string(configuration.clientID)
        self.logger = logger
        queue = BoundedMessageQueue(capacity: configuration.receiveQueueCapacity)
        shared = Mutex(SharedState())
    }

    // MARK: Status

    /// A consistent snapshot of state and counters.
    func status() -> MqttClientStatus {
        let queueStatistics = queue.currentStatistics
        let received = messagesReceived.load(ordering: .relaxed)
        return shared.withLock { shared in
            MqttClientStatus(
                state: shared.state, since: shared.since, lastError: shared.lastError,
                messagesReceived: received, messagesPublished: shared.messagesPublished,
                reconnects: shared.reconnects,
                overloadWaits: queueStatistics.overloadWaits, overloadWaitTime: queueStatistics.overloadWaitTime,
                queuedMessages: queueStatistics.count, queueHighWaterMark: queueStatistics.highWaterMark,
                queueCapacity: queue.capacity,
                subscriptions: shared.subscriptions.subscriptions.count,
                activeSubscriptions: shared.subscriptions.granted.count,
                publishesAwaitingAcknowledgement: shared.publishes.waitingCount, lastErrorAt: shared.lastErrorAt)
        }
    }

    /// Whether shutdown has begun.
    var isStopping: Bool { shared.withLock { $0.isStopping } }

    // MARK: Lifecycle (called by MqttClient)

    /// `start()` was called.
    func markStarting() {
        shared.withLock { shared in
            shared.state = .connecting
            shared.since = WallClock.nowMilliseconds()
        }
        logger.info("MQTT client starting")
    }

    /// Shutdown begins: fail waiting publishes, stop accepting new ones. The network thread
    /// keeps the connection until ``allowNetworkThreadToFinish(within:)``.
    func beginStopping() {
        let waiters = shared.withLock { shared in
            shared.isStopping = true
            return shared.publishes.stop()
        }
        for waiter in waiters { waiter.resume(returning: .clientStopped) }
    }

    /// Lets the network thread leave the loop once `gracePeriod` (time to send DISCONNECT) is over.
    func allowNetworkThreadToFinish(within gracePeriod: Duration) {
        shared.withLock { shared in shared.stopDeadline = ContinuousClock.now + gracePeriod }
    }

    /// Shutdown finished: the network thread has ended and the handle is destroyed.
    func markStopped() {
        shared.withLock { shared in
            shared.state = .stopped
            shared.since = WallClock.nowMilliseconds()
            shared.sessionIsOpen = false
            shared.subscriptions.connectionLost()
        }
        logger.info("MQTT client stopped")
    }

    // MARK: Events from the network thread

    /// `mosquitto_connect_async`/`reconnect_async` succeeded: the connection is under way.
    func sessionStarted() {
        shared.withLock { shared in
            shared.sessionIsOpen = true
            shared.refusal = nil
        }
    }

    /// `mosquitto_connect_async`/`reconnect_async` failed at once (e.g. the host name does not
    /// resolve). Refused TCP connections and TLS failures arrive later, through the loop.
    func connectAttemptFailed(_ error: MosquittoError) {
        connectionEnded(reason: "\(error)")
    }

    /// `mosquitto_loop` returned `code`: the session is over. Normally `on_disconnect` has
    /// already reported it; if not, this does.
    func sessionEnded(code: Int32) {
        connectionClosed(code: code)
    }

    /// Whether the network thread should stop running the loop (shutdown, grace period over).
    func shouldLeaveLoop() -> Bool {
        shared.withLock { shared in
            guard shared.isStopping, let deadline = shared.stopDeadline else { return false }
            return ContinuousClock.now >= deadline
        }
    }

    /// Whether a connection was accepted since the last call: the backoff starts over.
    func takeAcceptedConnection() -> Bool {
        shared.withLock { shared in
            defer { shared.acceptedSinceLastAsked = false }
            return shared.acceptedSinceLastAsked
        }
    }

    /// The connection (or attempt) ended with libmosquitto code `code` (`on_disconnect`);
    /// reported once per session, whoever comes first.
    func connectionClosed(code: Int32) {
        let error = MosquittoError(function: "connection", subject: configuration.brokerAddress, code: code)
        let (wasOpen, refusal) = shared.withLock { shared -> (Bool, MqttConnectionRefusedError?) in
            guard shared.sessionIsOpen else { return (false, nil) }
            shared.sessionIsOpen = false
            return (true, shared.refusal)
        }
        guard wasOpen else { return }
        if code == MOSQ_ERR_SUCCESS.rawValue && isStopping {
            // Our own mosquitto_disconnect during shutdown: not a problem to report.
            connectionEnded(reason: nil)
        } else if let refusal {
            connectionEnded(reason: "\(refusal)")
        } else {
            connectionEnded(reason: "connection to \(configuration.brokerAddress) ended: \(error.reason) (code \(code))")
        }
    }

    /// Common handling of a connection or attempt that ended; `reason` is `nil` for a clean
    /// shutdown.
    private func connectionEnded(reason: String?) {
        let (waiters, wasConnected, logAsWarning) = shared.withLock { shared in
            let wasConnected = shared.state == .connected
            shared.sessionIsOpen = false
            shared.subscriptions.connectionLost()
            let waiters = shared.publishes.connectionLost()
            guard let reason, !shared.isStopping else { return (waiters, wasConnected, false) }
            shared.lastError = reason
            shared.lastErrorAt = WallClock.nowMilliseconds()
            if case .disconnected = shared.state {
                shared.state = .disconnected(reason: reason)
            } else {
                shared.state = .disconnected(reason: reason)
                shared.since = WallClock.nowMilliseconds()
            }
            let isNew = shared.lastLoggedProblem != reason
            shared.lastLoggedProblem = reason
            return (waiters, wasConnected, wasConnected || isNew)
        }
        for waiter in waiters { waiter.resume(returning: .connectionLost) }
        guard let reason else { return }
        let metadata: Logger.Metadata = ["mqtt.reason": .string(reason)]
        if wasConnected {
            logger.warning("MQTT disconnected", metadata: metadata)
        } else if logAsWarning {
            logger.warning("MQTT connection attempt failed", metadata: metadata)
        } else {
            logger.debug("MQTT connection attempt failed", metadata: metadata)
        }
    }

    /// The broker answered CONNECT with `code` (`on_connect`); on success, sends the recorded
    /// subscriptions on `handle` (the network thread's own).
    func connectionAcknowledged(code: Int32, handle: OpaquePointer) {
        guard code == 0 else {
            let refusal = MqttConnectionRefusedError(code: code, protocolVersion: configuration.protocolVersion)
            shared.withLock { shared in shared.refusal = refusal }
            return  // libmosquitto closes the connection next and calls on_disconnect.
        }
        let (isReconnect, subscriptions, ticket) = shared.withLock { shared in
            let isReconnect = shared.hasEverConnected
            if isReconnect { shared.reconnects += 1 }
            shared.hasEverConnected = true
            shared.acceptedSinceLastAsked = true
            shared.lastLoggedProblem = nil
            shared.state = .connected
            shared.since = WallClock.nowMilliseconds()
            let (subscriptions, ticket) = shared.subscriptions.connectionEstablished()
            return (isReconnect, subscriptions, ticket)
        }
        logger.info("MQTT connected", metadata: ["mqtt.reconnect": .stringConvertible(isReconnect)])
        for subscription in subscriptions {
            sendSubscribe(subscription.filter, qos: subscription.qos, ticket: ticket, isResubscription: true) { messageID in
                mosquitto_subscribe(handle, &messageID, subscription.filter, subscription.qos.rawValue)
            }
        }
        shared.withLock { shared in shared.subscriptions.finish(ticket) }
    }

    /// Sends one SUBSCRIBE through `call` (which runs `mosquitto_subscribe`) and records its id.
    func sendSubscribe(
        _ filter: String, qos: MqttQoS, ticket: SubscriptionRegistry.Ticket, isResubscription: Bool,
        _ call: (inout Int32) -> Int32
    ) {
        var messageID: Int32 = 0
        let code = call(&messageID)
        guard code == MOSQ_ERR_SUCCESS.rawValue else {
            // Not connected any more, typically: the next connect sends it again.
            let error = MosquittoError(function: "mosquitto_subscribe", subject: filter, code: code)
            logger.warning("MQTT subscribe failed", metadata: ["mqtt.filter": .string(filter), "mqtt.reason": .string("\(error)")])
            return
        }
        let outcome = shared.withLock { shared in
            shared.subscriptions.sent(messageID: messageID, filter: filter, ticket: ticket)
        }
        let metadata: Logger.Metadata = ["mqtt.filter": .string(filter), "mqtt.qos": .stringConvertible(qos.rawValue)]
        if isResubscription {
            logger.debug("MQTT subscribing", metadata: metadata)
        } else {
            logger.info("MQTT subscribing", metadata: metadata)
        }
        if let outcome { subscriptionAcknowledged(outcome) }
    }

    /// The broker answered a SUBSCRIBE (`on_subscribe`).
    func subscriptionAcknowledged(messageID: Int32, codes: UnsafeBufferPointer<Int32>) {
        // Edgewise subscribes one filter per SUBSCRIBE, so there is one code.
        let code = codes.first ?? 0x80
        let outcome = shared.withLock { shared in shared.subscriptions.acknowledged(messageID: messageID, code: code) }
        if let outcome { subscriptionAcknowledged(outcome) }
    }

    private func subscriptionAcknowledged(_ outcome: SubscriptionRegistry.Outcome) {
        switch outcome {
        case .granted(let filter, let qos):
            logger.debug("MQTT subscribed", metadata: ["mqtt.filter": .string(filter), "mqtt.qos": .stringConvertible(qos.rawValue)])
        case .refused(let filter, let code):
            let reason = "the MQTT broker refused the subscription to '\(filter)' (SUBACK code \(code))"
            shared.withLock { shared in
                shared.lastError = reason
                shared.lastErrorAt = WallClock.nowMilliseconds()
            }
            logger.warning("MQTT subscription refused", metadata: ["mqtt.filter": .string(filter), "mqtt.reason": .string(reason)])
        }
    }

    /// The broker acknowledged the publish `messageID` (`on_publish`; also called for QoS 0
    /// messages once written, which nobody waits for).
    func publishAcknowledged(messageID: Int32, reasonCode: Int32) {
        let waiter = shared.withLock { shared in
            shared.publishes.acknowledge(messageID: messageID, reasonCode: reasonCode)
        }
        waiter?.resume(returning: .acknowledged(reasonCode: reasonCode))
    }

    // MARK: Publishing (called by MqttClient.publish)

    /// Starts a publish if connected.
    func beginPublish() -> Result<PublishTracker<PublishWaiter>.Ticket, MqttPublishError> {
        shared.withLock { shared in
            if shared.isStopping { return .failure(.clientStopped) }
            guard shared.state == .connected else { return .failure(.notConnected) }
            return .success(shared.publishes.begin())
        }
    }

    /// Ends a publish that nobody will wait for; counts it as published if `published`.
    func endPublish(_ ticket: PublishTracker<PublishWaiter>.Ticket, published: Bool) {
        shared.withLock { shared in
            shared.publishes.abandon(ticket)
            if published { shared.messagesPublished += 1 }
        }
    }

    /// Waits for the PUBACK of `messageID`, sent under `ticket`.
    func awaitAcknowledgement(messageID: Int32, ticket: PublishTracker<PublishWaiter>.Ticket) async -> PublishOutcome {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: PublishWaiter) in
                let outcome = shared.withLock { shared -> PublishOutcome? in
                    if let outcome = shared.publishes.register(messageID: messageID, ticket: ticket, waiter: continuation) {
                        return outcome
                    }
                    // Cancelled before the waiter was registered: the handler below found nothing.
                    if Task.isCancelled, shared.publishes.cancel(messageID: messageID) != nil { return .cancelled }
                    return nil
                }
                if let outcome { continuation.resume(returning: outcome) }
            }
        } onCancel: {
            let waiter = shared.withLock { shared in shared.publishes.cancel(messageID: messageID) }
            waiter?.resume(returning: .cancelled)
        }
    }

    /// A QoS 1 publish was acknowledged with success.
    func countPublished() {
        shared.withLock { shared in shared.messagesPublished += 1 }
    }

    /// A message arrived (`on_message`): copy it out and queue it, blocking while the queue is full.
    func messageReceived(_ message: UnsafePointer<mosquitto_message>) {
        let receivedAt = WallClock.nowMilliseconds()
        let raw = message.pointee
        let topic = String(cString: raw.topic)
        let payload: [UInt8]
        if let bytes = raw.payload, raw.payloadlen > 0 {
            payload = Array(UnsafeRawBufferPointer(start: bytes, count: Int(raw.payloadlen)))
        } else {
            payload = []
        }
        let copy = MqttMessage(
            topic: topic, payload: payload, qos: MqttQoS(rawValue: raw.qos) ?? .atMostOnce, retain: raw.retain,
            receivedAt: receivedAt)
        messagesReceived.add(1, ordering: .relaxed)
        // Never refused: the queue closes only once this thread has ended. libmosquitto has sent (or
        // queued) the PUBACK already, so a message dropped here would be lost for good.
        queue.enqueue(copy)
    }
}
