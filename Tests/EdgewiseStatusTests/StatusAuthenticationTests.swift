import EdgewiseCore
import EdgewiseStatus
import EdgewiseTesting
import Glibc
import InMemoryLogging
import Logging
import Testing

@Suite("The status endpoint's bearer token")
struct StatusAuthenticationTests {
    static let token = "3f6c1e9a0b7d4c2e8f5a6b1c0d9e8f7a"

    /// A server that requires the token in a file, with the file's directory kept alive.
    static func withTokenServer(fileContents: String = token + "\n", _ body: (Int) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(fileContents, to: "status.token")
        try await StatusServerHarness.withServer(configure: { $0.tokenFile = path }, body)
    }

    @Test(arguments: ["/healthz", "/readyz", "/status", "/metrics", "/nope"])
    func aRequestWithoutTheTokenIs401WithABearerChallenge(path: String) async throws {
        try await Self.withTokenServer { port in
            let response = try await RawHTTPClient.request(path, port: port)
            #expect(response.status == 401)
            #expect(response.header("www-authenticate") == #"Bearer realm="edgewise""#)
            #expect(response.body == "a bearer token is required\n")
        }
    }

    @Test func headWithoutTheTokenIs401WithoutABody() async throws {
        try await Self.withTokenServer { port in
            let response = try await RawHTTPClient.request("/status", port: port, method: "HEAD")
            #expect(response.status == 401)
            #expect(response.header("www-authenticate") == #"Bearer realm="edgewise""#)
            #expect(response.body.isEmpty)
        }
    }

    @Test(arguments: [
        "Bearer wrong", "Bearer \(token)x", "Bearer \(token.dropLast())", "Bearer " + String(token.reversed()), "Bearer ",
    ])
    func aWrongTokenIs401(authorization: String) async throws {
        try await Self.withTokenServer { port in
            let response = try await RawHTTPClient.request("/status", port: port, headers: [("Authorization", authorization)])
            #expect(response.status == 401)
            #expect(response.header("www-authenticate")?.hasPrefix("Bearer realm=\"edgewise\"") == true)
        }
    }

    @Test(arguments: ["Basic \(token)", "Token \(token)", token])
    func anotherSchemeCountsAsNoToken(authorization: String) async throws {
        try await Self.withTokenServer { port in
            let response = try await RawHTTPClient.request("/status", port: port, headers: [("Authorization", authorization)])
            #expect(response.status == 401)
            #expect(response.header("www-authenticate") == #"Bearer realm="edgewise""#)
        }
    }

    @Test(arguments: ["Bearer \(token)", "bearer \(token)", "BEARER  \(token)"])
    func theRightTokenIsAccepted(authorization: String) async throws {
        try await Self.withTokenServer { port in
            for path in ["/healthz", "/readyz", "/status", "/metrics"] {
                let response = try await RawHTTPClient.request(path, port: port, headers: [("Authorization", authorization)])
                #expect(response.status == 200, "\(path)")
            }
            // With the token, the other rules apply as usual.
            let unknown = try await RawHTTPClient.request("/nope", port: port, headers: [("Authorization", authorization)])
            #expect(unknown.status == 404)
            let post = try await RawHTTPClient.request("/status", port: port, method: "POST", headers: [("Authorization", authorization), ("Content-Length", "0")])
            #expect(post.status == 405)
        }
    }

    @Test func theTokenFileMayHaveSurroundingWhitespace() async throws {
        try await Self.withTokenServer(fileContents: "  \(Self.token)\r\n\n") { port in
            let response = try await RawHTTPClient.request("/healthz", port: port, headers: [("Authorization", "Bearer \(Self.token)")])
            #expect(response.status == 200)
        }
    }

    @Test(arguments: [(0o644 as mode_t, true), (0o640, false), (0o600, false)])
    func aTokenFileEveryUserCanReadIsWarnedAbout(mode: mode_t, warned: Bool) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Self.token, to: "status.token")
        #expect(chmod(path, mode) == 0)
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        let captured = handler
        _ = try StatusServer(
            configuration: .init(tokenFile: path), source: FakeStatusSource(), metrics: GatewayMetrics(),
            logger: Logger(label: "status-test", factory: { _ in captured }))
        let warnings = handler.entries.filter { $0.level == .warning }
        #expect(warnings.map { "\($0.message)" } == (warned ? ["Status token file is readable by every user of this machine"] : []))
        #expect(warnings.first.map { $0.metadata["status.token_file"] == "\(path)" } ?? true)
    }

    @Test func aMissingTokenFileStopsTheServerFromStarting() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/missing.token"
        let error = #expect(throws: StatusServerError.self) {
            try StatusServer(
                configuration: .init(listen: HostAndPort(host: "127.0.0.1", port: 8080), tokenFile: path), source: FakeStatusSource(),
                metrics: GatewayMetrics(), logger: StatusServerHarness.logger)
        }
        #expect(error?.message == "status.token_file: cannot open \(path): No such file or directory")
        #expect(error?.hint != nil)
    }

    @Test func anUnreadableTokenFileStopsTheServerFromStarting() throws {
        let directory = try TemporaryDirectory()
        // A directory opens, but cannot be read as a file.
        let error = #expect(throws: StatusServerError.self) {
            try StatusServer(
                configuration: .init(tokenFile: directory.path), source: FakeStatusSource(), metrics: GatewayMetrics(),
                logger: StatusServerHarness.logger)
        }
        #expect(error?.message == "status.token_file: cannot read \(directory.path): Is a directory")
    }

    @Test(arguments: [
        ("", "the token is empty"), (" \n\t\n", "the token is empty"), ("two words\n", "the token has spaces or characters other than visible ASCII"),
        ("caf\u{E9}\n", "the token has spaces or characters other than visible ASCII"),
        (String(repeating: "a", count: 4_097), "the token is longer than 4096 characters"),
    ])
    func aTokenFileWithoutAUsableTokenStopsTheServerFromStarting(contents: String, problem: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(contents, to: "status.token")
        let error = #expect(throws: StatusServerError.self) {
            try StatusServer(
                configuration: .init(tokenFile: path), source: FakeStatusSource(), metrics: GatewayMetrics(), logger: StatusServerHarness.logger)
        }
        #expect(error?.message == "status.token_file: \(path): \(problem)")
    }

    @Test(arguments: ["0.0.0.0", "192.168.1.10", "::"])
    func aNonLoopbackAddressWithoutATokenFileStopsTheServerFromStarting(host: String) {
        let error = #expect(throws: StatusServerError.self) {
            try StatusServer(
                configuration: .init(listen: HostAndPort(host: host, port: 8080)), source: FakeStatusSource(), metrics: GatewayMetrics(),
                logger: StatusServerHarness.logger)
        }
        #expect(error?.message.hasPrefix("status.listen: \(HostAndPort(host: host, port: 8080)) is not a loopback address") == true)
    }
}
