import EdgewiseMQTT
import EdgewiseTesting
import Testing

/// Shutting down while the receive queue is full: the message the network thread holds has been
/// acknowledged to the broker already, so it must still reach the consumer, not be dropped.
@Suite("MqttClient: shutdown under back-pressure")
struct MqttClientShutdownDeliveryTests {
    @Test("Every QoS 1 message arrives once across a shutdown with a full queue and a reconnect")
    func nothingAcknowledgedIsDropped() async throws {
        try await withBroker { broker in
            let clientID = uniqueClientID("persistent")
            var configuration = testConfiguration(port: broker.port, clientID: clientID, receiveQueueCapacity: 8)
            configuration.cleanSession = false
            let first = try MqttClient(configuration: configuration, logger: quietLogger)
            try first.subscribe("load/#", qos: .atLeastOnce)
            try first.start()
            try await waitUntilConnected(first, activeSubscriptions: 1)
            try await withClient(testConfiguration(port: broker.port)) { publisher in
                for index in 0..<200 {
                    try await publisher.publish(topic: "load/\(index % 7)", payload: Array("\(index)".utf8))
                }
            }
            try await waitUntil("the queue to fill up") { first.status().overloadWaits > 0 && first.status().queuedMessages == 8 }

            // Shut down while the network thread waits for room, and keep consuming, as the gateway does.
            let stopping = Task { await first.shutdown() }
            var received: [String] = []
            while let batch = await first.nextBatch(maxCount: 64) {
                received += batch.map { String(decoding: $0.payload, as: UTF8.self) }
            }
            await stopping.value
            // Every message the client took from the broker (libmosquitto acknowledged it before
            // handing it over) reached the consumer, including the one that waited for room.
            #expect(received.count == first.status().messagesReceived, "received \(first.status().messagesReceived), delivered \(received.count)")

            // The rest is still the broker's: the persistent session hands it to the next connection.
            let rest = try await ChildProcess.run("/usr/bin/mosquitto_sub", arguments: [
                "-h", "127.0.0.1", "-p", "\(broker.port)", "-i", clientID, "-c", "-q", "1", "-t", "load/#", "-W", "3",
            ], timeout: .seconds(30))
            received += rest.standardOutput.split(separator: "\n").map(String.init)
            let missing = Set((0..<200).map { "\($0)" }).subtracting(received)
            #expect(missing.isEmpty, "lost across the shutdown: \(missing.sorted())")
        }
    }
}
