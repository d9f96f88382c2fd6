import Testing

@testable import EdgewiseStatus

@Suite("The event feed behind /events")
struct StatusEventFeedTests {
    static func event(_ number: Int) -> StatusEventFeed.Event {
        StatusEventFeed.Event(id: "id-\(number)", name: "ReadingReported", json: #"{"n":\#(number)}"#)
    }

    @Test func aSlowClientLosesTheOldestEventsAndIsToldHowMany() async throws {
        let feed = StatusEventFeed(clientBuffer: 4)
        let subscription = try #require(feed.subscribe())
        for number in 1...10 { feed.publish(Self.event(number)) }  // never waits
        subscription.cancel()
        var items: [StatusEventFeed.Item] = []
        for await item in subscription.stream { items.append(item) }
        #expect(items == (7...10).map { .event(Self.event($0)) })
        #expect(subscription.dropped.take() == 6)
        #expect(subscription.dropped.take() == 0)
    }

    @Test func aClientCountsFromItsSubscriptionUntilItEnds() {
        let feed = StatusEventFeed(maxClients: 2)
        let first = feed.subscribe()
        let second = feed.subscribe()
        #expect(feed.clientCount == 2)
        #expect(feed.subscribe() == nil)
        first?.cancel()
        #expect(feed.clientCount == 1)
        #expect(feed.subscribe() != nil)
        _ = second
    }

    @Test func finishingEndsEveryStreamAndRefusesNewClients() async {
        let feed = StatusEventFeed()
        let subscription = feed.subscribe()
        feed.finish()
        var count = 0
        if let subscription { for await _ in subscription.stream { count += 1 } }
        #expect(count == 0)
        #expect(feed.subscribe() == nil)
        #expect(feed.clientCount == 0)
    }

    @Test func itemsAreFramedAsServerSentEvents() {
        #expect(ServerSentEvents.text(for: .event(Self.event(1)), dropped: 0) == "id: id-1\nevent: ReadingReported\ndata: {\"n\":1}\n\n")
        #expect(ServerSentEvents.text(for: .keepAlive, dropped: 0) == ": keep-alive\n\n")
        #expect(
            ServerSentEvents.text(for: .event(Self.event(2)), dropped: 3)
                == ": 3 events dropped: this client reads too slowly\n\nid: id-2\nevent: ReadingReported\ndata: {\"n\":2}\n\n")
    }
}
