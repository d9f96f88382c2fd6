import Testing

@testable import EdgewiseStore

@Suite("Durable queue: when the log is synced")
struct QueueDurabilityTests {
    @Test("full: every commit with appends is synced before append returns; acknowledgements are not synced")
    func fullSyncsEveryAppend() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(durability: .full)
        for number in 1...5 {
            _ = try await queue.append([event(number)])
            #expect(queue.statistics().syncs == number)
        }
        try await queue.acknowledge([1, 2])
        let statistics = queue.statistics()
        #expect(statistics.transactions == 6)
        #expect(statistics.syncs == 5)
        await queue.close()
    }

    @Test("batch: append returns after the commit; the sync follows within the delay, without new appends")
    func batchSyncsLater() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(durability: .batch(maxDelay: .milliseconds(10)))
        _ = try await queue.append([event(1)])
        #expect(queue.statistics().transactions == 1)
        try await waitUntil("the deferred sync") { queue.statistics().syncs == 1 }
        await queue.close()
    }

    @Test("batch: many commits share a sync; closing syncs what is left")
    func batchSharesSyncs() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(durability: .batch(maxDelay: .seconds(3600)))
        for number in 1...20 { _ = try await queue.append([event(number)]) }
        var statistics = queue.statistics()
        #expect(statistics.transactions == 20)
        #expect(statistics.syncs == 0, "an append does not wait for the sync")
        await queue.close()
        statistics = queue.statistics()
        #expect(statistics.syncs == 1)
    }

    @Test("The durability and overflow settings come from the buffer config")
    func fromConfig() throws {
        #expect(QueueDurability(.init(durability: .batch, commitInterval: .milliseconds(75))) == .batch(maxDelay: .milliseconds(75)))
        #expect(QueueDurability(.init(durability: .full)) == .full)
        #expect(QueueOverflowPolicy(.dropNewest) == .dropNewest)
        #expect(QueueOverflowPolicy.allCases.map(\.rawValue) == ["priority", "drop_oldest", "drop_newest"])
    }
}
