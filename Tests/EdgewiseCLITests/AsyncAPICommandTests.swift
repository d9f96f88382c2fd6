import EdgewiseTesting
import Foundation
import Testing

@Suite("edgewise asyncapi")
struct AsyncAPICommandTests {
    @Test func printsTheDocumentOfTheExampleConfigAsOneLineOfJSON() async throws {
        let result = try await EdgewiseBinary.run("asyncapi", "--config", ".", in: RepositoryPaths.root())
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError == "")
        #expect(result.standardOutput.hasSuffix("}\n"))
        #expect(result.standardOutput.dropLast().contains("\n") == false)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(document["asyncapi"] as? String == "3.0.0")
        let info = try #require(document["info"] as? [String: Any])
        #expect(info["title"] as? String == "Edgewise gateway greenhouse-01")
        let server = try #require((document["servers"] as? [String: Any])?["upstream"] as? [String: Any])
        #expect(server["host"] as? String == "127.0.0.1:1884")
        #expect(server["protocol"] as? String == "mqtt")
        let channels = try #require(document["channels"] as? [String: Any])
        // Every built-in event, and the custom event rules/cooling.yaml emits.
        #expect(Set(channels.keys) == [
            "ReadingReported", "ReadingRejected", "ThresholdCrossed", "ThresholdCleared", "DeviceOffline", "DeviceOnline", "RuleTriggered",
            "RuleCleared", "ActionConfirmed", "ActionFailed", "BufferOverflow", "CoolingRequested",
        ])
        let reported = try #require(channels["ReadingReported"] as? [String: Any])
        #expect(reported["address"] as? String == "edgewise/greenhouse-01/events/ReadingReported/{device}")
        let device = (reported["parameters"] as? [String: Any])?["device"] as? [String: Any]
        #expect(device?["enum"] as? [String] == ["greenhouse-air", "hvac"])
        let operations = try #require(document["operations"] as? [String: Any])
        #expect(operations.count == 12)
    }

    @Test func configErrorsArePrintedAsCheckPrintsThemAndExit1() async throws {
        let result = try await EdgewiseBinary.run("asyncapi", "--config", "five-mistakes", in: EdgewiseBinary.fixtures)
        let expected = try FileSystem.read(EdgewiseBinary.fixtures + "/five-mistakes/expected-stderr.txt")
        #expect(result.status == 1)
        #expect(result.standardError == expected)
        #expect(result.standardOutput == "")
    }

    @Test func aMissingDirectoryExits2() async throws {
        let result = try await EdgewiseBinary.run("asyncapi", "--config", "/nonexistent/edgewise")
        #expect(result.status == 2)
        #expect(result.standardError == "edgewise: error: config directory '/nonexistent/edgewise' does not exist (give another with --config DIR)\n")
        #expect(result.standardOutput == "")
    }

    @Test func withoutUpstreamItDescribesAPlaceholderServer() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("gateway: {id: lab-7}\nlocal_broker: {url: \"mqtt://127.0.0.1:1883\"}\n", to: "gateway.yaml")
        try directory.write("device: probe\nprotocol: mqtt\ntopic: lab/probe\npoints:\n  temp: {unit: degC}\n", to: "devices/probe.yaml")
        let result = try await EdgewiseBinary.run("asyncapi", "--config", directory.path)
        #expect(result.status == 0, "\(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let server = (document["servers"] as? [String: Any])?["upstream"] as? [String: Any]
        #expect(server?["host"] as? String == "{host}")
        let channel = (document["channels"] as? [String: Any])?["DeviceOnline"] as? [String: Any]
        #expect(channel?["address"] as? String == "edgewise/lab-7/events/DeviceOnline/{device}")
    }

    @Test func isListedInTheUsage() async throws {
        let result = try await EdgewiseBinary.run("--help")
        #expect(result.standardOutput.contains("asyncapi"))
        let help = try await EdgewiseBinary.run("asyncapi", "--help")
        #expect(help.standardOutput.contains("python3 -m json.tool"))
        #expect(help.standardOutput.contains("(default: /etc/edgewise)"))
    }
}
