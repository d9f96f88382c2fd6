import CSQLite

/// A thin wrapper over one SQLite connection: prepared statements, `PRAGMA`s, transactions and
/// typed errors that name the file and carry `sqlite3_errmsg`.
///
/// Not `Sendable`: a connection belongs to one thread at a time (it is opened with
/// `SQLITE_OPEN_NOMUTEX`). The durable queue's writer lives on its own thread; its reader is
/// guarded by a mutex. Statements keep their connection alive, and the connection closes when the
/// last reference to it and its statements goes.
final class SQLiteDatabase {
    /// The database file.
    let path: String
    let handle: OpaquePointer

    /// Opens (with `create`, creates) the database at `path` with extended result codes on.
    init(path: String, create: Bool = true) throws(SQLiteError) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
            | SQLITE_OPEN_EXRESCODE
        let result = sqlite3_open_v2(path, &handle, flags, nil)
        guard result == SQLITE_OK, let handle else {
            let error = SQLiteError(function: "sqlite3_open_v2", code: result, database: handle, path: path)
            sqlite3_close_v2(handle)
            throw error
        }
        self.path = path
        self.handle = handle
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs `sql`, which may hold several statements and returns no rows.
    func execute(_ sql: String) throws(SQLiteError) {
        try check(sqlite3_exec(handle, sql, nil, nil, nil), "sqlite3_exec", sql: sql)
    }

    /// Compiles one statement.
    func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil),
                  "sqlite3_prepare_v3", sql: sql)
        return SQLiteStatement(handle: statement!, database: self, sql: sql)
    }

    /// The first column of the first row `sql` returns as an integer; `nil` when there is no row.
    func integer(_ sql: String) throws(SQLiteError) -> Int64? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.int64(at: 0) : nil
    }

    /// The first column of every row `sql` returns, as text (for `PRAGMA quick_check` and friends).
    func texts(_ sql: String) throws(SQLiteError) -> [String] {
        let statement = try prepare(sql)
        var rows: [String] = []
        while try statement.step() { rows.append(statement.text(at: 0)) }
        return rows
    }

    /// Waits up to `milliseconds` for a lock another connection holds instead of failing at once.
    func setBusyTimeout(milliseconds: Int32) throws(SQLiteError) {
        try check(sqlite3_busy_timeout(handle, milliseconds), "sqlite3_busy_timeout")
    }

    /// Whether a transaction is open (SQLite may roll one back by itself, e.g. after `SQLITE_FULL`).
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Starts a write transaction, taking the write lock at once.
    func begin() throws(SQLiteError) { try execute("BEGIN IMMEDIATE") }

    func commit() throws(SQLiteError) { try execute("COMMIT") }

    /// Rolls back the open transaction, if there is one; failures are ignored, since the caller is
    /// already handling the error that made it roll back.
    func rollbackIfNeeded() {
        if isInTransaction { _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil) }
    }

    /// Flushes the write-ahead log to stable storage (see `edgewise_sqlite3_sync_journal` in the shim).
    func syncJournal() throws(SQLiteError) {
        try check(edgewise_sqlite3_sync_journal(handle), "xSync (write-ahead log)")
    }

    /// Throws a ``SQLiteError`` for `function` unless `result` is `SQLITE_OK`.
    func check(_ result: Int32, _ function: String, sql: String? = nil) throws(SQLiteError) {
        guard result == SQLITE_OK else {
            throw SQLiteError(function: function, code: result, database: handle, path: path, sql: sql)
        }
    }
}
