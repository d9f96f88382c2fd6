import EdgewiseMQTT
import EdgewiseTesting
import Testing

@Suite("MqttClient: TLS")
struct MqttClientTLSTests {
    @Test("Connects over TLS, verifying the broker's certificate against a CA file, and receives")
    func tls() async throws {
        let authority = try await TestCertificateAuthority.generate()
        let tls = MosquittoBroker.Options.TLS(
            certificateFile: authority.serverCertificateFile, keyFile: authority.serverKeyFile)
        try await withBroker(.init(tls: tls)) { broker in
            var configuration = testConfiguration(port: broker.port)
            configuration.useTLS = true
            configuration.caFile = authority.caFile
            try await withClient(configuration, subscriptions: [("secure/#", .atLeastOnce)]) { subscriber in
                var publisherConfiguration = testConfiguration(port: broker.port)
                publisherConfiguration.useTLS = true
                publisherConfiguration.caFile = authority.caFile
                try await withClient(publisherConfiguration) { publisher in
                    try await publisher.publish(topic: "secure/1", payload: [0xDE, 0xAD, 0xBE, 0xEF])
                }
                let messages = try await receive(1, from: subscriber)
                #expect(messages.map(\.payload) == [[0xDE, 0xAD, 0xBE, 0xEF]])
            }
        }
    }

    @Test("A broker whose certificate no trusted CA signed is refused, and the client keeps retrying")
    func untrustedCertificate() async throws {
        let authority = try await TestCertificateAuthority.generate()
        let tls = MosquittoBroker.Options.TLS(
            certificateFile: authority.serverCertificateFile, keyFile: authority.serverKeyFile)
        let recorder = LogRecorder()
        try await withBroker(.init(tls: tls)) { broker in
            var configuration = testConfiguration(port: broker.port)
            configuration.useTLS = true  // trusts only the system's CAs
            try await withClient(configuration, logger: recorder.logger(), waitForConnection: false) { client in
                try await waitUntil("several failed attempts") {
                    recorder.entries("MQTT connection attempt failed").count >= 3
                }
                if case .disconnected = client.status().state {} else {
                    Issue.record("expected disconnected, got \(client.status().state)")
                }
                #expect(client.status().reconnects == 0)
                #expect(client.status().lastError?.contains("A TLS error occurred.") == true)
            }
        }
    }

    @Test("A CA file that cannot be read is an error naming it")
    func missingCAFile() throws {
        var configuration = testConfiguration(port: 8883)
        configuration.useTLS = true
        configuration.caFile = "/nonexistent/ca.pem"
        let error = #expect(throws: MosquittoError.self) { try MqttClient(configuration: configuration, logger: quietLogger) }
        #expect(error?.description == "mosquitto_tls_set(\"/nonexistent/ca.pem\") failed: No such file or directory (code 14)")
    }
}
