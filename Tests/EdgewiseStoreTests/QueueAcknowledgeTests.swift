import Testing

@testable import EdgewiseStore

@Suite("Durable queue: acknowledgements")
struct QueueAcknowledgeTests {
    @Test("Acknowledged out of order and reopened: only the unacknowledged remain, in order")
    func outOfOrderAcknowledgements() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        _ = try await queue.append((1...8).map { event($0) })
        let receipt = try await queue.acknowledge([5, 2, 7, 1])
        #expect(receipt.removed == 4)
        #expect(try queue.everything().map(\.sequence) == [3, 4, 6, 8])
        await queue.close()

        let reopened = try fixture.open()
        #expect(try reopened.everything().map(\.sequence) == [3, 4, 6, 8])
        #expect(try reopened.storedIDs() == [id(3), id(4), id(6), id(8)])
        #expect(reopened.statistics().depth == 4)
        await reopened.close()
    }

    @Test("Unknown and repeated sequences are skipped")
    func unknownSequences() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        _ = try await queue.append([event(1), event(2)])
        #expect(try await queue.acknowledge([1, 1, 99]).removed == 1)
        #expect(try await queue.acknowledge([1]).removed == 0)
        #expect(try queue.everything().map(\.sequence) == [2])
        await queue.close()
    }

    @Test("Statistics follow appends and acknowledgements, also across a reopen")
    func statistics() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        _ = try await queue.append([event(1, priority: .telemetry), event(2, priority: .alarm), event(3)])
        var statistics = queue.statistics()
        #expect(statistics.depth == 3)
        #expect(statistics.bytes == 3 * accountedSize())
        #expect(statistics.oldestAcceptedAt == event(1).acceptedAt)
        #expect(statistics.appended == 3)
        #expect(statistics.fileBytes > 0)
        try await queue.acknowledge([1])
        statistics = queue.statistics()
        #expect(statistics.depth == 2)
        #expect(statistics.acknowledged == 1)
        #expect(statistics.oldestAcceptedAt == event(2).acceptedAt)
        await queue.close()

        let reopened = try fixture.open()
        statistics = reopened.statistics()
        #expect(statistics.depth == 2)
        #expect(statistics.bytes == 2 * accountedSize())
        #expect(statistics.appended == 0)
        #expect(statistics.oldestAcceptedAt == event(2).acceptedAt)
        try await reopened.acknowledge([2, 3])
        #expect(reopened.statistics().oldestAcceptedAt == nil)
        #expect(reopened.statistics().bytes == 0)
        await reopened.close()
    }
}

@Suite("Durable queue: delayed acknowledgements")
struct QueueDelayedAcknowledgeTests {
    @Test("A delayed acknowledgement goes with the next append, in order")
    func ridesWithNextAppend() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(durability: .full)
        _ = try await queue.append([event(1), event(2)])
        // A delay far beyond the test's length: only the append can have applied it.
        let acknowledgement = Task { try await queue.acknowledge([1], within: .seconds(600)) }
        while queue.channel.waitingCount == 0 { try await Task.sleep(for: .milliseconds(1)) }
        _ = try await queue.append([event(3)])
        #expect(try await acknowledgement.value.removed == 1)
        #expect(try queue.everything().map(\.sequence) == [2, 3])
        await queue.close()
    }

    @Test("A delayed acknowledgement alone is applied once due")
    func appliedWhenDue() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(durability: .full)
        _ = try await queue.append([event(1), event(2)])
        #expect(try await queue.acknowledge([1, 2], within: .milliseconds(20)).removed == 2)
        #expect(queue.statistics().depth == 0)
        await queue.close()
    }

    @Test("Closing applies a waiting delayed acknowledgement")
    func appliedAtClose() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        _ = try await queue.append([event(1), event(2)])
        let acknowledgement = Task { try await queue.acknowledge([2], within: .seconds(600)) }
        while queue.channel.waitingCount == 0 { try await Task.sleep(for: .milliseconds(1)) }
        await queue.close()
        #expect(try await acknowledgement.value.removed == 1)
        let reopened = try fixture.open()
        #expect(try reopened.everything().map(\.sequence) == [1])
        await reopened.close()
    }
}

@Suite("Acknowledgements are deleted by ranges")
struct AcknowledgementRangeTests {
    @Test("Sequences become runs of consecutive numbers, duplicates dropped")
    func ranges() {
        #expect(QueueWriter.ranges(of: [7, 3, 4, 5, 9, 8]) == [3...5, 7...9])
        #expect(QueueWriter.ranges(of: [1, 1, 3]) == [1...1, 3...3])
        #expect(QueueWriter.ranges(of: []) == [])
    }
}
