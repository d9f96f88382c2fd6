import EdgewiseTesting
import Foundation
import Testing

/// `scripts/install` and `scripts/build-deb` with the debug binary (`EDGEWISE_BINARY`): the layout
/// and the package metadata, without the minutes a release build takes.
@Suite("Installing: scripts/install into a DESTDIR, and the .deb")
struct InstallTests {
    static let configFiles = ["gateway.yaml", "devices/greenhouse-air.yaml", "devices/hvac.yaml", "rules/cooling.yaml", "rules/cooling.test.yaml"]

    static func script(_ name: String, arguments: [String] = [], environment extra: [String: String]) async throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["EDGEWISE_BINARY"] = EdgewiseBinary.path
        environment.merge(extra) { _, new in new }
        let result = try await ChildProcess.run(
            RepositoryPaths.root() + "/scripts/" + name, arguments: arguments, environment: environment, timeout: .seconds(300))
        #expect(result.status == 0, "\(name) failed:\n\(result.standardOutput)\(result.standardError)")
        return result.standardOutput
    }

    static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

    @Test func installsTheBinaryUnitUserAndExampleConfigUnderDESTDIR() async throws {
        let stage = try TemporaryDirectory()
        let root = stage.path
        _ = try await Self.script("install", environment: ["DESTDIR": root])

        #expect(Self.isExecutable(root + "/usr/bin/edgewise"))
        let unit = try FileSystem.read(root + "/usr/lib/systemd/system/edgewise.service")
        #expect(unit.contains("ExecStart=/usr/bin/edgewise run --config /etc/edgewise"))
        #expect(unit.contains("Type=notify"))
        let sysusers = try FileSystem.read(root + "/usr/lib/sysusers.d/edgewise.conf")
        #expect(sysusers.contains("u edgewise"))
        #expect(sysusers.contains("m edgewise dialout"))
        #expect(FileManager.default.fileExists(atPath: root + "/usr/share/doc/edgewise/deployment.md"))
        for file in Self.configFiles {
            #expect(try FileSystem.read(root + "/etc/edgewise/" + file) == FileSystem.read(RepositoryPaths.root() + "/" + file), "\(file)")
        }
        // The installed binary runs, and the installed config is valid.
        let check = try await ChildProcess.run(root + "/usr/bin/edgewise", arguments: ["check", "--config", root + "/etc/edgewise"])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
    }

    @Test func anUpgradeLeavesTheUsersConfigAlone() async throws {
        let stage = try TemporaryDirectory()
        _ = try await Self.script("install", environment: ["DESTDIR": stage.path])
        let edited = "# my gateway\n" + (try FileSystem.read(stage.path + "/etc/edgewise/gateway.yaml"))
        _ = try stage.write(edited, to: "etc/edgewise/gateway.yaml")
        try FileManager.default.removeItem(atPath: stage.path + "/etc/edgewise/devices/hvac.yaml")

        let output = try await Self.script("install", environment: ["DESTDIR": stage.path])
        #expect(try FileSystem.read(stage.path + "/etc/edgewise/gateway.yaml") == edited)
        #expect(!FileManager.default.fileExists(atPath: stage.path + "/etc/edgewise/devices/hvac.yaml"), "a deleted device stays deleted")
        #expect(FileManager.default.fileExists(atPath: stage.path + "/usr/share/doc/edgewise/examples/devices/hvac.yaml"))
        #expect(output.contains("kept the existing config in /etc/edgewise"), "\(output)")
    }

    @Test func prefixMovesTheBinaryAndTheUnitFollowsIt() async throws {
        let stage = try TemporaryDirectory()
        _ = try await Self.script("install", environment: ["DESTDIR": stage.path, "PREFIX": "/usr/local"])
        #expect(Self.isExecutable(stage.path + "/usr/local/bin/edgewise"))
        let unit = try FileSystem.read(stage.path + "/usr/local/lib/systemd/system/edgewise.service")
        #expect(unit.contains("ExecStart=/usr/local/bin/edgewise run --config /etc/edgewise"))
        #expect(FileManager.default.fileExists(atPath: stage.path + "/etc/edgewise/gateway.yaml"), "config stays in /etc")
    }

    @Test func aMissingBinaryIsAnErrorThatSaysWhich() async throws {
        let stage = try TemporaryDirectory()
        var environment = ProcessInfo.processInfo.environment
        environment["DESTDIR"] = stage.path
        environment["EDGEWISE_BINARY"] = stage.path + "/nothing-here"
        let result = try await ChildProcess.run(RepositoryPaths.root() + "/scripts/install", environment: environment)
        #expect(result.status == 1)
        #expect(result.standardError.contains("EDGEWISE_BINARY=\(stage.path)/nothing-here is not an executable file"))
    }

    @Test func theDebHasItsDependenciesConffilesMaintainerScriptsAndLayout() async throws {
        let output = try TemporaryDirectory()
        _ = try await Self.script("build-deb", arguments: ["--output", output.path], environment: ["EDGEWISE_DEB_COMPRESSION": "none"])
        let debs = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".deb") }
        let deb = output.path + "/" + (try #require(debs.first))
        #expect(debs == ["edgewise_\(try Self.version())_\(try await Self.architecture()).deb"])

        let info = try await ChildProcess.run("dpkg-deb", arguments: ["--info", deb])
        #expect(info.status == 0, "\(info.standardError)")
        let control = try await ChildProcess.run("dpkg-deb", arguments: ["--field", deb, "Package", "Version", "Depends"])
        #expect(control.standardOutput.contains("Package: edgewise"))
        let depends = try #require(control.standardOutput.split(separator: "\n").first { $0.hasPrefix("Depends:") })
        for library in ["libmosquitto1", "libmodbus5", "libsqlite3-0"] {
            #expect(depends.contains(library), "\(depends)")
        }
        for script in ["postinst", "prerm", "postrm", "conffiles"] {
            #expect(info.standardOutput.contains(" \(script)"), "\(script) missing:\n\(info.standardOutput)")
        }
        let conffiles = try await ChildProcess.run("dpkg-deb", arguments: ["--info", deb, "conffiles"])
        #expect(Set(conffiles.standardOutput.split(separator: "\n").map(String.init)) == Set(Self.configFiles.map { "/etc/edgewise/" + $0 }))
        let postinst = try await ChildProcess.run("dpkg-deb", arguments: ["--info", deb, "postinst"])
        #expect(postinst.standardOutput.contains("systemd-sysusers /usr/lib/sysusers.d/edgewise.conf"))
        #expect(postinst.standardOutput.contains("deb-systemd-helper enable 'edgewise.service'"))

        let contents = try await ChildProcess.run("dpkg-deb", arguments: ["--contents", deb])
        let entries = contents.standardOutput.split(separator: "\n")
        for path in ["./usr/bin/edgewise", "./usr/lib/systemd/system/edgewise.service", "./usr/lib/sysusers.d/edgewise.conf", "./etc/edgewise/gateway.yaml"] {
            let entry = entries.first { $0.hasSuffix(" " + path) }
            #expect(entry?.contains("root/root") == true, "\(path): \(entry ?? "missing")")
        }
        #expect(entries.first { $0.hasSuffix(" ./usr/bin/edgewise") }?.hasPrefix("-rwxr-xr-x") == true)
    }

    static func version() throws -> String {
        let source = try FileSystem.read(RepositoryPaths.root() + "/Sources/EdgewiseCore/EdgewiseVersion.swift")
        return String(try #require(source.firstMatch(of: /current = "([^"]+)"/)).output.1)
    }

    static func architecture() async throws -> String {
        try await ChildProcess.run("dpkg", arguments: ["--print-architecture"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
