import EdgewiseMQTT
import EdgewiseTesting
import Testing

@Suite("MqttClient: bounded receive queue")
struct MqttClientBackpressureTests {
    @Test("A full queue blocks the network thread; once drained, all 1000 QoS 1 messages arrive in order")
    func backpressure() async throws {
        try await withBroker { broker in
            let configuration = testConfiguration(port: broker.port, receiveQueueCapacity: 8)
            try await withClient(configuration, subscriptions: [("load/#", .atLeastOnce)]) { subscriber in
                try await withClient(testConfiguration(port: broker.port)) { publisher in
                    // The broker acknowledges to the publisher whatever the subscriber does.
                    for index in 0..<1000 {
                        try await publisher.publish(topic: "load/\(index % 7)", payload: Array("\(index)".utf8))
                    }
                }
                try await waitUntil("the queue to fill up") {
                    let status = subscriber.status()
                    return status.overloadWaits > 0 && status.queuedMessages == 8
                }
                let loaded = subscriber.status()
                #expect(loaded.queueHighWaterMark <= 8)
                #expect(loaded.queueCapacity == 8)
                #expect(loaded.messagesReceived < 1000)

                let messages = try await receive(1000, from: subscriber)
                #expect(messages.map { String(decoding: $0.payload, as: UTF8.self) } == (0..<1000).map { "\($0)" })
                let drained = subscriber.status()
                #expect(drained.messagesReceived == 1000)
                #expect(drained.queueHighWaterMark <= 8)
                #expect(drained.queuedMessages == 0)
                #expect(drained.overloadWaits > 0)
                #expect(drained.overloadWaitTime > .zero)
                #expect(drained.state == .connected)
                #expect(drained.reconnects == 0)
            }
        }
    }
}
