import CSQLite

/// Opening the queue file for writing: creating the layout in a new file, or checking an
/// existing one, and setting the connection up.
enum QueueDatabase {
    /// Why an existing file cannot be used as it is.
    enum OpenFailure: Error {
        /// Not a database, damaged, or not an Edgewise event buffer: move it aside and start afresh.
        case unusable(String)
        /// Anything else (permissions, I/O): the caller reports it.
        case failed(DurableQueueError)
    }

    /// The writer's connection and what the file holds.
    struct Opened {
        let database: SQLiteDatabase
        let ledger: QueueLedger
        let isNew: Bool
    }

    /// Opens (or creates) the queue at `path`, checks it and sets the connection up for a queue
    /// of at most `maxBytes`.
    static func open(_ path: String, maxBytes: Int64) throws(OpenFailure) -> Opened {
        do {
            let database = try SQLiteDatabase(path: path)
            try database.setBusyTimeout(milliseconds: 5000)
            // The first read of the file: one that is not a database fails here (SQLITE_NOTADB).
            let tables = try database.integer("SELECT count(*) FROM sqlite_schema") ?? 0
            let isNew = tables == 0
            if isNew {
                try create(database)
            } else {
                try verify(database)
            }
            try configure(database, maxBytes: maxBytes)
            let ledger = try loadLedger(database)
            return Opened(database: database, ledger: ledger, isNew: isNew)
        } catch let failure as OpenFailure {
            throw failure
        } catch let error as SQLiteError {
            // Damaged, or unreadable (an I/O error reading it): a fresh file may well work.
            if error.isCorruption || error.primaryCode == SQLITE_IOERR { throw .unusable("\(error)") }
            if error.isPermissionProblem {
                throw .failed(DurableQueueError(
                    kind: .notWritable, path: path, reason: "cannot open the event buffer: \(error)",
                    advice: "make the file and its directory writable for the gateway's user "
                        + "(under systemd: StateDirectory=edgewise), or set buffer.path to a writable location"))
            }
            throw .failed(DurableQueueError(kind: .cannotOpen, path: path, reason: "cannot open the event buffer: \(error)"))
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    /// Lays out a new file. `auto_vacuum` must be set before the first table exists; the log
    /// mode is kept in the file.
    private static func create(_ database: SQLiteDatabase) throws {
        try database.execute("PRAGMA auto_vacuum = INCREMENTAL")
        try requireWAL(database)
        try database.begin()
        do {
            try database.execute(QueueSchema.create)
            try database.commit()
        } catch {
            database.rollbackIfNeeded()
            throw error
        }
    }

    /// Checks that an existing file is an intact Edgewise event buffer of this layout.
    private static func verify(_ database: SQLiteDatabase) throws {
        let applicationID = try database.integer("PRAGMA application_id") ?? 0
        guard applicationID == QueueSchema.applicationID else {
            throw OpenFailure.unusable("it is a SQLite database, but not an Edgewise event buffer (application_id \(applicationID))")
        }
        let version = try database.integer("PRAGMA user_version") ?? 0
        guard version == QueueSchema.version else {
            throw OpenFailure.unusable("its layout version is \(version); this Edgewise reads version \(QueueSchema.version)")
        }
        try requireWAL(database)
        // Reads every page: O(file size), about a second per few hundred MB on flash.
        let problems = try database.texts("PRAGMA quick_check")
        guard problems == ["ok"] else {
            throw OpenFailure.unusable("PRAGMA quick_check found: \(problems.prefix(3).joined(separator: "; "))")
        }
    }

    private static func requireWAL(_ database: SQLiteDatabase) throws {
        let mode = try database.texts("PRAGMA journal_mode = WAL").first
        guard mode == "wal" else {
            throw SQLiteError(
                function: "PRAGMA journal_mode", code: 1,
                message: "cannot switch to write-ahead logging (journal mode is \(mode ?? "unknown"))", path: database.path)
        }
    }

    /// Per-connection settings (not stored in the file).
    private static func configure(_ database: SQLiteDatabase, maxBytes: Int64) throws {
        let pageSize = QueueRowSize.pageSize
        // Commits are written to the log but synced by the queue itself (see QueueDurability).
        try database.execute("PRAGMA synchronous = NORMAL")
        // Keep the log small against small limits: checkpoint after 1/16 of the limit, 100 to 1000 pages.
        let checkpointPages = min(1000, max(100, maxBytes / pageSize / 16))
        try database.execute("PRAGMA wal_autocheckpoint = \(checkpointPages)")
        try database.execute("PRAGMA journal_size_limit = \(checkpointPages * pageSize)")
        // A safety net should the row accounting be far off: beyond 1.5 × the limit plus 4 MB the
        // file cannot grow, and SQLite reports SQLITE_FULL, which the queue handles as full.
        try database.execute("PRAGMA max_page_count = \((maxBytes / 2 * 3 + 4_000_000) / pageSize)")
    }

    private static func loadLedger(_ database: SQLiteDatabase) throws -> QueueLedger {
        let statement = try database.prepare(QueueSchema.loadState)
        guard try statement.step() else {
            throw OpenFailure.unusable("its queue_state row is missing")
        }
        var ledger = QueueLedger()
        ledger.nextSequence = statement.int64(at: 0)
        ledger.depth = [statement.int64(at: 1), statement.int64(at: 2), statement.int64(at: 3)]
        ledger.bytes = [statement.int64(at: 4), statement.int64(at: 5), statement.int64(at: 6)]
        statement.reset()
        // Sequences are never reused, even if the row were behind.
        let highest = try database.integer("SELECT max(sequence) FROM events") ?? 0
        ledger.nextSequence = max(ledger.nextSequence, highest + 1)
        return ledger
    }
}
