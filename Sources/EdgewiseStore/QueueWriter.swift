import Logging
import Synchronization

/// The durable queue's writer: owns the SQLite connection on the queue's own thread, takes every
/// waiting append and acknowledgement as one group, applies the group in one transaction (group
/// commit), syncs the log as the durability mode asks, and answers the callers.
///
/// Not `Sendable`: it is created by `DurableQueue.open` and handed to the thread (see
/// a `DedicatedThread`), and only that thread touches it afterwards.
final class QueueWriter {
    struct Settings: Sendable {
        var path: String
        var maxBytes: Int64
        var policy: QueueOverflowPolicy
        var durability: QueueDurability
        var tuning: QueueTuning
    }

    let settings: Settings
    let database: SQLiteDatabase
    let logger: Logger
    /// What ``DurableQueue/statistics()`` returns; written after every group.
    let published: SharedStatistics
    let statements: Statements

    /// What the file holds, as of the last commit.
    var ledger: QueueLedger
    /// The counters and episodes; copied to `published` after every change.
    var statistics: QueueStatistics
    /// Set after `SQLITE_FULL`: the queue behaves as full at this size until `until`.
    var diskFullCeiling: (bytes: Int64, until: ContinuousClock.Instant)?
    /// With `batch` durability: when the oldest commit not yet synced was made.
    var firstUnsyncedCommit: ContinuousClock.Instant?
    /// Free pages are to be returned to the file system, a step at a time.
    var vacuumPending = false

    /// The statements a group uses, prepared once.
    struct Statements {
        let insert: SQLiteStatement
        let delete: SQLiteStatement
        let deleteRange: SQLiteStatement
        let begin: SQLiteStatement
        let commit: SQLiteStatement
        let oldest: SQLiteStatement
        let oldestOfClass: SQLiteStatement
        let oldestAcceptedAt: SQLiteStatement
        let saveState: SQLiteStatement
        let pageCount: SQLiteStatement
        let freePageCount: SQLiteStatement

        init(_ database: SQLiteDatabase) throws(SQLiteError) {
            insert = try database.prepare(QueueSchema.insert)
            delete = try database.prepare(QueueSchema.delete)
            deleteRange = try database.prepare(QueueSchema.deleteRange)
            begin = try database.prepare("BEGIN IMMEDIATE")
            commit = try database.prepare("COMMIT")
            oldest = try database.prepare(QueueSchema.oldest)
            oldestOfClass = try database.prepare(QueueSchema.oldestOfClass)
            oldestAcceptedAt = try database.prepare(QueueSchema.oldestAcceptedAt)
            saveState = try database.prepare(QueueSchema.saveState)
            pageCount = try database.prepare("PRAGMA page_count")
            freePageCount = try database.prepare("PRAGMA freelist_count")
        }
    }

    init(
        database: SQLiteDatabase, ledger: QueueLedger, settings: Settings, published: SharedStatistics, logger: Logger
    ) throws(SQLiteError) {
        self.database = database
        self.ledger = ledger
        self.settings = settings
        self.published = published
        self.logger = logger
        statements = try Statements(database)
        statistics = QueueStatistics()
        statistics.maxBytes = settings.maxBytes
        refreshContents()
        publish()
    }

    /// Moves a writer to its thread; ``run(_:channel:)`` takes it out, so that the writer (and
    /// with it the connection) goes away as soon as the loop ends, before closers are told.
    final class Handoff {
        var writer: QueueWriter?

        init(_ writer: QueueWriter) {
            self.writer = writer
        }
    }

    /// The writer thread's whole life: take jobs, apply them, keep house, until a close job.
    static func run(_ handoff: Handoff, channel: QueueJobChannel) {
        var owned = handoff.writer
        handoff.writer = nil
        var completion: (@Sendable () -> Void)?
        while let writer = owned {
            let jobs = channel.take(until: writer.wakeDeadline)
            var group: [QueueJob] = []
            var closing = false
            for job in jobs {
                switch job {
                case .append, .acknowledge:
                    group.append(job)
                case .maintenance(let body, let continuation):
                    writer.process(group)
                    group = []
                    body(writer.database)
                    continuation.resume()
                case .close(let done):
                    completion = done
                    closing = true
                }
            }
            writer.process(group)
            if closing {
                writer.finish()
                owned = nil
            } else {
                writer.keepHouse()
            }
        }
        // The connection is closed now (the writer and its statements are gone).
        completion?()
    }

    /// When the writer must wake without new jobs: a sync falls due, or vacuuming goes on.
    var wakeDeadline: ContinuousClock.Instant? {
        if vacuumPending { return .now }
        if case .batch(let maxDelay) = settings.durability, let firstUnsyncedCommit {
            return firstUnsyncedCommit + maxDelay
        }
        return nil
    }

    /// The size the queue may grow to now: `max_size`, or less while the disk is full.
    var capacity: Int64 {
        if let ceiling = diskFullCeiling {
            if ContinuousClock.now < ceiling.until { return min(settings.maxBytes, ceiling.bytes) }
            diskFullCeiling = nil
        }
        return settings.maxBytes
    }

    /// Syncs work left over, folds the log into the database file and truncates it.
    func finish() {
        syncIfNeeded(force: true)
        do {
            try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        } catch {
            logger.debug("Event buffer checkpoint at close failed", metadata: ["buffer.error": "\(error)"])
        }
        refreshContents()
        publish()
    }

    /// Copies the statistics to where readers see them.
    func publish() {
        let snapshot = statistics
        published.value.withLock { $0 = snapshot }
    }

    /// Reads `depth`, `bytes`, `nextSequence` and `oldestAcceptedAt` into the statistics.
    func refreshContents() {
        statistics.depth = Int(ledger.totalDepth)
        statistics.bytes = ledger.totalBytes
        statistics.nextSequence = ledger.nextSequence
        statistics.oldestAcceptedAt = nil
        if ledger.totalDepth > 0 {
            let statement = statements.oldestAcceptedAt
            if (try? statement.step()) == true { statistics.oldestAcceptedAt = statement.int64(at: 0) }
            statement.reset()
        }
    }
}

/// The statistics snapshot, shared between the writer thread and ``DurableQueue/statistics()``.
final class SharedStatistics: Sendable {
    let value = Mutex(QueueStatistics())
}
