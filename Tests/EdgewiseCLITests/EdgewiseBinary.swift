import Foundation
import EdgewiseTesting

/// Runs the built `edgewise` executable, as a user would.
enum EdgewiseBinary {
    static var path: String { BuiltProducts.executable("edgewise") }

    static var fixtures: String { RepositoryPaths.root() + "/Tests/EdgewiseCLITests/Fixtures" }

    /// A copy of the repository's example config in a temporary directory, with the local broker
    /// at `brokerPort` (by default a free port nothing listens on), the status endpoint on
    /// `statusPort` (by default a free port, so that tests running at once do not compete for
    /// 8080) and a `state/` directory beside it.
    static func exampleConfig(brokerPort: Int? = nil, statusPort: Int? = nil) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for file in ["gateway.yaml", "devices/greenhouse-air.yaml", "devices/hvac.yaml", "rules/cooling.yaml"] {
            var text = try FileSystem.read(RepositoryPaths.root() + "/" + file)
            if file == "gateway.yaml" {
                let port = try brokerPort ?? FreePort.loopback()
                text = text.replacingOccurrences(of: "mqtt://127.0.0.1:1883", with: "mqtt://127.0.0.1:\(port)")
                    .replacingOccurrences(of: "mqtt://127.0.0.1:1884", with: "mqtt://127.0.0.1:\(try FreePort.loopback())")
                    .replacingOccurrences(of: "/var/lib/edgewise/buffer.db", with: directory.path + "/state/buffer.db")
                    .replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(try statusPort ?? FreePort.loopback())")
            }
            try directory.write(text, to: file)
        }
        return directory
    }

    static func run(_ arguments: String..., in directory: String? = nil, environment: [String: String]? = nil) async throws -> (status: Int32, standardOutput: String, standardError: String) {
        try await ChildProcess.run(path, arguments: arguments, environment: environment, workingDirectory: directory, timeout: .seconds(60))
    }
}
