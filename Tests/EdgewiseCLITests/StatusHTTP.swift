import EdgewiseTesting
import Foundation

/// Asks a running gateway's status endpoint, with `curl` as a user would.
enum StatusHTTP {
    struct Answer {
        var status: Int
        var body: String

        /// The body as a JSON object.
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
                throw HarnessError("not a JSON object: \(body)")
            }
            return object
        }
    }

    /// `GET http://HOST:PORT/PATH`, with `Authorization: Bearer TOKEN` when given.
    static func get(_ path: String, port: Int, host: String = "127.0.0.1", token: String? = nil) async throws -> Answer {
        var arguments = ["-s", "--max-time", "20", "-w", "\n%{http_code}", "http://\(host):\(port)\(path)"]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        let result = try await ChildProcess.run("/usr/bin/curl", arguments: arguments, timeout: .seconds(60))
        guard result.status == 0 else { throw HarnessError("curl \(path) failed (\(result.status)): \(result.standardError)") }
        let output = result.standardOutput
        guard let newline = output.lastIndex(of: "\n"), let status = Int(output[output.index(after: newline)...]) else {
            throw HarnessError("no status in curl's output: \(output)")
        }
        return Answer(status: status, body: String(output[..<newline]))
    }

    /// Asks `path` until `accept` holds for the answer (polling: the gateway works on its own
    /// time), and returns that answer; fails with the last answer after `timeout`.
    static func waitFor(
        _ path: String, port: Int, timeout: Duration = .seconds(60), _ accept: (Answer) throws -> Bool
    ) async throws -> Answer {
        let deadline = ContinuousClock.now + timeout
        while true {
            let answer = try await get(path, port: port)
            if (try? accept(answer)) == true { return answer }
            guard ContinuousClock.now < deadline else { throw HarnessError("\(path) did not become as expected; last answer: \(answer.status) \(answer.body)") }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}

extension [String: Any] {
    /// The element of the array at `key` whose `field` is `value`.
    func entry(_ key: String, where field: String, is value: String) -> [String: Any]? {
        (self[key] as? [[String: Any]])?.first { $0[field] as? String == value }
    }
}
