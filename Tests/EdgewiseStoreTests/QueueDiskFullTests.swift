import Testing

@testable import EdgewiseStore

@Suite("Durable queue: a full disk behaves like a full buffer")
struct QueueDiskFullTests {
    /// Limits the file to the pages it has now, so that SQLite answers SQLITE_FULL as on a full disk.
    static func freezeFileSize(_ queue: DurableQueue) async {
        await queue.onWriterForTesting { database in
            let pages = (try? database.integer("PRAGMA page_count")) ?? 0
            _ = try? database.execute("PRAGMA max_page_count = \(pages)")
        }
    }

    static func allowGrowth(_ queue: DurableQueue) async {
        await queue.onWriterForTesting { database in
            _ = try? database.execute("PRAGMA max_page_count = 1000000")
        }
    }

    @Test("SQLITE_FULL evicts or refuses by the policy and is counted; nothing throws; order is kept")
    func diskFull() async throws {
        let fixture = try QueueFixture()
        var tuning = QueueTuning()
        tuning.diskFullRetryInterval = .seconds(3600)
        let queue = try fixture.open(overflow: .dropOldest, tuning: tuning)
        _ = try await queue.append((1...20).map { event($0, payloadSize: 1000) })
        await Self.freezeFileSize(queue)

        var dropped = 0
        for number in 21...40 {
            let receipt = try await queue.append([event(number, payloadSize: 1000)])
            dropped += receipt.evicted + receipt.refused
        }
        let statistics = queue.statistics()
        #expect(statistics.diskFullCount >= 1)
        #expect(dropped > 0)
        #expect(statistics.evicted.total + statistics.refused == dropped)
        #expect(statistics.overflow?.diskFull == true)
        #expect(statistics.overflowEpisodes == 1)
        let stored = try queue.everything()
        #expect(stored.map(\.sequence) == stored.map(\.sequence).sorted())
        #expect(stored.last?.event.eventID == id(40), "drop_oldest keeps the newest")
        #expect(stored.count < 40)

        // While the disk counts as full the queue stays at its size, even with room again.
        await Self.allowGrowth(queue)
        let held = try await queue.append([event(41, payloadSize: 1000)])
        #expect(held.evicted + held.refused > 0)

        // Acknowledgements still work.
        let receipt = try await queue.acknowledge(try queue.peek(after: nil, limit: 3).map(\.sequence))
        #expect(receipt.removed == 3)
        await queue.close()
    }

    @Test("Once the disk has room again the queue grows again")
    func diskHasRoomAgain() async throws {
        let fixture = try QueueFixture()
        var tuning = QueueTuning()
        tuning.diskFullRetryInterval = .zero
        let queue = try fixture.open(overflow: .priority, tuning: tuning)
        _ = try await queue.append((1...20).map { event($0, payloadSize: 1000) })
        await Self.freezeFileSize(queue)
        for number in 21...40 { _ = try await queue.append([event(number, payloadSize: 1000)]) }
        #expect(queue.statistics().diskFullCount >= 1)

        await Self.allowGrowth(queue)
        let depth = queue.statistics().depth
        let receipt = try await queue.append((41...60).map { event($0, payloadSize: 1000) })
        #expect(receipt.evicted == 0 && receipt.refused == 0)
        #expect(queue.statistics().depth == depth + 20)
        await queue.close()
    }
}
