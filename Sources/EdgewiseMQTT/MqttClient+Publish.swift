import CMosquitto

extension MqttClient {
    /// Publishes `payload` on `topic` and returns once it is delivered as far as `qos` promises.
    ///
    /// - QoS 0: returns when libmosquitto has taken the message; nothing confirms it arrives.
    /// - QoS 1: returns only after the broker's PUBACK for this message. If the connection drops
    ///   first, it throws ``MqttPublishError/connectionLost`` instead of waiting for a reconnect:
    ///   it never waits forever and never reports a message it cannot vouch for. libmosquitto
    ///   itself keeps unacknowledged messages and resends them (with DUP set) after reconnecting,
    ///   so such a message may still arrive — and arrive twice if the caller publishes it again.
    ///   That is QoS 1's "at least once"; consumers must tolerate duplicates.
    ///
    /// Publishing while not connected throws ``MqttPublishError/notConnected`` at once without
    /// handing anything to libmosquitto (which would otherwise keep QoS 1 messages for later
    /// while reporting an error). Up to ``MqttClientConfiguration/maxInflightMessages`` QoS 1
    /// messages are on the wire at once; more wait inside libmosquitto, so many concurrent
    /// publishes simply take longer.
    ///
    /// - Parameters:
    ///   - topic: the topic to publish on; no wildcards.
    ///   - payload: the bytes to send, possibly empty.
    ///   - qos: ``MqttQoS/atMostOnce`` or ``MqttQoS/atLeastOnce`` (the default).
    ///   - retain: whether the broker keeps it as the topic's last known value for future subscribers.
    /// - Throws: ``MqttPublishError``.
    /// - Precondition: `qos` is not ``MqttQoS/exactlyOnce``.
    public func publish(
        topic: String, payload: [UInt8], qos: MqttQoS = .atLeastOnce, retain: Bool = false
    ) async throws(MqttPublishError) {
        let pending = try send(topic: topic, payload: payload, qos: qos, retain: retain)
        try await acknowledgement(of: pending)
    }

    /// A QoS 1 message handed to libmosquitto whose PUBACK has not been awaited yet.
    public struct PendingPublish: Sendable {
        let messageID: Int32
        let ticket: PublishTracker<MqttClientContext.PublishWaiter>.Ticket?
        /// When it was handed to libmosquitto, for ``MqttClient/PublishObserver``.
        let sentAt: ContinuousClock.Instant
    }

    /// The first half of ``publish(topic:payload:qos:retain:)``: hands the message to libmosquitto
    /// now, on the caller's thread, and returns without waiting for the PUBACK. Messages sent one
    /// after the other reach the broker in that order, so a caller can keep many in flight and
    /// still keep their order; await each with ``acknowledgement(of:)``. A QoS 0 message needs
    /// no acknowledgement.
    ///
    /// - Parameter properties: MQTT 5 properties to send with it (MQTT 5 connections only).
    /// - Throws: ``MqttPublishError`` as `publish` does, for the sending part.
    public func send(
        topic: String, payload: [UInt8], qos: MqttQoS = .atLeastOnce, retain: Bool = false, properties: MqttPublishProperties? = nil
    ) throws(MqttPublishError) -> PendingPublish {
        precondition(qos != .exactlyOnce, "MqttClient does not publish with QoS 2")
        let ticket = try context.beginPublish().get()
        let sentAt = ContinuousClock.now
        var messageID: Int32 = 0
        let code = withHandle { handle in
            payload.withUnsafeBytes { bytes in
                guard let properties else {
                    return mosquitto_publish(
                        handle.pointer, &messageID, topic, Int32(clamping: bytes.count), bytes.baseAddress, qos.rawValue,
                        retain)
                }
                return properties.withPropertyList { list in
                    mosquitto_publish_v5(
                        handle.pointer, &messageID, topic, Int32(clamping: bytes.count), bytes.baseAddress, qos.rawValue,
                        retain, list)
                }
            }
        }
        guard let code else {
            context.endPublish(ticket, published: false)
            throw .clientStopped
        }
        guard code == MOSQ_ERR_SUCCESS.rawValue else {
            let error = MosquittoError(function: properties == nil ? "mosquitto_publish" : "mosquitto_publish_v5", subject: topic, code: code)
            context.endPublish(ticket, published: false)
            switch code {
            // Lost just now. libmosquitto has kept a QoS 1 message and will send it after reconnecting.
            case MOSQ_ERR_NO_CONN.rawValue: throw qos == .atMostOnce ? .notConnected : .connectionLost
            default: throw .library(error)
            }
        }
        guard qos == .atLeastOnce else {
            context.endPublish(ticket, published: true)
            publishObserver?(qos, .zero)
            return PendingPublish(messageID: messageID, ticket: nil, sentAt: sentAt)
        }
        return PendingPublish(messageID: messageID, ticket: ticket, sentAt: sentAt)
    }

    /// The second half of ``publish(topic:payload:qos:retain:)``: returns once the broker's
    /// PUBACK for `pending` has arrived (at once for QoS 0).
    ///
    /// - Throws: ``MqttPublishError``: `connectionLost` if the connection drops first, and the rest as `publish`.
    public func acknowledgement(of pending: PendingPublish) async throws(MqttPublishError) {
        guard let ticket = pending.ticket else { return }
        switch await context.awaitAcknowledgement(messageID: pending.messageID, ticket: ticket) {
        case .acknowledged(let reasonCode) where reasonCode >= 0x80:
            throw .rejectedByBroker(reasonCode: reasonCode, reason: String(cString: mosquitto_reason_string(reasonCode)))
        case .acknowledged:
            context.countPublished()
            publishObserver?(.atLeastOnce, ContinuousClock.now - pending.sentAt)
        case .connectionLost:
            throw .connectionLost
        case .clientStopped:
            throw .clientStopped
        case .cancelled:
            throw .cancelled
        }
    }
}
