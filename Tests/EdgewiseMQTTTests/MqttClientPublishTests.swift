import EdgewiseMQTT
import EdgewiseTesting
import Glibc
import Testing

@Suite("MqttClient: publishing")
struct MqttClientPublishTests {
    @Test("QoS 1 publishes return after the PUBACK, and another client receives them in order")
    func qos1() async throws {
        try await withBroker { broker in
            try await withClient(testConfiguration(port: broker.port), subscriptions: [("events/#", .atLeastOnce)]) { subscriber in
                try await withClient(testConfiguration(port: broker.port)) { publisher in
                    for index in 0..<50 {
                        try await publisher.publish(topic: "events/\(index % 3)", payload: Array("\(index)".utf8), qos: .atLeastOnce)
                        #expect(publisher.status().messagesPublished == index + 1)
                    }
                    #expect(publisher.status().publishesAwaitingAcknowledgement == 0)
                    let messages = try await receive(50, from: subscriber)
                    #expect(messages.map { String(decoding: $0.payload, as: UTF8.self) } == (0..<50).map { "\($0)" })
                }
            }
        }
    }

    @Test("A QoS 1 publish does not return while the broker withholds the PUBACK")
    func waitsForAcknowledgement() async throws {
        try await withBroker { broker in
            try await withClient(testConfiguration(port: broker.port)) { publisher in
                broker.signal(SIGSTOP)
                let publish = Task { try await publisher.publish(topic: "held", payload: [1], qos: .atLeastOnce) }
                do {
                    try await waitUntil("the publish to wait for its PUBACK") {
                        publisher.status().publishesAwaitingAcknowledgement == 1
                    }
                    try await Task.sleep(for: .milliseconds(300))
                    // A frozen broker sends nothing: the publish cannot have been acknowledged.
                    #expect(publisher.status().publishesAwaitingAcknowledgement == 1)
                    #expect(publisher.status().messagesPublished == 0)
                } catch {
                    broker.signal(SIGCONT)
                    throw error
                }
                broker.signal(SIGCONT)
                try await publish.value
                #expect(publisher.status().messagesPublished == 1)
            }
        }
    }

    @Test("A QoS 1 publish whose connection drops before the PUBACK throws connectionLost")
    func connectionLostBeforeAcknowledgement() async throws {
        try await withBroker { broker in
            try await withClient(testConfiguration(port: broker.port)) { publisher in
                broker.signal(SIGSTOP)
                let publish = Task { try await publisher.publish(topic: "lost", payload: [1], qos: .atLeastOnce) }
                try await waitUntil("the publish to wait for its PUBACK") {
                    publisher.status().publishesAwaitingAcknowledgement == 1
                }
                // SIGKILL works on a stopped process; the kernel then resets the connection.
                broker.signal(SIGKILL)
                try await broker.stop()
                await #expect(throws: MqttPublishError.connectionLost) { try await publish.value }
                #expect(publisher.status().messagesPublished == 0)

                try await broker.restart()
                try await waitUntilConnected(publisher, reconnects: 1)
                try await publisher.publish(topic: "after", payload: [2], qos: .atLeastOnce)
            }
        }
    }

    @Test("Publishing while not connected throws notConnected at once", arguments: [MqttQoS.atMostOnce, .atLeastOnce])
    func notConnected(qos: MqttQoS) async throws {
        let port = try FreePort.loopback()  // nothing listens here
        try await withClient(testConfiguration(port: port), waitForConnection: false) { client in
            await #expect(throws: MqttPublishError.notConnected) {
                try await client.publish(topic: "t", payload: [1], qos: qos)
            }
        }
    }

    @Test("Publishing after shutdown throws clientStopped")
    func afterShutdown() async throws {
        try await withBroker { broker in
            let client = try MqttClient(configuration: testConfiguration(port: broker.port), logger: quietLogger)
            try client.start()
            try await waitUntilConnected(client)
            await client.shutdown()
            await #expect(throws: MqttPublishError.clientStopped) {
                try await client.publish(topic: "t", payload: [1])
            }
        }
    }

    @Test("An invalid topic is reported as libmosquitto's error", arguments: ["a/+", "a/#", ""])
    func invalidTopic(topic: String) async throws {
        try await withBroker { broker in
            try await withClient(testConfiguration(port: broker.port)) { client in
                let error = await #expect(throws: MqttPublishError.self) {
                    try await client.publish(topic: topic, payload: [1])
                }
                guard case .library(let mosquittoError) = error else {
                    Issue.record("expected a libmosquitto error, got \(String(describing: error))")
                    return
                }
                #expect(mosquittoError.function == "mosquitto_publish")
            }
        }
    }

    @Test("Many concurrent QoS 1 publishes all complete")
    func concurrent() async throws {
        try await withBroker { broker in
            try await withClient(testConfiguration(port: broker.port), subscriptions: [("many/#", .atLeastOnce)]) { subscriber in
                try await withClient(testConfiguration(port: broker.port)) { publisher in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for index in 0..<500 {
                            group.addTask { try await publisher.publish(topic: "many/\(index)", payload: [UInt8(index % 256)]) }
                        }
                        try await group.waitForAll()
                    }
                    #expect(publisher.status().messagesPublished == 500)
                    #expect(publisher.status().publishesAwaitingAcknowledgement == 0)
                    let messages = try await receive(500, from: subscriber)
                    #expect(Set(messages.map(\.topic)).count == 500)
                }
            }
        }
    }
}
