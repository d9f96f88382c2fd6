import EdgewiseTesting

/// Runs the built `edgewise` executable, as a user would.
enum EdgewiseBinary {
    static var path: String { BuiltProducts.executable("edgewise") }

    static var fixtures: String { RepositoryPaths.root() + "/Tests/EdgewiseCLITests/Fixtures" }

    static func run(_ arguments: String..., in directory: String? = nil, environment: [String: String]? = nil) async throws -> (status: Int32, standardOutput: String, standardError: String) {
        try await ChildProcess.run(path, arguments: arguments, environment: environment, workingDirectory: directory, timeout: .seconds(60))
    }
}
