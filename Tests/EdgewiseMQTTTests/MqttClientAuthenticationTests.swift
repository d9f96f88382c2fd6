import EdgewiseMQTT
import EdgewiseTesting
import Testing

@Suite("MqttClient: authentication")
struct MqttClientAuthenticationTests {
    static let users = ["gateway": "s3cret pass"]

    @Test(
        "A wrong password is reported as not authorised, and the client keeps retrying",
        arguments: [(MqttProtocolVersion.v311, "not authorised"), (.v5, "Not authorized")])
    func wrongPassword(protocolVersion: MqttProtocolVersion, expected: String) async throws {
        let recorder = LogRecorder()
        try await withBroker(.init(users: Self.users)) { broker in
            var configuration = testConfiguration(port: broker.port, protocolVersion: protocolVersion)
            configuration.username = "gateway"
            configuration.password = "wrong"
            try await withClient(configuration, logger: recorder.logger(), waitForConnection: false) { client in
                // libmosquitto's own loop would stop for good after an MQTT 5 refusal; ours retries.
                try await waitUntil("several refused attempts") {
                    recorder.entries("MQTT connection attempt failed").count >= 3
                }
                let status = client.status()
                #expect(status.lastError?.contains(expected) == true, "\(status)")
                #expect(status.state == .disconnected(reason: status.lastError ?? ""))
                #expect(status.reconnects == 0)
            }
        }
    }

    @Test("The right password, read from a password file, connects", arguments: [MqttProtocolVersion.v311, .v5])
    func rightPassword(protocolVersion: MqttProtocolVersion) async throws {
        let directory = try TemporaryDirectory()
        let passwordFile = try directory.write("s3cret pass\n", to: "mqtt-password")
        try await withBroker(.init(users: Self.users)) { broker in
            var configuration = testConfiguration(port: broker.port, protocolVersion: protocolVersion)
            configuration.username = "gateway"
            configuration.password = try MqttClientConfiguration.readPasswordFile(passwordFile)
            try await withClient(configuration, subscriptions: [("auth/#", .atLeastOnce)]) { client in
                try await client.publish(topic: "auth/ok", payload: [1])
                #expect(try await receive(1, from: client).map(\.topic) == ["auth/ok"])
                #expect(client.status().lastError == nil)
            }
        }
    }
}
