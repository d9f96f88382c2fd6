import EdgewiseCore
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The gateway's local HTTP status endpoint: `GET /healthz`, `/readyz`, `/status`, `/metrics` and
/// `/events` (docs/status.md), answered from a ``StatusSource``, a ``GatewayMetrics`` registry and
/// a ``StatusEventFeed``.
///
/// A `Service`: add it to the gateway's `ServiceGroup`; `run()` listens until graceful shutdown,
/// then lets requests in progress finish and returns. Hummingbird 2 serves HTTP/1.1 on SwiftNIO's
/// shared event loops; the gateway's own tasks never wait for it.
///
/// Security: read-only (GET and HEAD only), loopback unless configured otherwise, and with a bearer
/// token from `status.token_file` whenever one is configured, which a non-loopback address requires.
/// The limits of ``Configuration`` bound what slow or many clients can hold.
///
/// Keep one server for the life of the process (across configuration reloads), with a source that
/// reads from the current configuration's services: a reload then does not drop the port.
public struct StatusServer: Service {
    let application: Application<StatusResponder>
    let address: HostAndPort
    let events: StatusEventFeed?
    /// Set once the socket listens, to tell a failure to bind from a later one.
    private let listening = ListeningFlag()

    /// Prepares the server; nothing listens until ``run()``.
    ///
    /// - Parameter events: the live events `GET /events` streams; without it, `/events` is 404.
    /// - Throws: ``StatusServerError`` when `listen` is not a loopback address and no token file is
    ///   configured, or when the token file cannot be read or holds no usable token. The gateway
    ///   should refuse to start then, rather than run without its status endpoint.
    public init(
        configuration: Configuration, source: any StatusSource, metrics: GatewayMetrics, events: StatusEventFeed? = nil, logger: Logger
    ) throws(StatusServerError) {
        let address = configuration.listen
        var token: BearerToken?
        if let path = configuration.tokenFile {
            token = try BearerToken.read(from: path)
            if BearerToken.isReadableByOthers(path) {
                logger.warning(
                    "Status token file is readable by every user of this machine",
                    metadata: ["status.token_file": "\(path)", "status.hint": "chmod 600 \(path)"])
            }
        } else if !address.isLoopback {
            throw StatusServerError(
                "status.listen: \(address) is not a loopback address, and status.token_file is not set",
                hint: "set status.token_file to a file holding a bearer token, or listen on 127.0.0.1")
        }
        let routes = StatusRoutes(
            source: source, metrics: metrics, sourceTimeout: configuration.sourceTimeout, events: events,
            eventsKeepAlive: configuration.eventsKeepAlive, statusAnswers: StatusAnswerCache(maxAge: configuration.statusMaxAge))
        // Hummingbird logs its own start and stop at info, unlike ours; keep its warnings and errors.
        var frameworkLogger = logger
        if frameworkLogger.logLevel < .warning { frameworkLogger.logLevel = .warning }
        let authentication = token == nil ? "none" : "bearer"
        let listening = listening
        application = Application(
            responder: StatusResponder(routes: routes.router().buildResponder(), token: token, paths: routes.paths),
            server: .http1(configuration: HTTP1Channel.Configuration(
                idleTimeout: TimeAmount(configuration.idleTimeout),
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: configuration.maxHeaderFieldSize, maxHeaderListSize: configuration.maxHeaderListSize,
                    maxHeaderFieldCount: configuration.maxHeaderFieldCount))),
            configuration: ApplicationConfiguration(
                address: .hostname(address.host, port: address.port), serverName: nil, backlog: 64, reuseAddress: true,
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: frameworkLogger)),
            onServerRunning: { _ in
                listening.set()
                logger.info("Status endpoint listening", metadata: ["status.address": "\(address)", "status.authentication": "\(authentication)"])
            },
            logger: frameworkLogger)
        self.address = address
        self.events = events
    }

    /// Listens and answers until graceful shutdown; then ends the `/events` streams, finishes the
    /// requests in progress and returns.
    ///
    /// - Throws: ``StatusServerError`` when the address cannot be listened on (in use, not an
    ///   address of this machine, a privileged port).
    public func run() async throws {
        let events = events
        do {
            try await withGracefulShutdownHandler {
                try await application.run()
            } onGracefulShutdown: {
                events?.finish()
            }
        } catch where !listening.isSet {
            // NIO's IOError reads "bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)".
            let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? "\(error)"
            throw StatusServerError(
                "status.listen: cannot listen on \(address): \(reason)",
                hint: "status.listen must be an address of this machine with a port nothing else listens on")
        }
    }
}

/// Whether the server's socket has been bound; set once, from the event loop.
private final class ListeningFlag: Sendable {
    private let value = Atomic(false)

    func set() { value.store(true, ordering: .releasing) }

    var isSet: Bool { value.load(ordering: .acquiring) }
}
