import Testing

@testable import EdgewiseStore

@Suite("Durable queue: order and sequences")
struct QueueOrderTests {
    @Test("Events come back in the order they were appended, also after closing and reopening")
    func orderSurvivesReopen() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        var sequences: [Int64] = []
        for batch in [[1, 2, 3], [4], [5, 6]] {
            let receipt = try await queue.append(batch.map { event($0) })
            sequences += receipt.sequences.compactMap { $0 }
        }
        #expect(sequences == [1, 2, 3, 4, 5, 6])
        #expect(try queue.storedIDs() == (1...6).map { id($0) })
        #expect(try queue.everything().allSatisfy { !$0.isReplay })
        await queue.close()

        let reopened = try fixture.open()
        let stored = try reopened.everything()
        #expect(stored.map(\.sequence) == sequences)
        #expect(stored.map(\.event) == (1...6).map { event($0) })
        #expect(stored.allSatisfy { $0.isReplay })
        let receipt = try await reopened.append([event(7)])
        #expect(receipt.sequences == [7])
        #expect(try reopened.peek(after: 6, limit: 10).map(\.isReplay) == [false])
        await reopened.close()
    }

    @Test("peek returns windows after a sequence, at most limit events")
    func peekWindows() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        _ = try await queue.append((1...10).map { event($0) })
        #expect(try queue.peek(after: nil, limit: 3).map(\.sequence) == [1, 2, 3])
        #expect(try queue.peek(after: 3, limit: 3).map(\.sequence) == [4, 5, 6])
        #expect(try queue.peek(after: 8, limit: 5).map(\.sequence) == [9, 10])
        #expect(try queue.peek(after: 10, limit: 5).isEmpty)
        await queue.close()
    }

    @Test("Sequences are never reused, even after the queue was drained and reopened")
    func sequencesAreNotReused() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        let first = try await queue.append([event(1), event(2)])
        try await queue.acknowledge(first.sequences.compactMap { $0 })
        #expect(queue.statistics().depth == 0)
        await queue.close()

        let reopened = try fixture.open()
        #expect(reopened.statistics().nextSequence == 3)
        let second = try await reopened.append([event(3)])
        #expect(second.sequences == [3])
        await reopened.close()
    }

    @Test("An empty payload is stored as an empty payload")
    func emptyPayload() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        var empty = event(1)
        empty.payload = []
        _ = try await queue.append([empty])
        #expect(try queue.everything().map(\.event) == [empty])
        await queue.close()
    }

    @Test("A closed queue refuses work with a 'closed' error; closing twice is fine")
    func closedQueue() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        await queue.close()
        await queue.close()
        await #expect(throws: DurableQueueError.self) { _ = try await queue.append([event(1)]) }
        do {
            _ = try queue.peek(after: nil, limit: 1)
            Issue.record("peek on a closed queue should throw")
        } catch {
            #expect(error.kind == .closed)
        }
        await #expect(throws: DurableQueueError.self) { try await queue.acknowledge([1]) }
    }
}
