import EdgewiseCore
import EdgewiseMQTT
import Logging
import ServiceLifecycle

/// Subscribes to every MQTT device's topic on the local broker and feeds what arrives to the
/// pipeline, a batch at a time.
///
/// Back-pressure: the client's receive queue is bounded and the pipeline is awaited per batch, so
/// when events arrive faster than they are processed, the client stops reading from the broker
/// (which holds QoS 1 messages in the gateway's persistent session) instead of filling memory.
struct MQTTIngestService: Service {
    let client: MqttClient
    let pipeline: EventPipeline
    let logger: Logger

    func run() async throws {
        let filters = pipeline.subscriptionFilters
        for filter in filters { try client.subscribe(filter, qos: .atLeastOnce) }
        try client.start()
        logger.info("MQTT ingestion started", metadata: [
            "mqtt.broker": "\(client.configuration.brokerAddress)", "mqtt.subscriptions": "\(filters.joined(separator: ","))",
        ])
        await withGracefulShutdownHandler {
            while let batch = await client.nextBatch(maxCount: 256) {
                await pipeline.ingest(batch.map { message in
                    InboundMessage(topic: message.topic, payload: message.payload, receivedAt: Timestamp(epochMilliseconds: message.receivedAt))
                })
            }
        } onGracefulShutdown: { [client] in
            Task { await client.shutdown() }
        }
        let status = client.status()
        let statistics = await pipeline.statistics
        // notice, not info: the totals survive `logging: {level: notice}`, which silences per-event lines.
        logger.notice("MQTT ingestion stopped", metadata: [
            "mqtt.messages": "\(status.messagesReceived)", "mqtt.reconnects": "\(status.reconnects)", "mqtt.overload_waits": "\(status.overloadWaits)",
            "pipeline.readings": "\(statistics.readings)", "pipeline.rejections": "\(statistics.rejections)",
            "pipeline.duplicates": "\(statistics.duplicateMessages)", "pipeline.events": "\(statistics.events)",
        ])
    }
}

extension MqttClientConfiguration {
    /// The client settings for a broker section of `gateway.yaml`; reads the password file.
    ///
    /// - Throws: `MqttPasswordFileError` naming the file when it cannot be read.
    init(broker: BrokerConfig, defaultClientID: String, persistentSession: Bool) throws {
        let password = try broker.passwordFile.map { path throws in try MqttClientConfiguration.readPasswordFile(path) }
        self.init(
            host: broker.url.host, port: broker.url.port, clientID: broker.clientID ?? defaultClientID, keepAlive: broker.keepAlive,
            username: broker.username, password: password, useTLS: broker.url.usesTLS, caFile: broker.caFile,
            caDirectory: broker.url.usesTLS && broker.caFile == nil ? MqttClientConfiguration.systemCADirectory : nil,
            certFile: broker.certFile, keyFile: broker.keyFile, protocolVersion: broker.protocolVersion == .v5 ? .v5 : .v311,
            cleanSession: !persistentSession)
    }
}
