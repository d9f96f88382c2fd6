import Testing

@testable import EdgewiseMQTT

@Suite("Subscription registry")
struct SubscriptionRegistryTests {
    @Test("Filters recorded before connecting are all sent on every connect")
    func resubscribesOnConnect() {
        var registry = SubscriptionRegistry()
        #expect(registry.record(filter: "a/#", qos: .atLeastOnce) == nil)
        #expect(registry.record(filter: "b/+", qos: .atMostOnce) == nil)
        #expect(registry.record(filter: "a/#", qos: .atMostOnce) == nil)

        for _ in 0..<2 {
            let (subscriptions, ticket) = registry.connectionEstablished()
            #expect(subscriptions.map(\.filter) == ["a/#", "b/+"])
            #expect(subscriptions.map(\.qos) == [.atMostOnce, .atMostOnce])
            #expect(registry.sent(messageID: 1, filter: "a/#", ticket: ticket) == nil)
            #expect(registry.sent(messageID: 2, filter: "b/+", ticket: ticket) == nil)
            registry.finish(ticket)
            #expect(registry.acknowledged(messageID: 1, code: 0) == .granted(filter: "a/#", qos: .atMostOnce))
            #expect(registry.acknowledged(messageID: 2, code: 0x80) == .refused(filter: "b/+", code: 0x80))
            #expect(registry.granted == ["a/#"])
            registry.connectionLost()
            #expect(registry.granted.isEmpty)
        }
    }

    @Test("A SUBACK that overtakes the registration of its id is matched")
    func earlySuback() {
        var registry = SubscriptionRegistry()
        registry.finish(registry.connectionEstablished().ticket)
        let ticket = registry.record(filter: "c", qos: .atLeastOnce)
        #expect(ticket != nil)
        #expect(registry.acknowledged(messageID: 4, code: 1) == nil)
        #expect(registry.sent(messageID: 4, filter: "c", ticket: ticket!) == .granted(filter: "c", qos: .atLeastOnce))
        registry.finish(ticket!)
        #expect(registry.granted == ["c"])
    }
}
