/// The topic filters a client subscribes to, and which of them the broker has granted on the
/// current connection.
///
/// A pure value kept under the client's lock. Filters are recorded once and sent again on every
/// connect (``connectionEstablished()``), because a clean session starts with none. SUBACKs are
/// matched to filters by message id; a SUBACK that overtakes the registration of its id (the
/// network thread can read it before ``MqttClient/subscribe(_:qos:)`` has registered the id it
/// got from `mosquitto_subscribe`) is held until then, like ``PublishTracker`` does for PUBACKs.
struct SubscriptionRegistry {
    /// A filter and the QoS asked for, in the order first subscribed.
    struct Subscription: Hashable, Sendable {
        var filter: String
        var qos: MqttQoS
    }

    /// Identifies the connection a SUBSCRIBE was sent on.
    struct Ticket: Hashable, Sendable {
        fileprivate let connection: UInt64
    }

    /// What the broker said to a SUBSCRIBE.
    enum Outcome: Hashable, Sendable {
        /// Granted, with the QoS the broker will deliver at (at most the one asked for).
        case granted(filter: String, qos: MqttQoS)
        /// Refused (SUBACK return code 0x80 or above), e.g. denied by the broker's ACL.
        case refused(filter: String, code: Int32)
    }

    /// Recorded subscriptions, in the order first subscribed.
    private(set) var subscriptions: [Subscription] = []
    /// Filters granted on the current connection.
    private(set) var granted: Set<String> = []
    private var connection: UInt64 = 0
    private var isConnected = false
    private var awaitingAcknowledgement: [Int32: String] = [:]
    private var earlyAcknowledgements: [Int32: Int32] = [:]
    private var inProgress = 0

    /// Records `filter` (replacing the QoS of one recorded before).
    ///
    /// - Returns: a ticket if connected — send the SUBSCRIBE now, then report it with
    ///   ``sent(messageID:filter:ticket:)`` or ``abandon(_:)`` — or `nil` if the next connect will send it.
    mutating func record(filter: String, qos: MqttQoS) -> Ticket? {
        if let index = subscriptions.firstIndex(where: { $0.filter == filter }) {
            subscriptions[index].qos = qos
        } else {
            subscriptions.append(Subscription(filter: filter, qos: qos))
        }
        guard isConnected else { return nil }
        inProgress += 1
        return Ticket(connection: connection)
    }

    /// A connection was accepted: forget the previous one's grants.
    ///
    /// - Returns: every recorded subscription, to send now, and the ticket to report them with.
    mutating func connectionEstablished() -> (subscriptions: [Subscription], ticket: Ticket) {
        connection += 1
        isConnected = true
        granted = []
        awaitingAcknowledgement = [:]
        inProgress += 1
        return (subscriptions, Ticket(connection: connection))
    }

    /// The connection ended: nothing is granted any more.
    mutating func connectionLost() {
        connection += 1
        isConnected = false
        granted = []
        awaitingAcknowledgement = [:]
    }

    /// A SUBSCRIBE for `filter` went out with `messageID` under `ticket`; call once per filter,
    /// then ``finish(_:)`` once per ticket.
    ///
    /// - Returns: the outcome if its SUBACK already arrived.
    mutating func sent(messageID: Int32, filter: String, ticket: Ticket) -> Outcome? {
        if let code = earlyAcknowledgements.removeValue(forKey: messageID) {
            return apply(code: code, to: filter, ticket: ticket)
        }
        if ticket.connection == connection { awaitingAcknowledgement[messageID] = filter }
        return nil
    }

    /// Ends what a ticket started (whether or not anything was sent).
    mutating func finish(_ ticket: Ticket) {
        inProgress -= 1
        precondition(inProgress >= 0, "subscription ticket finished twice")
        if inProgress == 0 { earlyAcknowledgements = [:] }
    }

    /// A SUBACK arrived with `code` (the granted QoS, or 0x80 and above for a refusal).
    ///
    /// - Returns: the outcome, if the message id is known.
    mutating func acknowledged(messageID: Int32, code: Int32) -> Outcome? {
        guard let filter = awaitingAcknowledgement.removeValue(forKey: messageID) else {
            if inProgress > 0 { earlyAcknowledgements[messageID] = code }
            return nil
        }
        return apply(code: code, to: filter, ticket: Ticket(connection: connection))
    }

    private mutating func apply(code: Int32, to filter: String, ticket: Ticket) -> Outcome {
        guard let qos = MqttQoS(rawValue: code) else { return .refused(filter: filter, code: code) }
        if ticket.connection == connection && isConnected { granted.insert(filter) }
        return .granted(filter: filter, qos: qos)
    }
}
