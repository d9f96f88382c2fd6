import Foundation
import EdgewiseTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("edgewise run")
struct RunCommandTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func runsUntilSignalledThenExitsCleanly(signal: Int32) async throws {
        let config = try EdgewiseBinary.exampleConfig()
        let gateway = try ChildProcess.launch(EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"])
        try await gateway.waitForOutput(containing: "Gateway started", timeout: .seconds(30))
        gateway.signal(signal)
        let status = try await gateway.waitForExit(timeout: .seconds(30))
        #expect(status == 0, "\(gateway.standardError)")
        #expect(gateway.standardError.contains("Gateway stopped"))
    }

    @Test func logsOneTimestampedLinePerEvent() async throws {
        let config = try EdgewiseBinary.exampleConfig()
        let gateway = try ChildProcess.launch(EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"])
        try await gateway.waitForOutput(containing: "Gateway started", timeout: .seconds(30))
        gateway.signal(SIGTERM)
        _ = try await gateway.waitForExit(timeout: .seconds(30))
        let started = try #require(gateway.standardError.split(separator: "\n").first { $0.contains("Gateway started") })
        // 2026-11-23T19:05:00.123Z info edgewise: Gateway started config.devices=2 ...
        #expect(started.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info edgewise: Gateway started .*/) != nil, "\(started)")
        #expect(started.contains("config.devices=2"))
        #expect(started.contains("config.points=9"))
        #expect(started.contains("config.rules=1"))
        #expect(started.contains("gateway.id=greenhouse-01"))
    }

    @Test func underSystemdLinesCarryAPriorityAndNoTimestamp() async throws {
        let config = try EdgewiseBinary.exampleConfig()
        let gateway = try ChildProcess.launch(
            EdgewiseBinary.path, arguments: ["run", "--config", config.path, "--state-dir", config.path + "/state"], environment: ["JOURNAL_STREAM": "8:12345"])
        try await gateway.waitForOutput(containing: "Gateway started", timeout: .seconds(30))
        gateway.signal(SIGTERM)
        _ = try await gateway.waitForExit(timeout: .seconds(30))
        let lines = gateway.standardError.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("<6>Gateway started ") }, "\(gateway.standardError)")
        #expect(lines.allSatisfy { $0.hasPrefix("<") })
    }

    @Test func anInvalidConfigDoesNotStartAndExits1() async throws {
        let result = try await EdgewiseBinary.run("run", "--config", "five-mistakes", in: EdgewiseBinary.fixtures)
        #expect(result.status == 1)
        #expect(result.standardError.hasSuffix("5 errors in five-mistakes\n"))
        #expect(!result.standardError.contains("Gateway started"))
    }

    @Test func anUnwritableStateDirectoryIsAClearStartupError() async throws {
        let config = try EdgewiseBinary.exampleConfig()
        try config.write("a file, not a directory", to: "blocker")
        let result = try await EdgewiseBinary.run("run", "--config", config.path, "--state-dir", config.path + "/blocker/state")
        #expect(result.status == 1)
        #expect(result.standardError.contains("edgewise: error: cannot create the state directory"), "\(result.standardError)")
        #expect(result.standardError.contains("hint: set gateway.state_dir or --state-dir"))
    }

    @Test func aMissingPasswordFileIsAClearStartupError() async throws {
        let config = try EdgewiseBinary.exampleConfig()
        let gateway = try FileSystem.read(config.path + "/gateway.yaml")
            .replacingOccurrences(of: "  keepalive: 30s", with: "  keepalive: 30s\n  username: edge\n  password_file: \(config.path)/missing.secret")
        try config.write(gateway, to: "gateway.yaml")
        let result = try await EdgewiseBinary.run("run", "--config", config.path, "--state-dir", config.path + "/state")
        #expect(result.status == 1)
        #expect(result.standardError.contains("missing.secret"), "\(result.standardError)")
    }

    @Test func aMissingDirectoryExits2() async throws {
        let result = try await EdgewiseBinary.run("run", "--config", "/nonexistent/edgewise")
        #expect(result.status == 2)
    }
}
