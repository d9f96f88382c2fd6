import EdgewiseMQTT
import EdgewiseTesting
import Testing

@Suite("MqttClient: shutting down")
struct MqttClientShutdownTests {
    /// The network thread's name as `/proc` shows it (15 bytes at most).
    static func threadName(_ client: MqttClient) -> String {
        String(("mqtt " + client.configuration.clientID).utf8.prefix(15))!
    }

    @Test("Shutdown is clean, idempotent and safe to call concurrently; the network thread ends")
    func idempotent() async throws {
        let recorder = LogRecorder()
        try await withBroker { broker in
            let client = try MqttClient(
                configuration: testConfiguration(port: broker.port, clientID: uniqueClientID("sd")), logger: recorder.logger())
            try client.subscribe("x/#")
            try client.start()
            try await waitUntilConnected(client, activeSubscriptions: 1)
            #expect(threadNames().contains(Self.threadName(client)))

            async let first: Void = client.shutdown()
            async let second: Void = client.shutdown()
            _ = await (first, second)
            await client.shutdown()

            #expect(client.status().state == .stopped)
            #expect(client.status().activeSubscriptions == 0)
            #expect(!threadNames().contains(Self.threadName(client)))
            #expect(await client.nextBatch() == nil)
            // A clean DISCONNECT is not an error.
            #expect(client.status().lastError == nil)
            #expect(recorder.entries("MQTT disconnected").isEmpty)
            #expect(recorder.entries("MQTT client stopped").count == 1)
        }
    }

    @Test("Shutdown before start")
    func beforeStart() async throws {
        let client = try MqttClient(configuration: testConfiguration(port: 1883), logger: quietLogger)
        await client.shutdown()
        await client.shutdown()
        #expect(client.status().state == .stopped)
        #expect(await client.nextBatch() == nil)
    }

    @Test("Shutdown wakes a consumer waiting for messages")
    func wakesConsumer() async throws {
        try await withBroker { broker in
            let client = try MqttClient(configuration: testConfiguration(port: broker.port), logger: quietLogger)
            try client.start()
            try await waitUntilConnected(client)
            let consumer = Task { await client.nextBatch() }
            try await Task.sleep(for: .milliseconds(50))
            await client.shutdown()
            #expect(await consumer.value == nil)
        }
    }

    @Test("Shutdown while the network thread waits for room in the queue; every message received is still handed out")
    func whileBlocked() async throws {
        try await withBroker { broker in
            let client = try MqttClient(
                configuration: testConfiguration(port: broker.port, clientID: uniqueClientID("bl"), receiveQueueCapacity: 2),
                logger: quietLogger)
            try client.subscribe("full/#")
            try client.start()
            try await waitUntilConnected(client, activeSubscriptions: 1)
            try await withClient(testConfiguration(port: broker.port)) { publisher in
                for index in 0..<10 { try await publisher.publish(topic: "full/\(index)", payload: [UInt8(index)]) }
            }
            try await waitUntil("the network thread to wait") { client.status().overloadWaits > 0 }

            await client.shutdown()
            #expect(!threadNames().contains(Self.threadName(client)))
            // The two queued, the one the thread held (acknowledged already) and any read before
            // DISCONNECT went out: in order, none dropped, then the end.
            var delivered: [[UInt8]] = []
            while let batch = await client.nextBatch(maxCount: 10) { delivered += batch.map(\.payload) }
            #expect(delivered.count >= 3)
            #expect(delivered.count == client.status().messagesReceived)
            #expect(delivered == (0..<delivered.count).map { [UInt8($0)] })
        }
    }

    @Test("Shutdown while retrying a broker that is not there")
    func whileRetrying() async throws {
        let port = try FreePort.loopback()
        var configuration = testConfiguration(port: port, clientID: uniqueClientID("rt"))
        configuration.reconnectMinimumDelay = .seconds(60)  // the backoff sleep must be interrupted
        configuration.reconnectMaximumDelay = .seconds(60)
        let client = try MqttClient(configuration: configuration, logger: quietLogger)
        try client.start()
        try await waitUntil("a failed attempt") { client.status().lastError != nil }
        await client.shutdown()
        #expect(client.status().state == .stopped)
        #expect(!threadNames().contains(Self.threadName(client)))
    }

    @Test("Releasing a running client without shutdown still ends its thread")
    func deinitTearsDown() async throws {
        try await withBroker { broker in
            var name = ""
            do {
                let client = try MqttClient(
                    configuration: testConfiguration(port: broker.port, clientID: uniqueClientID("dn")), logger: quietLogger)
                name = Self.threadName(client)
                try client.start()
                try await waitUntilConnected(client)
                #expect(threadNames().contains(name))
            }
            #expect(!threadNames().contains(name))
        }
    }
}
