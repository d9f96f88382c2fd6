import EdgewiseTesting
import Foundation
import Testing

/// The shipped unit, checked by systemd's own tools where they are installed.
@Suite("systemd/edgewise.service passes systemd-analyze")
struct SystemdUnitTests {
    static let analyze = "/usr/bin/systemd-analyze"
    static var unit: String { RepositoryPaths.root() + "/systemd/edgewise.service" }

    /// A copy of the unit whose ExecStart is the built binary: `verify` checks that the program
    /// exists, and /usr/bin/edgewise is not installed on a build machine.
    static func unitForThisBuild(in directory: TemporaryDirectory) throws -> String {
        let text = try FileSystem.read(unit).replacingOccurrences(of: "/usr/bin/edgewise", with: EdgewiseBinary.path)
        return try directory.write(text, to: "edgewise.service")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: analyze), "systemd-analyze is not installed (apt install systemd)"))
    func verifyFindsNothingToComplainAbout() async throws {
        let directory = try TemporaryDirectory()
        let copy = try Self.unitForThisBuild(in: directory)
        let result = try await ChildProcess.run(Self.analyze, arguments: ["verify", copy])
        #expect(result.status == 0)
        // Unknown keys and bad values are only warnings (exit 0): any output is a problem.
        #expect(result.standardOutput.isEmpty && result.standardError.isEmpty, "\(result.standardOutput)\(result.standardError)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: analyze), "systemd-analyze is not installed (apt install systemd)"))
    func securityExposureIsAtMostTwo() async throws {
        let result = try await ChildProcess.run(Self.analyze, arguments: ["security", "--offline=yes", "--no-pager", Self.unit])
        let summary = result.standardOutput.split(separator: "\n").first { $0.contains("Overall exposure level") }
        try #require(summary != nil, "no exposure figure (systemd older than 250 lacks --offline):\n\(result.standardOutput)\(result.standardError)")
        let figure = try #require(summary!.firstMatch(of: /: (\d+\.\d)/).flatMap { Double($0.output.1) })
        #expect(figure <= 2.0, "exposure \(figure):\n\(result.standardOutput)")
    }

    @Test func theUnitIsANotifyServiceWithAWatchdogAndTheHardeningTheIssueAsksFor() throws {
        let lines = Set(try FileSystem.read(Self.unit).split(separator: "\n").map(String.init))
        for setting in [
            "Type=notify", "WatchdogSec=30s", "Restart=on-failure", "ExecReload=/bin/kill -HUP $MAINPID", "StateDirectory=edgewise",
            "ConfigurationDirectory=edgewise", "User=edgewise", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes",
            "CapabilityBoundingSet=", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", "SystemCallFilter=@system-service", "DevicePolicy=closed",
        ] {
            #expect(lines.contains(setting), "missing \(setting)")
        }
    }
}
