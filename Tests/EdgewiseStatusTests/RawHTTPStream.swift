import Dispatch
import Glibc
import Synchronization

/// A long-lived HTTP/1.1 connection for streamed answers (`/events`): sends one request, then reads
/// the head and the chunked body piece by piece, as a test needs it. Blocking socket calls run on
/// the connection's own serial queue, as in ``RawHTTPClient``.
final class RawHTTPStream: Sendable {
    private let fd: Int32
    private let queue = DispatchQueue(label: "RawHTTPStream")
    /// Bytes received and not yet consumed, and whether the server has closed the connection.
    private let received = Mutex<(bytes: [UInt8], closed: Bool)>(([], false))

    /// Connects to 127.0.0.1:`port` and sends `GET path` (with `headers`).
    init(_ path: String, port: Int, headers: [(String, String)] = []) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPClient.Failure(description: "socket failed") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw RawHTTPClient.Failure(description: "connect to 127.0.0.1:\(port) failed")
        }
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        let bytes = Array((request + "\r\n").utf8)
        guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            close(fd)
            throw RawHTTPClient.Failure(description: "send failed")
        }
    }

    deinit { close(fd) }

    /// Closes the connection from the client's side, as a browser tab that goes away.
    func disconnect() { shutdown(fd, Int32(SHUT_RDWR)) }

    /// Reads until the response head is complete and returns it (status and headers; the body is
    /// left for ``readBody(until:)``).
    func readHead() async throws -> RawHTTPClient.Response {
        let separator = Array("\r\n\r\n".utf8)
        let head = try await read { bytes in
            guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
            return end + separator.count
        }
        return try RawHTTPClient.parse(head)
    }

    /// Reads chunks of the body until their text contains `marker` (or the final chunk came, when
    /// `marker` is `nil`), and returns the text of the chunks read.
    func readBody(until marker: String?) async throws -> String {
        var text = ""
        while true {
            let chunk = try await readChunk()
            guard let chunk else {
                if marker == nil { return text }
                throw RawHTTPClient.Failure(description: "the stream ended before \(marker!.debugDescription); got \(text.debugDescription)")
            }
            text += chunk
            if let marker, text.contains(marker) { return text }
        }
    }

    /// One chunk's data; `nil` for the final (empty) chunk.
    private func readChunk() async throws -> String? {
        let crlf = Array("\r\n".utf8)
        let sizeLine = try await read { bytes in
            bytes.indices.first { bytes[$0...].starts(with: crlf) }.map { $0 + crlf.count }
        }
        guard let size = Int(String(decoding: sizeLine.dropLast(2), as: UTF8.self), radix: 16) else {
            throw RawHTTPClient.Failure(description: "bad chunk size line \(String(decoding: sizeLine, as: UTF8.self).debugDescription)")
        }
        let data = try await read { $0.count >= size + 2 ? size + 2 : nil }
        return size == 0 ? nil : String(decoding: data.prefix(size), as: UTF8.self)
    }

    /// Waits until `complete` finds a whole piece at the start of the unread bytes (it returns the
    /// piece's length), consumes the piece and returns it.
    private func read(_ complete: @escaping @Sendable ([UInt8]) -> Int?) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [self] in
                continuation.resume(with: Result { try blockingRead(complete) })
            }
        }
    }

    private func blockingRead(_ complete: ([UInt8]) -> Int?) throws -> [UInt8] {
        while true {
            let piece: [UInt8]? = received.withLock { received in
                guard let length = complete(received.bytes) else { return nil }
                defer { received.bytes.removeFirst(length) }
                return Array(received.bytes.prefix(length))
            }
            if let piece { return piece }
            if received.withLock({ $0.closed }) { throw RawHTTPClient.Failure(description: "the server closed the connection") }
            var chunk = [UInt8](repeating: 0, count: 16 * 1_024)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw RawHTTPClient.Failure(description: "recv: \(String(cString: strerror(errno)))")
            }
            received.withLock { received in
                if count == 0 { received.closed = true } else { received.bytes += chunk[..<count] }
            }
        }
    }

    /// Whether the server has closed the connection, waiting for it up to the socket timeout.
    func waitForClose() async throws -> Bool {
        do {
            _ = try await read { _ in nil }
            return false
        } catch {
            return received.withLock { $0.closed }
        }
    }
}
