import Testing

@testable import EdgewiseMQTT

@Suite("Publish tracker")
struct PublishTrackerTests {
    @Test("A PUBACK after registration resumes the waiter")
    func acknowledgementAfterRegistration() {
        var tracker = PublishTracker<String>()
        let ticket = tracker.begin()
        #expect(tracker.register(messageID: 7, ticket: ticket, waiter: "a") == nil)
        #expect(tracker.waitingCount == 1)
        #expect(tracker.acknowledge(messageID: 7, reasonCode: 0) == "a")
        #expect(tracker.waitingCount == 0)
    }

    @Test("A PUBACK that overtakes the registration is kept for it")
    func acknowledgementBeforeRegistration() {
        var tracker = PublishTracker<String>()
        let ticket = tracker.begin()
        #expect(tracker.acknowledge(messageID: 7, reasonCode: 0x10) == nil)
        #expect(tracker.register(messageID: 7, ticket: ticket, waiter: "a") == .acknowledged(reasonCode: 0x10))
        #expect(tracker.waitingCount == 0)
    }

    @Test("PUBACKs nobody waits for are forgotten once no publish is in progress")
    func strayAcknowledgementsAreDropped() {
        var tracker = PublishTracker<String>()
        #expect(tracker.acknowledge(messageID: 9, reasonCode: 0) == nil)
        let ticket = tracker.begin()
        #expect(tracker.register(messageID: 9, ticket: ticket, waiter: "a") == nil)
    }

    @Test("A lost connection fails waiting publishes, and their late PUBACKs are ignored")
    func connectionLost() {
        var tracker = PublishTracker<String>()
        let ticket = tracker.begin()
        #expect(tracker.register(messageID: 1, ticket: ticket, waiter: "a") == nil)
        #expect(tracker.connectionLost() == ["a"])
        #expect(tracker.acknowledge(messageID: 1, reasonCode: 0) == nil)
    }

    @Test("A publish that began before the connection was lost fails at registration")
    func connectionLostDuringPublish() {
        var tracker = PublishTracker<String>()
        let ticket = tracker.begin()
        #expect(tracker.connectionLost().isEmpty)
        #expect(tracker.register(messageID: 1, ticket: ticket, waiter: "a") == .connectionLost)
        #expect(tracker.waitingCount == 0)
    }

    @Test("A genuine PUBACK still counts when the connection was lost meanwhile")
    func acknowledgedThenLost() {
        var tracker = PublishTracker<String>()
        let ticket = tracker.begin()
        _ = tracker.acknowledge(messageID: 3, reasonCode: 0)
        _ = tracker.connectionLost()
        #expect(tracker.register(messageID: 3, ticket: ticket, waiter: "a") == .acknowledged(reasonCode: 0))
    }

    @Test("Stopping fails waiting and later publishes")
    func stop() {
        var tracker = PublishTracker<String>()
        let first = tracker.begin()
        let second = tracker.begin()
        #expect(tracker.register(messageID: 1, ticket: first, waiter: "a") == nil)
        #expect(tracker.stop() == ["a"])
        #expect(tracker.register(messageID: 2, ticket: second, waiter: "b") == .clientStopped)
    }

    @Test("Cancelling returns the waiter once")
    func cancel() {
        var tracker = PublishTracker<String>()
        let ticket = tracker.begin()
        _ = tracker.register(messageID: 5, ticket: ticket, waiter: "a")
        #expect(tracker.cancel(messageID: 5) == "a")
        #expect(tracker.cancel(messageID: 5) == nil)
        #expect(tracker.acknowledge(messageID: 5, reasonCode: 0) == nil)
    }
}
