import Dispatch
import Glibc

/// A deliberately small HTTP/1.1 client over a plain socket, so that the tests see exactly what
/// the server writes (status line, headers, body) and can also misbehave (connect and send nothing).
///
/// Each request uses its own connection with `Connection: close` and reads until the server closes
/// it. The blocking socket calls run on a thread of their own (a private serial queue, which
/// Dispatch serves from its overcommitting pool): not on Swift's cooperative pool nor on
/// `DispatchQueue.global()`, which on Linux share a pool as wide as the machine has cores (two
/// here), so that a few blocked calls would starve the server and the other tests.
enum RawHTTPClient {
    struct Response: CustomStringConvertible {
        var status: Int
        /// Header names lower-cased, in the order received.
        var headers: [(name: String, value: String)]
        var body: String

        /// The value of the first header named `name` (case-insensitive).
        func header(_ name: String) -> String? {
            headers.first { $0.name == name.lowercased() }?.value
        }

        var description: String { "\(status) \(headers.map { "\($0.name): \($0.value)" }) \(body.debugDescription)" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// How long a socket call may block before the test fails instead of hanging.
    static let socketTimeout = Duration.seconds(10)

    /// Sends `METHOD PATH` with `headers` to 127.0.0.1:`port` and returns the parsed answer.
    static func request(_ path: String, port: Int, method: String = "GET", headers: [(String, String)] = []) async throws -> Response {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        let raw = try await exchange(Array(text.utf8), port: port)
        return try parse(raw)
    }

    /// Connects, sends `bytes` (possibly none), and returns everything the server sends until it
    /// closes the connection.
    static func exchange(_ bytes: [UInt8], port: Int) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "RawHTTPClient").async {
                continuation.resume(with: Result { try blockingExchange(bytes, port: port) })
            }
        }
    }

    private static func blockingExchange(_ bytes: [UInt8], port: Int) throws -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: Int(socketTimeout.components.seconds), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw failure("connect to 127.0.0.1:\(port)") }
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw failure("send") }
            sent += count
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1_024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return received }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw failure("recv (after \(received.count) bytes)")
            }
            received += chunk[..<count]
        }
    }

    private static func failure(_ call: String) -> Failure {
        Failure(description: "\(call): \(String(cString: strerror(errno)))")
    }

    /// Splits a complete HTTP/1.1 response into status, headers and body (a `Content-Length` body,
    /// or everything up to the close).
    static func parse(_ raw: [UInt8]) throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = raw.indices.first(where: { raw[$0...].starts(with: separator) }) else {
            throw Failure(description: "no complete header block in \(String(decoding: raw, as: UTF8.self).debugDescription)")
        }
        let lines = String(decoding: raw[..<end], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines[0].split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line \(lines[0].debugDescription)")
        }
        let headers = lines.dropFirst().map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            let value = line[colon...].dropFirst().drop(while: { $0 == " " })
            return (line[..<colon].lowercased(), String(value))
        }
        return Response(status: status, headers: headers, body: String(decoding: raw[(end + separator.count)...], as: UTF8.self))
    }
}
