import EdgewiseCore
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client for `edgewise status`: one `GET` per connection over SwiftNIO, with a
/// deadline for the whole exchange (connect, request, answer). Not a general client: no TLS, no
/// redirects, no keep-alive, and answers larger than ``maximumBodySize`` are refused.
struct StatusHTTPClient: Sendable {
    /// One complete answer.
    struct Response: Sendable {
        var status: Int
        var body: String
    }

    /// Why there is no answer.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// Nothing answered: the connection was refused, the host has no address, the network is down.
        case unreachable(String)
        /// No complete answer within the deadline.
        case timedOut(Duration)
        /// Something answered, but not with a usable HTTP answer.
        case badResponse(String)

        var description: String {
            switch self {
            case .unreachable(let reason): reason
            case .timedOut(let timeout): "no answer within \(DurationSyntax.format(timeout))"
            case .badResponse(let reason): reason
            }
        }
    }

    /// The largest body read; a gateway's `/status` is a few kilobytes to a few megabytes.
    static let maximumBodySize = 64 * 1_024 * 1_024

    let host: String
    let port: Int
    /// The `Host` header.
    let authority: String
    /// The whole exchange's deadline.
    let timeout: Duration
    /// Sent as `Authorization: Bearer TOKEN` when set.
    let token: String?

    /// Sends `GET target` and returns the answer, whatever its status.
    func get(_ target: String) async throws(Failure) -> Response {
        let timeout = timeout
        do {
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await exchange(target) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let response = try await group.next()! else { throw Failure.timedOut(timeout) }
                return response
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Self.failure(for: error)
        }
    }

    private func exchange(_ target: String) async throws -> Response {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target)
        head.headers.add(name: "Host", value: authority)
        head.headers.add(name: "User-Agent", value: "edgewise-status/\(EdgewiseVersion.current)")
        head.headers.add(name: "Accept", value: "application/json, text/plain")
        head.headers.add(name: "Connection", value: "close")
        if let token { head.headers.add(name: "Authorization", value: "Bearer \(token)") }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(.head(head))
            try await outbound.write(.end(nil))
            var status: Int?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let response):
                    status = Int(response.status.code)
                case .body(var chunk):
                    guard body.readableBytes + chunk.readableBytes <= Self.maximumBodySize else {
                        throw Failure.badResponse("the answer is larger than \(Self.maximumBodySize / 1_048_576) MiB")
                    }
                    body.writeBuffer(&chunk)
                case .end:
                    guard let status else { throw Failure.badResponse("an answer without a status line") }
                    return Response(status: status, body: String(buffer: body))
                }
            }
            throw Failure.badResponse("the connection closed before the answer was complete")
        }
    }

    /// What NIO's errors mean to a user: `connection refused`, `cannot resolve HOST`, ….
    static func failure(for error: any Error) -> Failure {
        switch error {
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return failure(for: first.error) }
            return .unreachable("cannot resolve \(error.host)")
        case let error as IOError:
            return .unreachable(String(cString: strerror(error.errnoCode)).lowercased())
        case ChannelError.connectTimeout:
            return .unreachable("the connection timed out")
        case let error as HTTPParserError:
            return .badResponse("not an HTTP answer (\(error))")
        default:
            return .unreachable("\(error)")
        }
    }
}
