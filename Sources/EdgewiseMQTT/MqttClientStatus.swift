/// A snapshot of an ``MqttClient``'s connection and counters, for the status endpoint and metrics.
///
/// Taken under the client's lock by ``MqttClient/status()``: consistent in itself, and cheap
/// enough to poll.
public struct MqttClientStatus: Sendable, Hashable {
    /// The connection state.
    public var state: MqttConnectionState
    /// When the client entered `state`: wall-clock milliseconds since the Unix epoch. Failed
    /// retries while `disconnected` do not move it.
    public var since: Int64
    /// The most recent problem (connection refused or lost, a failed attempt, a refused
    /// subscription), kept after the client recovers; `nil` if there has been none.
    public var lastError: String?
    /// When `lastError` happened: wall-clock milliseconds since the Unix epoch; `nil` with no error.
    public var lastErrorAt: Int64?
    /// Messages received from the broker (whether or not the consumer has taken them yet).
    public var messagesReceived: Int
    /// Messages published: QoS 0 ones handed to libmosquitto, QoS 1 ones acknowledged by the broker.
    public var messagesPublished: Int
    /// Connections accepted after the first one.
    public var reconnects: Int
    /// How often the network thread found the receive queue full and had to wait for the consumer.
    public var overloadWaits: Int
    /// How long the network thread waited for room in the receive queue, in total.
    public var overloadWaitTime: Duration
    /// Messages received and not yet taken by the consumer.
    public var queuedMessages: Int
    /// The most messages the receive queue has held at once (never above `queueCapacity`).
    public var queueHighWaterMark: Int
    /// The receive queue's capacity.
    public var queueCapacity: Int
    /// Topic filters recorded with ``MqttClient/subscribe(_:qos:)``.
    public var subscriptions: Int
    /// Of those, how many the broker has granted on the current connection (SUBACK).
    public var activeSubscriptions: Int
    /// QoS 1 publishes waiting for their PUBACK.
    public var publishesAwaitingAcknowledgement: Int

    /// A status with every field given; ``MqttClient/status()`` makes the real ones, tests of
    /// status rendering make their own.
    public init(
        state: MqttConnectionState, since: Int64, lastError: String?,
        messagesReceived: Int, messagesPublished: Int, reconnects: Int,
        overloadWaits: Int, overloadWaitTime: Duration,
        queuedMessages: Int, queueHighWaterMark: Int, queueCapacity: Int,
        subscriptions: Int, activeSubscriptions: Int, publishesAwaitingAcknowledgement: Int, lastErrorAt: Int64? = nil
    ) {
        self.lastErrorAt = lastErrorAt
        self.state = state
        self.since = since
        self.lastError = lastError
        self.messagesReceived = messagesReceived
        self.messagesPublished = messagesPublished
        self.reconnects = reconnects
        self.overloadWaits = overloadWaits
        self.overloadWaitTime = overloadWaitTime
        self.queuedMessages = queuedMessages
        self.queueHighWaterMark = queueHighWaterMark
        self.queueCapacity = queueCapacity
        self.subscriptions = subscriptions
        self.activeSubscriptions = activeSubscriptions
        self.publishesAwaitingAcknowledgement = publishesAwaitingAcknowledgement
    }
}
