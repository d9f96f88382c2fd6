import EdgewiseStatus
import EdgewiseTesting
import Testing

@Suite("GET /events, the live tail as server-sent events")
struct StatusEventsTests {
    static let crossed = StatusEventFeed.Event(
        id: "019ab2f4-5c3e-7a41-8d2f-6b1e0c9a7f10", name: "ThresholdCrossed",
        json: #"{"specversion":"1.0","type":"io.edgewise.threshold.crossed.v1","data":{"device":"air","value":30.4}}"#)
    static let online = StatusEventFeed.Event(id: "019ab2f4-5c3e-7a41-8d2f-6b1e0c9a7f11", name: "DeviceOnline", json: #"{"data":{"device":"hvac"}}"#)

    /// Waits until the feed has `count` clients (a client subscribes when its response body starts).
    static func waitForClients(_ feed: StatusEventFeed, _ count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while feed.clientCount != count {
            guard ContinuousClock.now < deadline else { throw RawHTTPClient.Failure(description: "\(feed.clientCount) clients, not \(count)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func eventsPublishedWhileAClientListensReachItInOrder() async throws {
        let feed = StatusEventFeed()
        try await StatusServerHarness.withServer(events: feed) { port in
            let stream = try RawHTTPStream("/events", port: port)
            let head = try await stream.readHead()
            #expect(head.status == 200)
            #expect(head.header("content-type") == "text/event-stream; charset=utf-8")
            #expect(head.header("cache-control") == "no-store")
            #expect(try await stream.readBody(until: "\n\n") == ": edgewise events\n\n")
            try await Self.waitForClients(feed, 1)

            feed.publish(Self.crossed)
            feed.publish(Self.online)
            let text = try await stream.readBody(until: "event: DeviceOnline\ndata: {\"data\":{\"device\":\"hvac\"}}\n\n")
            #expect(text == """
                id: 019ab2f4-5c3e-7a41-8d2f-6b1e0c9a7f10
                event: ThresholdCrossed
                data: {"specversion":"1.0","type":"io.edgewise.threshold.crossed.v1","data":{"device":"air","value":30.4}}

                id: 019ab2f4-5c3e-7a41-8d2f-6b1e0c9a7f11
                event: DeviceOnline
                data: {"data":{"device":"hvac"}}


                """)
        }
    }

    @Test func queryParametersFilterByTypeAndDevice() async throws {
        let feed = StatusEventFeed()
        let airOnline = StatusEventFeed.Event(id: "a-1", name: "DeviceOnline", json: #"{"data":{"device":"air"}}"#, device: "air")
        let hvacOnline = StatusEventFeed.Event(id: "h-1", name: "DeviceOnline", json: #"{"data":{"device":"hvac"}}"#, device: "hvac")
        let hvacCrossed = StatusEventFeed.Event(id: "h-2", name: "ThresholdCrossed", json: #"{"data":{"device":"hvac"}}"#, device: "hvac")
        let gatewayWide = StatusEventFeed.Event(id: "g-1", name: "BufferOverflow", json: #"{"data":{}}"#)
        try await StatusServerHarness.withServer(events: feed) { port in
            let byDevice = try RawHTTPStream("/events?device=hvac", port: port)
            let byType = try RawHTTPStream("/events?type=DeviceOnline,BufferOverflow", port: port)
            for stream in [byDevice, byType] { _ = try await stream.readHead() }
            try await Self.waitForClients(feed, 2)
            for event in [airOnline, hvacOnline, hvacCrossed, gatewayWide] { feed.publish(event) }
            // Each stream ends with the last event it should get; what came before shows what was skipped.
            let deviceText = try await byDevice.readBody(until: "id: h-2\n")
            #expect(!deviceText.contains("id: a-1") && deviceText.contains("id: h-1"), "\(deviceText)")
            let typeText = try await byType.readBody(until: "id: g-1\n")
            #expect(typeText.contains("id: a-1") && typeText.contains("id: h-1") && !typeText.contains("id: h-2"), "\(typeText)")
        }
    }

    @Test func everyClientGetsEveryEvent() async throws {
        let feed = StatusEventFeed()
        try await StatusServerHarness.withServer(events: feed) { port in
            let streams = try (0..<3).map { _ in try RawHTTPStream("/events", port: port) }
            for stream in streams { _ = try await stream.readHead() }
            try await Self.waitForClients(feed, 3)
            feed.publish(Self.crossed)
            for stream in streams {
                #expect(try await stream.readBody(until: "event: ThresholdCrossed").contains(Self.crossed.json))
            }
        }
    }

    @Test func anIdleStreamGetsKeepAliveComments() async throws {
        let feed = StatusEventFeed()
        try await StatusServerHarness.withServer(events: feed, configure: { $0.eventsKeepAlive = .milliseconds(100) }) { port in
            let stream = try RawHTTPStream("/events", port: port)
            _ = try await stream.readHead()
            #expect(try await stream.readBody(until: ": keep-alive\n\n").hasSuffix(": keep-alive\n\n"))
        }
    }

    @Test func aClientThatGoesAwayIsForgottenByTheNextKeepAlive() async throws {
        let feed = StatusEventFeed()
        try await StatusServerHarness.withServer(events: feed, configure: { $0.eventsKeepAlive = .milliseconds(100) }) { port in
            let stream = try RawHTTPStream("/events", port: port)
            _ = try await stream.readHead()
            try await Self.waitForClients(feed, 1)
            stream.disconnect()
            try await Self.waitForClients(feed, 0)
        }
    }

    @Test func clientsBeyondTheLimitAre503() async throws {
        let feed = StatusEventFeed(maxClients: 1)
        try await StatusServerHarness.withServer(events: feed) { port in
            let first = try RawHTTPStream("/events", port: port)
            _ = try await first.readHead()
            try await Self.waitForClients(feed, 1)
            let second = try await RawHTTPClient.request("/events", port: port)
            #expect(second.status == 503)
            #expect(second.body == "too many /events clients: at most 1 at once\n")
        }
    }

    @Test func headOfEventsAnswersTheHeadWithoutSubscribing() async throws {
        let feed = StatusEventFeed()
        try await StatusServerHarness.withServer(events: feed) { port in
            let response = try await RawHTTPClient.request("/events", port: port, method: "HEAD")
            #expect(response.status == 200)
            #expect(response.header("content-type") == "text/event-stream; charset=utf-8")
            #expect(response.body.isEmpty)
            #expect(feed.clientCount == 0)
        }
    }

    @Test func shutdownEndsOpenStreams() async throws {
        let feed = StatusEventFeed()
        let stream = try await StatusServerHarness.withServer(events: feed) { port in
            let stream = try RawHTTPStream("/events", port: port)
            _ = try await stream.readHead()
            try await Self.waitForClients(feed, 1)
            return stream
        }
        // withServer returned, so run() returned although a stream was open; the stream was ended properly.
        #expect(try await stream.readBody(until: nil) == ": edgewise events\n\n")
        #expect(try await stream.waitForClose())
    }

    @Test func withoutAFeedThereIsNoEventsEndpoint() async throws {
        try await StatusServerHarness.withServer { port in
            let response = try await RawHTTPClient.request("/events", port: port)
            #expect(response.status == 404)
        }
    }

    @Test func theEventsStreamNeedsTheTokenToo() async throws {
        let feed = StatusEventFeed()
        let directory = try TemporaryDirectory()
        let path = try directory.write("s3cret\n", to: "status.token")
        try await StatusServerHarness.withServer(events: feed, configure: { $0.tokenFile = path }) { port in
            #expect(try await RawHTTPClient.request("/events", port: port).status == 401)
            let stream = try RawHTTPStream("/events", port: port, headers: [("Authorization", "Bearer s3cret")])
            #expect(try await stream.readHead().status == 200)
        }
    }
}
