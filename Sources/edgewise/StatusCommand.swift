import ArgumentParser
import EdgewiseConfig
import EdgewiseCore
import EdgewiseStatus

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `edgewise status`: asks a running gateway's status endpoint (`/status`, `/readyz`, `/healthz`)
/// and prints a compact summary, or the JSON with `--json`; the exit code tells scripts and
/// monitoring whether the gateway is ready.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Ask a running gateway how it is: connections, devices offline, rules, buffer, readiness.",
        discussion: """
            Reads /status, /readyz and /healthz from the gateway's status endpoint: --url, else \
            status.listen of --config DIR, else http://127.0.0.1:8080. With a token file configured, \
            pass it with --token-file (with --config, status.token_file is used by default).

            Exit codes: 0 the gateway is ready; 1 it answers but is not ready, stalled, or cannot \
            report its status in time; 2 no usable answer (unreachable, timed out, 401 because the \
            token is missing or wrong, not an Edgewise status endpoint, unreadable token file or \
            configuration); 64 wrong usage.
            """
    )

    @Option(help: ArgumentHelp(
        "The status endpoint, http://HOST:PORT (default: status.listen from --config, else http://127.0.0.1:8080).", valueName: "URL"))
    var url: String?

    @Option(name: [.short, .long], help: ArgumentHelp("A config directory whose status.listen and status.token_file to use.", valueName: "DIR"))
    var config: String?

    @Option(help: ArgumentHelp("A file holding the bearer token (the gateway's status.token_file).", valueName: "PATH"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("How long to wait for the answers, e.g. 10s.", valueName: "DURATION"))
    var timeout: String = "10s"

    @Flag(help: "Print {\"readiness\": <the /readyz answer>, \"status\": <the /status answer>} as JSON instead of the summary.")
    var json = false

    /// The exit code when there is no usable answer.
    static let noAnswer = ExitCode(2)

    func validate() throws {
        if let url { _ = try StatusEndpoint.parse(url) }
        _ = try deadline()
    }

    func run() async throws {
        let (endpoint, configuredTokenFile) = try resolveEndpoint()
        let tokenPath = tokenFile ?? configuredTokenFile
        let token = tokenPath.map(Self.readToken)
        let client = StatusHTTPClient(
            host: endpoint.host, port: endpoint.port, authority: endpoint.authority, timeout: try deadline(), token: token)

        async let statusAnswer = Self.ask(client, endpoint.target("status"))
        async let readyAnswer = Self.ask(client, endpoint.target("readyz"))
        async let healthAnswer = Self.ask(client, endpoint.target("healthz"))
        let answers = await (status: statusAnswer, ready: readyAnswer, health: healthAnswer)

        var responses: [StatusHTTPClient.Response] = []
        for (path, answer) in [("/status", answers.status), ("/readyz", answers.ready), ("/healthz", answers.health)] {
            switch answer {
            case .success(let response):
                responses.append(response)
                if response.status == 401 {
                    let advice = tokenPath.map { "the gateway did not accept the token in \($0)" }
                        ?? "it requires a bearer token: pass --token-file with the gateway's status.token_file"
                    fail("\(endpoint) answered 401 Unauthorized: \(advice)")
                }
                guard response.status == 200 || response.status == 503 else {
                    fail("\(endpoint) answered \(path) with \(response.status): is it an Edgewise status endpoint?")
                }
            case .failure(let failure):
                fail("cannot reach the gateway at \(endpoint): \(failure)")
            }
        }
        let (status, ready, health) = (responses[0], responses[1], responses[2])
        let summary = Self.summary(status: status, ready: ready, health: health, from: endpoint)
        if json {
            print(#"{"readiness": \#(ready.body.trimmingTrailingNewlines()), "status": \#(status.body.trimmingTrailingNewlines())}"#)
        } else {
            for line in summary.lines() { print(line) }
        }
        if !summary.isHealthy { throw ExitCode(1) }
    }

    /// The three answers read: `/readyz` and `/status` (200 or 503) as JSON, `/healthz` as text.
    private static func summary(
        status: StatusHTTPClient.Response, ready: StatusHTTPClient.Response, health: StatusHTTPClient.Response, from endpoint: StatusEndpoint
    ) -> StatusSummary {
        let decoder = JSONDecoder()
        do {
            let readiness = try decoder.decode(Readiness.self, from: Data(ready.body.utf8))
            var summary = StatusSummary(readiness: readiness, health: health.status == 200 ? .alive : .stalled(stalledReason(health.body)))
            if status.status == 200 {
                summary.status = try decoder.decode(GatewayStatus.self, from: Data(status.body.utf8))
            } else {
                summary.statusError = try decoder.decode(ErrorAnswer.self, from: Data(status.body.utf8)).error
            }
            return summary
        } catch {
            fail("\(endpoint) did not answer with the JSON of an Edgewise status endpoint: \(error)")
        }
    }

    /// `/status`'s 503 answer.
    private struct ErrorAnswer: Decodable {
        var error: String
    }

    /// `/healthz`'s `stalled: REASON` without the prefix.
    private static func stalledReason(_ body: String) -> String {
        let text = body.trimmingTrailingNewlines()
        return text.hasPrefix("stalled: ") ? String(text.dropFirst("stalled: ".count)) : text
    }

    private static func ask(_ client: StatusHTTPClient, _ target: String) async -> Result<StatusHTTPClient.Response, StatusHTTPClient.Failure> {
        do {
            return .success(try await client.get(target))
        } catch {
            return .failure(error)
        }
    }

    private func deadline() throws(ValidationError) -> Duration {
        let duration: Duration
        do {
            duration = try DurationSyntax.parse(timeout)
        } catch {
            throw ValidationError("--timeout \(timeout): \(error.message)")
        }
        guard duration > .zero else { throw ValidationError("--timeout must be longer than 0s") }
        return duration
    }

    /// The endpoint, and the token file the configuration names (when `--config` is given).
    private func resolveEndpoint() throws -> (StatusEndpoint, String?) {
        guard let config else { return (try url.map(StatusEndpoint.parse) ?? .standard, nil) }
        let result: ConfigLoader.Result
        do {
            result = try ConfigLoader.load(directory: config)
        } catch {
            fail("\(error)")
        }
        guard let configuration = result.configuration else {
            fail("the configuration in \(config) has \(StatusSummary.count(result.errors.count, "error")); run 'edgewise check --config \(config)'")
        }
        let status = configuration.gateway.status
        return (try url.map(StatusEndpoint.parse) ?? StatusEndpoint(listen: status.listen), status.tokenFile)
    }

    private static func readToken(_ path: String) -> String {
        do {
            return try StatusTokenFile.read(path)
        } catch {
            fail("\(error)")
        }
    }
}

/// Prints `edgewise status: error: MESSAGE` to standard error and exits 2 (no usable answer).
private func fail(_ message: String) -> Never {
    StandardError.write("edgewise status: error: \(message)")
    StatusCommand.exit(withError: StatusCommand.noAnswer)
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
