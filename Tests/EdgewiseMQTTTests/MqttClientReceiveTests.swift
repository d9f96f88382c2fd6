import EdgewiseMQTT
import EdgewiseTesting
import Testing

@Suite("MqttClient: subscribing and receiving")
struct MqttClientReceiveTests {
    @Test(
        "Receives QoS 0 and QoS 1 messages through + and # filters, payload bytes exact",
        arguments: [MqttProtocolVersion.v311, .v5])
    func receivesThroughWildcards(protocolVersion: MqttProtocolVersion) async throws {
        try await withBroker { broker in
            let subscriber = testConfiguration(port: broker.port, clientID: uniqueClientID("sub"), protocolVersion: protocolVersion)
            let publisher = testConfiguration(port: broker.port, clientID: uniqueClientID("pub"), protocolVersion: protocolVersion)
            try await withClient(subscriber, subscriptions: [("a/+/t", .atLeastOnce), ("b/#", .atMostOnce)]) { subscriber in
                try await withClient(publisher) { publisher in
                    let before = WallClockForTests.nowMilliseconds()
                    let binary: [UInt8] = [0x00, 0xFF, 0xFE, 0x80, 0xC3, 0x28, 0x0A, 0x00]
                    try await publisher.publish(topic: "a/1/t", payload: binary, qos: .atLeastOnce)
                    try await publisher.publish(topic: "a/2/t", payload: [], qos: .atLeastOnce)
                    try await publisher.publish(topic: "a/1/x", payload: [1], qos: .atLeastOnce)  // matches nothing
                    try await publisher.publish(topic: "a/1/t/deeper", payload: [2], qos: .atLeastOnce)  // + is one level
                    try await publisher.publish(topic: "b", payload: Array("hello".utf8), qos: .atMostOnce)  // # matches the parent
                    try await publisher.publish(topic: "b/c/d", payload: Array("ünïcode".utf8), qos: .atLeastOnce)
                    try await publisher.publish(topic: "b/end", payload: [], qos: .atLeastOnce)

                    let messages = try await receive(5, from: subscriber)
                    let after = WallClockForTests.nowMilliseconds()
                    #expect(messages.map(\.topic) == ["a/1/t", "a/2/t", "b", "b/c/d", "b/end"])
                    #expect(messages.map(\.payload) == [binary, [], Array("hello".utf8), Array("ünïcode".utf8), []])
                    // The delivered QoS is the lower of the publisher's and the subscription's.
                    #expect(messages.map(\.qos) == [.atLeastOnce, .atLeastOnce, .atMostOnce, .atMostOnce, .atMostOnce])
                    #expect(messages.allSatisfy { !$0.retain })
                    #expect(messages.allSatisfy { (before - 1000...after + 1000).contains($0.receivedAt) })
                    let status = subscriber.status()
                    #expect(status.messagesReceived == 5)
                    #expect(status.subscriptions == 2)
                    #expect(status.activeSubscriptions == 2)
                    #expect(publisher.status().messagesPublished == 7)
                }
            }
        }
    }

    @Test("Retained messages arrive with the retain flag after subscribing")
    func retained() async throws {
        try await withBroker { broker in
            try await withClient(testConfiguration(port: broker.port)) { publisher in
                try await publisher.publish(topic: "state/door", payload: Array("open".utf8), qos: .atLeastOnce, retain: true)
            }
            try await withClient(testConfiguration(port: broker.port), subscriptions: [("state/#", .atLeastOnce)]) { subscriber in
                let messages = try await receive(1, from: subscriber)
                #expect(messages.first?.topic == "state/door")
                #expect(messages.first?.payload == Array("open".utf8))
                #expect(messages.first?.retain == true)
            }
        }
    }

    @Test("Subscribing while connected takes effect at once")
    func subscribeWhileConnected() async throws {
        try await withBroker { broker in
            try await withClient(testConfiguration(port: broker.port)) { subscriber in
                try subscriber.subscribe("late/+", qos: .atLeastOnce)
                try await waitUntilConnected(subscriber, activeSubscriptions: 1)
                try await withClient(testConfiguration(port: broker.port)) { publisher in
                    try await publisher.publish(topic: "late/1", payload: [42])
                }
                #expect(try await receive(1, from: subscriber).map(\.payload) == [[42]])
            }
        }
    }

    @Test("An invalid topic filter is rejected", arguments: ["a/#/b", "a+", ""])
    func invalidFilter(filter: String) throws {
        let client = try MqttClient(configuration: testConfiguration(port: 1883), logger: quietLogger)
        #expect(throws: MosquittoError.self) { try client.subscribe(filter) }
    }

    @Test("Logs connects and subscriptions with fixed messages and dotted keys, nothing per message")
    func logging() async throws {
        let recorder = LogRecorder()
        try await withBroker { broker in
            let configuration = testConfiguration(port: broker.port, clientID: uniqueClientID("log"))
            try await withClient(configuration, logger: recorder.logger(), subscriptions: [("log/#", .atLeastOnce)]) { subscriber in
                try await withClient(testConfiguration(port: broker.port)) { publisher in
                    for index in 0..<200 { try await publisher.publish(topic: "log/\(index)", payload: [UInt8(index)]) }
                }
                _ = try await receive(200, from: subscriber)
            }
            let connected = try #require(recorder.entries("MQTT connected").first)
            #expect(connected.metadata["mqtt.broker"] == "127.0.0.1:\(broker.port)")
            #expect(connected.metadata["mqtt.client_id"] == configuration.clientID)
            #expect(!recorder.entries("MQTT subscribing").isEmpty)
            #expect(recorder.entries.count < 20)
            #expect(recorder.entries.allSatisfy { $0.metadata.keys.allSatisfy { $0.hasPrefix("mqtt.") } })
        }
    }
}
