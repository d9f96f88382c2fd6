import Synchronization
import Testing

@testable import EdgewiseStore

@Suite("Durable queue: file size")
struct QueueVacuumTests {
    @Test("After a drain the file gives its free pages back")
    func fileShrinksAfterDrain() async throws {
        let fixture = try QueueFixture()
        var tuning = QueueTuning()
        tuning.vacuumStepPages = 1_000_000
        let queue = try fixture.open(tuning: tuning)
        let autoVacuum = Mutex<Int64?>(nil)
        await queue.onWriterForTesting { database in
            let mode = try? database.integer("PRAGMA auto_vacuum")
            autoVacuum.withLock { $0 = mode }
        }
        #expect(autoVacuum.withLock { $0 } == 2, "auto_vacuum = INCREMENTAL")
        for batch in 0..<30 {
            _ = try await queue.append((0..<100).map { event(batch * 100 + $0, payloadSize: 2000) })
        }
        await queue.onWriterForTesting { database in
            _ = try? database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let full = QueueFile.size(of: fixture.path)
        #expect(full > 6_000_000)
        try await queue.acknowledge(Array(1...3000))
        await queue.close()
        let drained = QueueFile.size(of: fixture.path)
        #expect(drained < full / 10, "\(drained) bytes after the drain, \(full) before")
    }

    @Test("The accounted size is close to the pages the rows take")
    func accountingMatchesPages() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        for batch in 0..<20 {
            _ = try await queue.append((0..<100).map {
                event(batch * 100 + $0, priority: QueuePriority(rawValue: $0 % 3)!, payloadSize: 300, type: "ReadingReported")
            })
        }
        let accounted = queue.statistics().bytes
        await queue.close()
        let used = QueueFile.size(of: fixture.path)
        let ratio = Double(used) / Double(accounted)
        #expect(ratio > 0.85 && ratio < 1.2, "file \(used) bytes, accounted \(accounted) bytes")
    }

    @Test("Rows too large for a page count whole overflow pages", arguments: [100, 3_000, 4_100, 10_000, 100_000])
    func rowSize(payloadSize: Int) {
        let event = event(1, payloadSize: payloadSize)
        let record = Int64(payloadSize + event.eventID.utf8.count + event.type.utf8.count + event.topic.utf8.count)
        let size = QueueRowSize.bytes(of: event)
        if record <= 4061 {
            #expect(size == record + QueueRowSize.overhead)
        } else {
            #expect(size >= record + QueueRowSize.overhead)
            #expect(size < record + QueueRowSize.overhead + 2 * 4096)
            #expect((size - QueueRowSize.overhead) % 4096 < 4061, "local part plus whole pages")
        }
    }
}
