import EdgewiseMQTT
import EdgewiseStatus

extension GatewayMetrics {
    /// Counts what the local broker's client publishes (rule actions).
    var localPublishObserver: MqttClient.PublishObserver {
        { [self] _, _ in recordMQTTPublished() }
    }

    /// Counts what the upstream client publishes, and times QoS 1 publishes to their PUBACK.
    var upstreamPublishObserver: MqttClient.PublishObserver {
        { [self] qos, latency in
            recordMQTTPublished()
            if qos == .atLeastOnce { recordUpstreamPublish(duration: latency) }
        }
    }

    /// Counts and times each Modbus request.
    var modbusRequestObserver: @Sendable (Duration, Bool) -> Void {
        { [self] duration, failed in recordModbusRequest(duration: duration, failed: failed) }
    }
}
