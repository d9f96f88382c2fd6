import Testing

@testable import EdgewiseStore

@Suite("Durable queue: group commit and total order under concurrency")
struct QueueGroupCommitTests {
    @Test("Appends waiting together share one transaction and one sync", arguments: [
        QueueDurability.full, .batch(maxDelay: .milliseconds(1)),
    ])
    func waitingAppendsShareATransaction(durability: QueueDurability) async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(durability: durability)
        queue.setWriterPausedForTesting(true)
        let receipts = try await withThrowingTaskGroup(of: (Int, AppendReceipt).self) { group in
            for number in 1...50 {
                group.addTask { (number, try await queue.append([event(number)])) }
            }
            try await waitUntil("50 appends to wait") { queue.waitingJobsForTesting == 50 }
            let before = queue.statistics()
            #expect(before.transactions == 0 && before.syncs == 0)
            queue.setWriterPausedForTesting(false)
            var receipts: [Int: AppendReceipt] = [:]
            for try await (number, receipt) in group { receipts[number] = receipt }
            return receipts
        }
        try await waitUntil("the sync") { queue.statistics().syncs == 1 }
        let statistics = queue.statistics()
        #expect(statistics.transactions == 1)
        #expect(statistics.syncs == 1)
        #expect(statistics.appended == 50)

        // Every append got its own sequence, and the queue holds them in that order.
        let sequences = receipts.mapValues { $0.sequences[0]! }
        #expect(Set(sequences.values) == Set(1...50))
        let stored = try queue.everything()
        #expect(stored.map(\.sequence) == Array(1...50))
        for item in stored { #expect(sequences[Int(item.event.eventID.dropFirst(6))!] == item.sequence) }
        await queue.close()
    }

    @Test("Many tasks appending at once: one total order in which each task's events keep theirs")
    func totalOrder() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open(durability: .full)
        let tasks = 8
        let appendsPerTask = 40
        let assigned = try await withThrowingTaskGroup(of: [(String, Int64)].self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var assigned: [(String, Int64)] = []
                    for index in 0..<appendsPerTask {
                        let events = (0..<3).map { offset in
                            var event = event(task * 1000 + index * 3 + offset)
                            event.eventID = "task\(task)-\(index * 3 + offset)"
                            return event
                        }
                        let receipt = try await queue.append(events)
                        assigned += zip(events.map(\.eventID), receipt.sequences.map { $0! }).map { ($0, $1) }
                    }
                    return assigned
                }
            }
            var all: [[(String, Int64)]] = []
            for try await perTask in group { all.append(perTask) }
            return all
        }
        let total = tasks * appendsPerTask * 3
        let allSequences = assigned.flatMap { $0.map(\.1) }
        #expect(Set(allSequences) == Set(1...Int64(total)))
        for perTask in assigned {
            #expect(perTask.map(\.1) == perTask.map(\.1).sorted(), "a task's events keep their order")
        }
        let stored = try queue.everything()
        #expect(stored.count == total)
        let bySequence = Dictionary(uniqueKeysWithValues: assigned.flatMap { $0 }.map { ($1, $0) })
        #expect(stored.allSatisfy { bySequence[$0.sequence] == $0.event.eventID })
        let statistics = queue.statistics()
        #expect(statistics.syncs == statistics.transactions)
        #expect(statistics.transactions <= tasks * appendsPerTask)
        await queue.close()
    }
}
