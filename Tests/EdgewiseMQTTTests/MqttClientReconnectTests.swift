import EdgewiseMQTT
import EdgewiseTesting
import Testing

@Suite("MqttClient: reconnecting")
struct MqttClientReconnectTests {
    @Test("After a broker restart the client reconnects, subscribes again and receives new messages")
    func brokerRestart() async throws {
        let recorder = LogRecorder()
        try await withBroker { broker in
            let subscriberConfiguration = testConfiguration(port: broker.port, clientID: uniqueClientID("sub"))
            try await withClient(subscriberConfiguration, logger: recorder.logger(), subscriptions: [("r/#", .atLeastOnce)]) { subscriber in
                try await withClient(testConfiguration(port: broker.port)) { publisher in
                    for index in 0..<10 { try await publisher.publish(topic: "r/before", payload: [UInt8(index)]) }
                    #expect(try await receive(10, from: subscriber).map(\.payload) == (0..<10).map { [UInt8($0)] })
                    let connectedSince = subscriber.status().since

                    try await broker.restart()
                    try await waitUntilConnected(subscriber, activeSubscriptions: 1, reconnects: 1)
                    try await waitUntilConnected(publisher, reconnects: 1)

                    let status = subscriber.status()
                    #expect(status.reconnects == 1)
                    #expect(status.since > connectedSince || status.since == connectedSince)
                    #expect(status.lastError?.contains("connection to 127.0.0.1:\(broker.port) ended") == true)
                    #expect(recorder.entries("MQTT disconnected").count == 1)
                    #expect(recorder.entries("MQTT connected").count == 2)
                    // The last error is the disconnect's reason, or that of a retry refused while the broker restarted.
                    let reasons = (recorder.entries("MQTT disconnected") + recorder.entries("MQTT connection attempt failed")).map { $0.metadata["mqtt.reason"] }
                    #expect(reasons.contains(status.lastError), "\(status.lastError ?? "none") not among \(reasons)")

                    for index in 10..<20 { try await publisher.publish(topic: "r/after", payload: [UInt8(index)]) }
                    #expect(try await receive(10, from: subscriber).map(\.payload) == (10..<20).map { [UInt8($0)] })
                }
            }
        }
    }

    @Test("The state goes from connected to disconnected and back")
    func stateTransitions() async throws {
        try await withBroker { broker in
            try await withClient(testConfiguration(port: broker.port)) { client in
                try await broker.stop()
                try await waitUntil("the client to notice") {
                    if case .disconnected = client.status().state { return true }
                    return false
                }
                #expect(client.status().reconnects == 0)
                try await broker.restart()
                try await waitUntilConnected(client, reconnects: 1)
            }
        }
    }

    @Test("A client started before its broker keeps retrying and connects once the broker is up")
    func brokerStartsLater() async throws {
        let port = try FreePort.loopback()
        let recorder = LogRecorder()
        try await withClient(
            testConfiguration(port: port), logger: recorder.logger(), subscriptions: [("late/#", .atLeastOnce)],
            waitForConnection: false
        ) { client in
            try await waitUntil("a few failed attempts") {
                recorder.entries("MQTT connection attempt failed").count >= 3
            }
            let status = client.status()
            #expect(status.state == .disconnected(reason: status.lastError ?? ""))
            #expect(status.lastError?.contains("Connection refused") == true)
            // A new reason is a warning; repeats of the same one are debug messages.
            let failures = recorder.entries("MQTT connection attempt failed")
            #expect(failures.first?.level == .warning)
            #expect(failures.contains { $0.level == .debug })

            try await withBroker(.init(port: port)) { broker in
                try await waitUntilConnected(client, activeSubscriptions: 1)
                #expect(client.status().reconnects == 0)
                try await withClient(testConfiguration(port: broker.port)) { publisher in
                    try await publisher.publish(topic: "late/news", payload: Array("here".utf8))
                }
                #expect(try await receive(1, from: client).map(\.topic) == ["late/news"])
            }
        }
    }
}
