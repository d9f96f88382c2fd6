import EdgewiseCore
import EdgewiseStatus
import EdgewiseTesting
import Testing

@Suite("The dashboard at GET /")
struct DashboardTests {
    static let token = "3f6c1e9a0b7d4c2e8f5a6b1c0d9e8f7a"

    /// A newer temperature for greenhouse-air than the sample snapshot's 27.5 at 20:07:00.
    static let reading = StatusEventFeed.Event(
        id: "019ab2f4-5c3e-7a41-8d2f-6b1e0c9a7f20", name: "ReadingReported",
        json: #"{"specversion":"1.0","id":"019ab2f4-5c3e-7a41-8d2f-6b1e0c9a7f20","source":"edgewise://greenhouse-01/devices/greenhouse-air","type":"io.edgewise.reading.reported.v1","subject":"greenhouse-air/temperature","time":"2025-11-23T20:07:02.000Z","datacontenttype":"application/json","data":{"device":"greenhouse-air","point":"temperature","value":31.25,"unit":"degC"}}"#)

    /// Waits until the page has subscribed to `/events`.
    static func waitForFirstClient(of feed: StatusEventFeed) async throws {
        let deadline = ContinuousClock.now + DashboardBrowser.deadline
        while feed.clientCount == 0 {
            guard ContinuousClock.now < deadline else { throw DashboardBrowser.Failure(description: "the page did not subscribe to /events") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func servesTheSelfContainedPageAsHTML() async throws {
        try await StatusServerHarness.withServer { port in
            let response = try await RawHTTPClient.request("/", port: port)
            #expect(response.status == 200)
            #expect(response.header("content-type") == "text/html; charset=utf-8")
            #expect(response.header("cache-control") == "no-store")
            #expect(response.header("x-content-type-options") == "nosniff")
            #expect(response.header("content-security-policy")?.contains("connect-src 'self'") == true)
            #expect(response.body.hasPrefix("<!doctype html>"))
            #expect(response.body.hasSuffix("</html>\n"))
            // Nothing is loaded from elsewhere: no URLs, no src or href attributes.
            for outside in ["http://", "https://", "src=", "href=", "@import", "url("] {
                #expect(!response.body.contains(outside), "\(outside)")
            }
            // Data reaches the DOM as text only.
            #expect(!response.body.contains("innerHTML"))
            #expect(!response.body.contains("insertAdjacentHTML"))

            let head = try await RawHTTPClient.request("/", port: port, method: "HEAD")
            #expect(head.status == 200)
            #expect(head.header("content-type") == "text/html; charset=utf-8")
            #expect(head.body.isEmpty)
        }
    }

    @Test func withATokenThePageIsServedWithoutItButItsDataIsNot() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Self.token, to: "status.token")
        try await StatusServerHarness.withServer(configure: { $0.tokenFile = path }) { port in
            let page = try await RawHTTPClient.request("/", port: port)
            #expect(page.status == 200)
            #expect(page.header("content-type") == "text/html; charset=utf-8")
            #expect(!page.body.contains("greenhouse"))
            #expect(try await RawHTTPClient.request("/status", port: port).status == 401)
            #expect(try await RawHTTPClient.request("/events", port: port).status == 401)
            // Only GET and HEAD of / itself are open.
            #expect(try await RawHTTPClient.request("/", port: port, method: "POST", headers: [("Content-Length", "0")]).status == 401)
            #expect(try await RawHTTPClient.request("/index.html", port: port).status == 401)
        }
    }

    @Test(.enabled(if: DashboardBrowser.executable != nil, Comment(rawValue: DashboardBrowser.missing)), .timeLimit(.minutes(5)))
    func chromiumRendersTheDevicesTheirValuesAndAValuePushedOverEvents() async throws {
        let feed = StatusEventFeed()
        let source = DashboardGatedSource(FakeStatusSource { answers in
            answers.readiness = .notReady(["upstream: not connected since 2025-11-23T20:06:40.000Z"])
            // A name that is markup must show as text.
            answers.snapshot.rules.append(.init(name: "<em>frost</em>", phase: "active", since: FakeStatusSource.start, triggerCount: 3))
        })
        let screenshot = DashboardBrowser.artifactPath("dashboard.png")
        let html = try await StatusServerHarness.withServer(source: source, events: feed, configure: { $0.sourceTimeout = .seconds(120) }) { port in
            defer { source.open() }  // also when the test fails, so that the server can stop
            return try await withThrowingTaskGroup(of: String.self) { tasks in
                tasks.addTask {
                    try await DashboardBrowser.renderedDOM(of: "http://127.0.0.1:\(port)/", screenshot: screenshot)
                }
                // The page subscribes to /events while its first /status waits: publish, then let it answer.
                try await Self.waitForFirstClient(of: feed)
                feed.publish(Self.reading)
                source.open()
                let html = try await tasks.next()!
                tasks.cancelAll()
                return html
            }
        }
        let dom = DashboardDOM(html: html)
        #expect(html.contains("<title>greenhouse-01 · Edgewise</title>"))
        for device in ["greenhouse-air", "hvac", "cellar"] {
            #expect(dom.card(device) != nil, "\(device)")
        }
        #expect(dom.card("hvac")?.contains("offline") == true)
        #expect(dom.value(device: "greenhouse-air", point: "temperature") == "31.25", "the value pushed over /events")
        #expect(dom.value(device: "hvac", point: "cooling") == "on")
        #expect(dom.value(device: "hvac", point: "mode") == "auto")
        #expect(dom.value(device: "cellar", point: "humidity") == "")
        #expect(html.contains("greenhouse-air/temperature = 31.25 °C"), "the event in the list of live events")
        #expect(html.contains("cool-greenhouse"))
        #expect(html.contains("&lt;em&gt;frost&lt;/em&gt;"))
        #expect(!html.contains("<em>frost</em>"))
        #expect(html.contains("upstream: not connected since 2025-11-23T20:06:40.000Z"))
        #expect(html.contains("connection refused"))
        #expect(html.contains("42"))
    }

    @Test(.enabled(if: DashboardBrowser.executable != nil, Comment(rawValue: DashboardBrowser.missing)), .timeLimit(.minutes(5)))
    func withATokenConfiguredChromiumShowsTheTokenFormAndNoData() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Self.token, to: "status.token")
        let html = try await StatusServerHarness.withServer(configure: { $0.tokenFile = path }) { port in
            try await DashboardBrowser.renderedDOM(of: "http://127.0.0.1:\(port)/", budgetMilliseconds: 2_000)
        }
        #expect(html.contains(#"<form class="login" id="login" autocomplete="off">"#), "the form is shown (no longer hidden)")
        #expect(html.contains(#"<main id="content" hidden="">"#))
        #expect(!html.contains("greenhouse"))
    }
}
