import Synchronization

/// The connection ``DurableQueue/peek(after:limit:)`` reads with, on the caller's thread.
///
/// SQLite's write-ahead log lets it read committed events while the writer thread writes, so a
/// peek never waits for a group commit or a sync. A `Mutex` makes callers take turns on it.
final class QueueReader: Sendable {
    /// The connection and its prepared statement; `nil` once closed.
    private let connection: Mutex<Connection?>
    /// Events with a sequence below this were in the file when it was opened.
    let firstSequenceOfRun: Int64
    let path: String

    final class Connection {
        let database: SQLiteDatabase
        let peek: SQLiteStatement

        init(path: String) throws(SQLiteError) {
            database = try SQLiteDatabase(path: path, create: false)
            try database.setBusyTimeout(milliseconds: 5000)
            try database.execute("PRAGMA query_only = 1")
            peek = try database.prepare(QueueSchema.peek)
        }
    }

    init(path: String, firstSequenceOfRun: Int64) throws(SQLiteError) {
        self.path = path
        self.firstSequenceOfRun = firstSequenceOfRun
        connection = Mutex(try Connection(path: path))
    }

    func peek(after sequence: Int64?, limit: Int) throws(DurableQueueError) -> [StoredEvent] {
        precondition(limit > 0, "peek limit \(limit) is not positive")
        let firstSequenceOfRun = firstSequenceOfRun
        let path = path
        return try connection.withLock { (connection) throws(DurableQueueError) -> [StoredEvent] in
            guard let connection else { throw .closed(path) }
            let peek = connection.peek
            peek.bind(sequence ?? 0, at: 1)
            peek.bind(Int64(limit), at: 2)
            defer { peek.reset() }
            var events: [StoredEvent] = []
            do throws(SQLiteError) {
                while try peek.step() {
                    let sequence = peek.int64(at: 0)
                    let event = QueuedEvent(
                        eventID: peek.text(at: 1), type: peek.text(at: 2),
                        priority: QueuePriority(rawValue: Int(peek.int64(at: 3))) ?? .normal,
                        topic: peek.text(at: 4), payload: peek.blob(at: 5), acceptedAt: peek.int64(at: 6))
                    events.append(StoredEvent(sequence: sequence, event: event, isReplay: sequence < firstSequenceOfRun))
                }
            } catch {
                throw .storage(error)
            }
            return events
        }
    }

    /// Closes the connection; later peeks throw ``DurableQueueError/Kind/closed``.
    func close() {
        connection.withLock { $0 = nil }
    }
}
