import EdgewiseTesting
import Glibc
import InMemoryLogging
import Testing

@testable import EdgewiseStore

@Suite("Durable queue: a damaged file is moved aside and a fresh queue started")
struct QueueCorruptionTests {
    /// Checks that `fixture`'s queue starts empty and works, that exactly one error line names
    /// both paths, and that the old file sits at the logged name; returns that name.
    @discardableResult
    static func expectMovedAside(_ fixture: QueueFixture, mentioning problem: String) async throws -> String {
        let (logger, log) = recordingLogger()
        let queue = try fixture.open(logger: logger)
        #expect(queue.statistics().depth == 0)
        #expect(try await queue.append([event(1)]).sequences == [1])
        #expect(try queue.storedIDs() == [id(1)])
        await queue.close()

        let errors = log.entries.filter { $0.level == .error }
        #expect(errors.count == 1)
        let entry = try #require(errors.first)
        #expect("\(entry.message)" == "The event buffer file is damaged or unreadable; moved it aside and started an empty buffer")
        #expect(entry.metadata["buffer.path"] == "\(fixture.path)")
        let movedTo = try #require(entry.metadata["buffer.moved_to"].map { "\($0)" })
        #expect(movedTo.hasPrefix(fixture.path + ".corrupt-"))
        #expect(access(movedTo, F_OK) == 0, "the damaged file is kept for inspection")
        #expect("\(entry.metadata["buffer.error"] ?? "")".contains(problem))
        return movedTo
    }

    @Test("A file that is not a database")
    func notADatabase() async throws {
        let fixture = try QueueFixture()
        let garbage = String(repeating: "this is not a database\n", count: 500)
        try fixture.directory.write(garbage, to: "buffer.db")
        let movedTo = try await Self.expectMovedAside(fixture, mentioning: "file is not a database")
        #expect(try FileSystem.read(movedTo) == garbage)
    }

    @Test("A queue whose pages are damaged fails quick_check")
    func damagedPages() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        _ = try await queue.append((1...300).map { event($0, payloadSize: 300) })
        await queue.close()
        // Overwrite the header of every page after the schema and pointer-map pages.
        let descriptor = Glibc.open(fixture.path, O_WRONLY)
        #expect(descriptor >= 0)
        let pages = Int(QueueFile.size(of: fixture.path) / 4096)
        #expect(pages > 10)
        let junk = [UInt8](repeating: 0xEE, count: 12)
        for page in 3..<pages { _ = pwrite(descriptor, junk, junk.count, off_t(page * 4096)) }
        close(descriptor)
        try await Self.expectMovedAside(fixture, mentioning: "")
    }

    @Test("A SQLite database that is not an Edgewise event buffer")
    func foreignDatabase() async throws {
        let fixture = try QueueFixture()
        do {
            let database = try SQLiteDatabase(path: fixture.path)
            try database.execute("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')")
        }
        try await Self.expectMovedAside(fixture, mentioning: "not an Edgewise event buffer")
    }

    @Test("A healthy queue is opened without a word of complaint")
    func healthyQueue() async throws {
        let fixture = try QueueFixture()
        let queue = try fixture.open()
        _ = try await queue.append([event(1)])
        await queue.close()
        let (logger, log) = recordingLogger()
        let reopened = try fixture.open(logger: logger)
        #expect(try reopened.storedIDs() == [id(1)])
        await reopened.close()
        #expect(log.entries.allSatisfy { $0.level < .warning })
        #expect(log.entries.contains { "\($0.message)" == "Opened the event buffer" })
    }
}
