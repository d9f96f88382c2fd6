import Testing

@testable import EdgewiseStore

@Suite("Durable queue: max_size and the overflow policies")
struct QueueOverflowTests {
    let size = accountedSize()

    @Test("priority evicts the oldest telemetry first, then normal events, alarms last; a reading never evicts an alarm")
    func priorityPolicy() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(maxSize: 4 * size, overflow: .priority)
        let filled = try await queue.append([
            event(1, priority: .telemetry), event(2, priority: .alarm), event(3, priority: .telemetry), event(4),
        ])
        #expect(filled.evicted == 0 && filled.refused == 0 && filled.overflowStarted == nil)

        let first = try await queue.append([event(5, priority: .alarm)])
        #expect(first.evicted == 1)
        let started = try #require(first.overflowStarted)
        #expect(started.number == 1 && started.isActive)
        #expect(try queue.storedIDs() == [id(2), id(3), id(4), id(5)])

        #expect(try await queue.append([event(6, priority: .alarm)]).evicted == 1)
        #expect(try queue.storedIDs() == [id(2), id(4), id(5), id(6)])

        let reading = try await queue.append([event(7, priority: .telemetry)])
        #expect(reading.sequences == [nil] && reading.refused == 1 && reading.evicted == 0)
        #expect(reading.overflowStarted == nil, "the episode goes on")

        #expect(try await queue.append([event(8)]).evicted == 1)
        #expect(try queue.storedIDs() == [id(2), id(5), id(6), id(8)])
        #expect(try await queue.append([event(9, priority: .alarm)]).evicted == 1)
        #expect(try queue.storedIDs() == [id(2), id(5), id(6), id(9)])
        #expect(try await queue.append([event(10, priority: .alarm)]).evicted == 1)
        #expect(try queue.storedIDs() == [id(5), id(6), id(9), id(10)])

        let statistics = queue.statistics()
        #expect(statistics.evicted == QueuePriorityCounts(telemetry: 2, normal: 2, alarm: 1))
        #expect(statistics.refused == 1)
        #expect(statistics.overflowEpisodes == 1)
        #expect(statistics.overflow?.evicted == statistics.evicted)
        #expect(statistics.overflow?.refused == 1)
        #expect(statistics.bytes == 4 * size)
        await queue.close()
    }

    @Test("One overflow episode lasts until acknowledgements bring the queue to 90% of its limit; the next is number 2")
    func episodeEnds() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(maxSize: 20 * size, overflow: .dropOldest)
        for number in 1...22 { _ = try await queue.append([event(number)]) }
        var statistics = queue.statistics()
        #expect(statistics.overflowEpisodes == 1)
        #expect(statistics.overflow?.evicted.total == 2)
        #expect(try queue.everything().first?.sequence == 3)

        let stillFull = try await queue.acknowledge([3])
        #expect(stillFull.overflowEnded == nil, "19 of 20 is above 90%")
        #expect(queue.statistics().overflow != nil)
        let roomAgain = try await queue.acknowledge([4])
        let ended = try #require(roomAgain.overflowEnded)
        #expect(ended.number == 1 && ended.evicted.normal == 2 && ended.refused == 0 && !ended.diskFull)
        #expect(ended.endedAt != nil && ended.endedAt! >= ended.startedAt)
        statistics = queue.statistics()
        #expect(statistics.overflow == nil)
        #expect(statistics.lastOverflow == ended)

        for number in 23...24 { _ = try await queue.append([event(number)]) }
        let next = try await queue.append([event(25)])
        #expect(next.overflowStarted?.number == 2)
        #expect(queue.statistics().overflowEpisodes == 2)
        await queue.close()
    }

    @Test("drop_oldest evicts the oldest events whatever their class")
    func dropOldestPolicy() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(maxSize: 3 * size, overflow: .dropOldest)
        _ = try await queue.append([event(1, priority: .alarm), event(2, priority: .alarm), event(3, priority: .alarm)])
        let receipt = try await queue.append([event(4, priority: .telemetry)])
        #expect(receipt.evicted == 1 && receipt.refused == 0)
        #expect(try queue.storedIDs() == [id(2), id(3), id(4)])
        #expect(queue.statistics().evicted == QueuePriorityCounts(alarm: 1))

        // A batch larger than the limit keeps its newest events.
        let burst = try await queue.append((5...9).map { event($0) })
        #expect(burst.sequences == [5, 6, 7, 8, 9])
        #expect(burst.evicted == 5)
        #expect(try queue.storedIDs() == [id(7), id(8), id(9)])
        await queue.close()
    }

    @Test("drop_newest keeps what is stored and refuses the incoming events")
    func dropNewestPolicy() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(maxSize: 3 * size, overflow: .dropNewest)
        _ = try await queue.append([event(1), event(2)])
        let receipt = try await queue.append([event(3, priority: .alarm), event(4, priority: .alarm), event(5)])
        #expect(receipt.sequences == [3, nil, nil])
        #expect(receipt.refused == 2 && receipt.evicted == 0 && receipt.storedCount == 1)
        #expect(receipt.overflowStarted?.refused == 2)
        #expect(try queue.storedIDs() == [id(1), id(2), id(3)])
        let statistics = queue.statistics()
        #expect(statistics.refused == 2 && statistics.evicted.total == 0)
        #expect(statistics.nextSequence == 4, "refused events take no sequence")
        let ended = try await queue.acknowledge([1]).overflowEnded
        #expect(ended?.refused == 2)
        await queue.close()
    }

    @Test("An event larger than the whole limit is refused without evicting anything", arguments: QueueOverflowPolicy.allCases)
    func oversizedEvent(policy: QueueOverflowPolicy) async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(maxSize: 3 * size, overflow: policy)
        _ = try await queue.append([event(1)])
        let receipt = try await queue.append([event(2, payloadSize: Int(3 * size))])
        #expect(receipt.sequences == [nil] && receipt.refused == 1 && receipt.evicted == 0)
        // The queue still has room: the episode starts and ends at once, reported in one receipt.
        #expect(receipt.overflowStarted?.refused == 1)
        #expect(receipt.overflowEnded == receipt.overflowStarted)
        #expect(try queue.storedIDs() == [id(1)])
        await queue.close()
    }

    @Test("Counts survive a long overflow: one episode, every eviction counted")
    func longOverflow() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(maxSize: 10 * size, overflow: .priority)
        var evicted = 0
        var started = 0
        for number in 1...200 {
            let receipt = try await queue.append([event(number, priority: .telemetry)])
            evicted += receipt.evicted
            if receipt.overflowStarted != nil { started += 1 }
        }
        let statistics = queue.statistics()
        #expect(evicted == 190)
        #expect(started == 1)
        #expect(statistics.evicted.telemetry == 190)
        #expect(statistics.overflowEpisodes == 1)
        #expect(statistics.depth == 10)
        #expect(try queue.storedIDs() == (191...200).map { id($0) })
        await queue.close()
    }
}
