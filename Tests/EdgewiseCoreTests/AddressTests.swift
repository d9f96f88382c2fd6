import Testing

@testable import EdgewiseCore

@Suite("Broker URLs, listen addresses, topic templates and JSON paths")
struct AddressTests {
    @Test(arguments: [
        ("mqtt://127.0.0.1:1883", false, "127.0.0.1", 1883), ("mqtt://broker", false, "broker", 1883),
        ("mqtts://cloud.example.com", true, "cloud.example.com", 8883), ("mqtts://[::1]:8884", true, "::1", 8884),
    ])
    func parsesBrokerURL(text: String, tls: Bool, host: String, port: Int) throws {
        #expect(try BrokerURL.parse(text) == BrokerURL(usesTLS: tls, host: host, port: port))
    }

    @Test(arguments: [
        ("http://broker:1883", "'http://broker:1883' is not an MQTT URL"),
        ("mqtt://broker:99999", "'99999' is not a TCP port"),
        ("mqtt://user:pw@broker", "MQTT URL 'mqtt://user:pw@broker' may hold only a host and a port"),
        ("mqtt://", "'' has no host"),
    ])
    func rejectsBrokerURL(text: String, message: String) {
        #expect {
            try BrokerURL.parse(text)
        } throws: { ($0 as? QuantitySyntaxError)?.message == message }
    }

    @Test func listenAddressNeedsPortAndKnowsLoopback() throws {
        #expect(try HostAndPort.parse("0.0.0.0:8080", defaultPort: nil) == HostAndPort(host: "0.0.0.0", port: 8080))
        #expect(try HostAndPort.parse("127.0.0.1:8080", defaultPort: nil).isLoopback)
        #expect(try !HostAndPort.parse("0.0.0.0:8080", defaultPort: nil).isLoopback)
        #expect(throws: QuantitySyntaxError("'localhost' has no port", hint: "write 'localhost:PORT'")) {
            try HostAndPort.parse("localhost", defaultPort: nil)
        }
    }

    @Test func topicTemplateKnowsItsPlaceholders() throws {
        #expect(try TopicTemplate.parse("site/{gateway}/{type}/{device}/{point}").text == "site/{gateway}/{type}/{device}/{point}")
        #expect(throws: QuantitySyntaxError("unknown placeholder '{devce}' in topic 'e/{devce}'", hint: "did you mean '{device}'?")) {
            try TopicTemplate.parse("e/{devce}")
        }
        #expect { try TopicTemplate.parse("e/#") } throws: { ($0 as? QuantitySyntaxError)?.message.contains("wildcard") == true }
    }

    @Test(arguments: [
        ("$.temp", [PayloadPath.Step.member("temp")]),
        ("$.sensors[0].value", [.member("sensors"), .index(0), .member("value")]),
        ("$['odd key'].x", [.member("odd key"), .member("x")]),
        ("$", []),
    ])
    func parsesPayloadPath(text: String, steps: [PayloadPath.Step]) throws {
        #expect(try PayloadPath.parse(text).steps == steps)
    }

    @Test(arguments: [
        ("temp", "JSON path 'temp' must start with '$'"), ("$.", "JSON path '$.' has an empty member name after '.'"),
        ("$[x]", "'[x]' in JSON path '$[x]' is neither an index nor a quoted name"), ("$.a[0", "JSON path '$.a[0' has an unclosed '['"),
    ])
    func rejectsPayloadPath(text: String, message: String) {
        #expect { try PayloadPath.parse(text) } throws: { ($0 as? QuantitySyntaxError)?.message == message }
    }
}
