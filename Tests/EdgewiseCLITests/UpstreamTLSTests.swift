import EdgewiseTesting
import Foundation
import Testing

/// The upstream link over TLS, to a mosquitto with a certificate from a CA made by the test.
@Suite("Upstream over TLS", .serialized)
struct UpstreamTLSTests {
    static func start(id: String, caFile: String, local: MosquittoBroker, upstreamPort: Int, config: TemporaryDirectory) throws -> ChildProcess {
        _ = try config.write("""
            device: air
            protocol: mqtt
            topic: sensors/air
            points:
              temperature: {unit: degC}
            """, to: "devices/air.yaml")
        _ = try config.write("""
            gateway: {id: \(id)}
            local_broker: {url: "mqtt://127.0.0.1:\(local.port)"}
            upstream: {url: "mqtts://127.0.0.1:\(upstreamPort)", ca_file: "\(caFile)", topic: "edgewise/{gateway}/{type}/{device}"}
            buffer: {path: "\(config.path)/state/buffer.db"}
            status: {listen: "127.0.0.1:\(try FreePort.loopback())"}
            logging: {level: debug}   # readings are logged at debug; the test waits for one
            """, to: "gateway.yaml")
        return try ChildProcess.launch(EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"])
    }

    @Test func eventsReachATLSBrokerSignedByTheConfiguredCAAndAWrongCAIsRefused() async throws {
        let authority = try await TestCertificateAuthority.generate()
        let stranger = try await TestCertificateAuthority.generate()
        let local = try await MosquittoBroker.start()
        let upstream = try await MosquittoBroker.start(.init(tls: .init(certificateFile: authority.serverCertificateFile, keyFile: authority.serverKeyFile)))
        let subscriber = try ChildProcess.launch("/usr/bin/stdbuf", arguments: [
            "-oL", "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", "\(upstream.port)", "--cafile", authority.caFile, "-t", "edgewise/#", "-v", "-d",
        ])
        try await subscriber.waitForOutput(containing: "SUBACK", timeout: .seconds(30))

        let trusting = try TemporaryDirectory()
        let good = try Self.start(id: "gw", caFile: authority.caFile, local: local, upstreamPort: upstream.port, config: trusting)
        let wary = try TemporaryDirectory()
        let bad = try Self.start(id: "wary", caFile: stranger.caFile, local: local, upstreamPort: upstream.port, config: wary)
        try await good.waitForOutput(containing: "MQTT connected", timeout: .seconds(30))
        try await bad.waitForOutput(containing: "mqtt.role=local", timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(500))
        let publish = try await ChildProcess.run("/usr/bin/mosquitto_pub", arguments: ["-h", "127.0.0.1", "-p", "\(local.port)", "-q", "1", "-t", "sensors/air", "-m", "21.5"], timeout: .seconds(30))
        #expect(publish.status == 0)
        try await subscriber.waitForOutput(containing: "edgewise/gw/ReadingReported/air", timeout: .seconds(30))
        try await bad.waitForOutput(containing: "ReadingReported", timeout: .seconds(30))
        try await Task.sleep(for: .seconds(2))

        for gateway in [good, bad] {
            gateway.signal(SIGTERM)
            #expect(try await gateway.waitForExit(timeout: .seconds(30)) == 0)
        }
        subscriber.signal(SIGTERM)
        _ = try? await subscriber.waitForExit(timeout: .seconds(10))
        try await upstream.stop()
        try await local.stop()

        let refused = bad.standardError.split(separator: "\n").filter { $0.contains("mqtt.role=upstream") && $0.contains("warning") }
        #expect(!refused.isEmpty, "the refused connection is reported:\n\(bad.standardError.suffix(2_000))")
        #expect(!bad.standardError.contains("Upstream link up"), "never connected to a broker its CA did not sign")
        #expect(bad.standardError.contains("upstream.queued=") && !bad.standardError.contains("upstream.queued=0"), "its events wait in the buffer")
    }
}
