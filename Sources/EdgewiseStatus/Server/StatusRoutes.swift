import EdgewiseCore
import Hummingbird

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The read-only routes and what each answers. Access control (token, methods) is
/// ``StatusResponder``'s; this type only turns the source's answers into responses.
struct StatusRoutes: Sendable {
    let source: any StatusSource
    let metrics: GatewayMetrics
    /// How long the source may take to answer one request.
    let sourceTimeout: Duration
    /// The live events for `/events`; without a feed there is no such route.
    let events: StatusEventFeed?
    /// How often an idle `/events` stream gets a keep-alive comment.
    let eventsKeepAlive: Duration
    /// `/status` answers, kept for a moment (``StatusAnswerCache``).
    let statusAnswers: StatusAnswerCache

    /// The media type of `/metrics`: the Prometheus text exposition format.
    static let prometheusContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The paths served, for the answer to an unknown one.
    var paths: [String] { ["/", "/healthz", "/readyz", "/status", "/metrics"] + (events == nil ? [] : ["/events"]) }

    func router() -> Router<BasicRequestContext> {
        // HEAD is answered like GET, without the body.
        let router = Router(context: BasicRequestContext.self, options: [.autoGenerateHeadEndpoints])
        router.get("/") { _, _ in DashboardPage.response() }
        router.get("healthz") { _, _ in await health() }
        router.get("readyz") { _, _ in await readiness() }
        router.get("status") { _, _ in await status() }
        router.get("metrics") { _, _ in metricsExposition() }
        if let events {
            router.get("events") { request, _ in
                eventStream(events, filter: StatusEventFilter(query: request.uri.queryParameters.map { (key: $0.key, value: $0.value) }))
            }
        }
        return router
    }

    /// `GET /healthz`: 200 `ok` while this server answers and the source reports no stall, 503
    /// `stalled: REASON` when it does or does not answer in time.
    func health() async -> Response {
        let source = source
        switch await SourceDeadline.answer(within: sourceTimeout, { await source.liveness() }) {
        case .alive?:
            return Self.text("ok\n")
        case .stalled(let reason)?:
            return Self.text("stalled: \(reason)\n", status: .serviceUnavailable)
        case nil:
            return Self.text("stalled: \(notAnswering)\n", status: .serviceUnavailable)
        }
    }

    /// `GET /readyz`: 200 with `{"ready": true, "reasons": []}`, or 503 with the reasons.
    func readiness() async -> Response {
        let source = source
        let readiness = await SourceDeadline.answer(within: sourceTimeout, { await source.readiness() })
            ?? Readiness.notReady([notAnswering])
        return Self.json(readiness, status: readiness.isReady ? .ok : .serviceUnavailable)
    }

    /// `GET /status`: 200 with the ``GatewayStatus`` as JSON, or 503 with `{"error": …}` when the
    /// source does not answer in time.
    ///
    /// The same answer is given for up to ``StatusAnswerCache/maxAge`` (`generated_at` tells when
    /// it was taken).
    func status() async -> Response {
        let source = source
        let timeout = sourceTimeout
        let body = await statusAnswers.answer {
            guard let snapshot = await SourceDeadline.answer(within: timeout, { await source.snapshot() }) else { return nil }
            return Self.jsonBytes(snapshot)
        }
        guard let body else {
            return Self.json(ErrorBody(error: notAnswering), status: .serviceUnavailable)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `GET /metrics`: the registry in the Prometheus text format.
    func metricsExposition() -> Response {
        Response(
            status: .ok, headers: [.contentType: Self.prometheusContentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }

    /// `GET /events`: the feed's events as server-sent events until the client goes away or the
    /// server shuts down; 503 when ``StatusEventFeed/maxClients`` are connected.
    ///
    /// The client is subscribed when the body is written, not before, so a HEAD request (whose body
    /// is never written) takes no place. A client that has gone away is noticed at the next write,
    /// at the latest with the next keep-alive.
    /// Only the events `filter` matches are written; keep-alives go to every client.
    func eventStream(_ feed: StatusEventFeed, filter: StatusEventFilter) -> Response {
        guard feed.hasRoom else {
            return Self.text("too many /events clients: at most \(feed.maxClients) at once\n", status: .serviceUnavailable)
        }
        let keepAlive = eventsKeepAlive
        return Response(
            status: .ok, headers: [.contentType: ServerSentEvents.contentType],
            body: ResponseBody { writer in
                guard let subscription = feed.subscribe() else {
                    try await writer.finish(nil)
                    return
                }
                let ticker = Task {
                    while (try? await Task.sleep(for: keepAlive)) != nil { subscription.keepAlive() }
                }
                defer {
                    ticker.cancel()
                    subscription.cancel()
                }
                try await writer.write(ByteBuffer(string: ServerSentEvents.opening))
                for await item in subscription.stream {
                    if case .event(let event) = item, !filter.matches(event) { continue }
                    try await writer.write(ByteBuffer(string: ServerSentEvents.text(for: item, dropped: subscription.dropped.take())))
                }
                try await writer.finish(nil)
            })
    }

    private var notAnswering: String { "the gateway did not answer within \(DurationSyntax.format(sourceTimeout))" }

    /// The body of a 503 from `/status`.
    struct ErrorBody: Codable {
        var error: String
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `value` as JSON with sorted keys, so the same status reads the same every time.
    /// `value` as sorted JSON and a newline; `nil` when it cannot be encoded (a non-finite number).
    static func jsonBytes(_ value: some Encodable) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return nil }
        return Array(data) + [UInt8(ascii: "\n")]
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            var body = ByteBuffer(bytes: try encoder.encode(value))
            body.writeString("\n")
            return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
        } catch {
            // Only a non-finite number fails to encode, and readings are finite: a bug in the source.
            return text("cannot encode the answer as JSON: \(error)\n", status: .internalServerError)
        }
    }
}
