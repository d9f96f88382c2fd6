/// Matches QoS 1 publishes to their PUBACKs, so that ``MqttClient/publish(topic:payload:qos:retain:)``
/// returns when — and only when — the broker has acknowledged the message.
///
/// A pure value, kept under the client's lock; its methods say which waiter to resume with what,
/// and the caller resumes it after unlocking. `Waiter` is a continuation in the client and a
/// plain value in tests.
///
/// The two races it settles:
/// - **PUBACK before registration.** libmosquitto assigns the message id inside
///   `mosquitto_publish`, and the network thread may receive the PUBACK before the publishing
///   thread gets to register a waiter for that id. While publishes are in progress
///   (``begin()`` … ``register(messageID:ticket:waiter:)``/``abandon(_:)``) acknowledgements for
///   unknown ids are kept, and registration looks there first. Outside such windows they are
///   dropped, so the set stays small.
/// - **Connection lost before the PUBACK.** ``connectionLost()`` fails every waiter, and a
///   publish whose call straddled the loss (its ticket is from an older connection) fails at
///   registration: never a false "acknowledged", never a wait across reconnects. libmosquitto
///   still holds such messages and resends them (with DUP set) after reconnecting; their late
///   PUBACKs find no waiter and are ignored.
///
/// The one mix-up left would need a late PUBACK for message id N to arrive while a new publish
/// was also given id N: libmosquitto hands out ids in sequence modulo 65535, so that takes 65535
/// further publishes while the old message stays unacknowledged across reconnects.
struct PublishTracker<Waiter> {
    /// Identifies the connection a publish started on; see ``begin()``.
    struct Ticket: Hashable, Sendable {
        fileprivate let connection: UInt64
    }

    /// Counts connections; bumped whenever one ends.
    private var connection: UInt64 = 0
    /// Publishes between ``begin()`` and registration (or ``abandon(_:)``).
    private var inProgress = 0
    private var waiters: [Int32: Waiter] = [:]
    /// PUBACK reason codes for ids nobody waited for yet; only kept while `inProgress > 0`.
    private var earlyAcknowledgements: [Int32: Int32] = [:]
    private var isStopped = false

    /// Publishes that are registered and waiting for their PUBACK.
    var waitingCount: Int { waiters.count }

    /// Starts a publish on the current connection; call before `mosquitto_publish` and follow
    /// up with ``register(messageID:ticket:waiter:)`` or ``abandon(_:)``.
    mutating func begin() -> Ticket {
        inProgress += 1
        return Ticket(connection: connection)
    }

    /// Ends a publish that will not be registered (QoS 0, or `mosquitto_publish` failed).
    mutating func abandon(_ ticket: Ticket) {
        finishInProgress()
    }

    /// Registers `waiter` for the PUBACK of `messageID`, sent under `ticket`.
    ///
    /// - Returns: the outcome if it is already known (PUBACK received, connection lost, client
    ///   stopped): resume the waiter with it. `nil` if the waiter now waits.
    mutating func register(messageID: Int32, ticket: Ticket, waiter: Waiter) -> PublishOutcome? {
        defer { finishInProgress() }
        if let reasonCode = earlyAcknowledgements.removeValue(forKey: messageID) {
            return .acknowledged(reasonCode: reasonCode)
        }
        if isStopped { return .clientStopped }
        if ticket.connection != connection { return .connectionLost }
        waiters[messageID] = waiter
        return nil
    }

    /// A PUBACK arrived (libmosquitto's `on_publish`).
    ///
    /// - Returns: the waiter to resume with ``PublishOutcome/acknowledged(reasonCode:)``, if any.
    mutating func acknowledge(messageID: Int32, reasonCode: Int32) -> Waiter? {
        if let waiter = waiters.removeValue(forKey: messageID) { return waiter }
        if inProgress > 0 { earlyAcknowledgements[messageID] = reasonCode }
        return nil
    }

    /// The waiting task for `messageID` was cancelled.
    ///
    /// - Returns: its waiter, to resume with ``PublishOutcome/cancelled``; `nil` if it was already resumed.
    mutating func cancel(messageID: Int32) -> Waiter? {
        waiters.removeValue(forKey: messageID)
    }

    /// The connection ended: every waiting publish fails, and so will publishes that began on it.
    ///
    /// - Returns: the waiters to resume with ``PublishOutcome/connectionLost``.
    mutating func connectionLost() -> [Waiter] {
        connection += 1
        return removeAllWaiters()
    }

    /// The client is shutting down: every waiting and later publish fails.
    ///
    /// - Returns: the waiters to resume with ``PublishOutcome/clientStopped``.
    mutating func stop() -> [Waiter] {
        isStopped = true
        connection += 1
        return removeAllWaiters()
    }

    private mutating func removeAllWaiters() -> [Waiter] {
        let removed = Array(waiters.values)
        waiters = [:]
        return removed
    }

    private mutating func finishInProgress() {
        inProgress -= 1
        precondition(inProgress >= 0, "publish finished twice")
        if inProgress == 0 { earlyAcknowledgements = [:] }
    }
}

/// What became of a QoS 1 publish; see ``PublishTracker``.
enum PublishOutcome: Hashable, Sendable {
    /// The broker acknowledged it with this reason code (0 = success; MQTT 3.1.1 always 0).
    case acknowledged(reasonCode: Int32)
    /// The connection it was sent on ended first.
    case connectionLost
    /// The client shut down first.
    case clientStopped
    /// The waiting task was cancelled.
    case cancelled
}

