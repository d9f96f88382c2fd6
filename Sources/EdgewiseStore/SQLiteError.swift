import CSQLite

/// A failed SQLite call: which function, on which database file, SQLite's result code and its
/// explanation (`sqlite3_errmsg`, taken when the error is created, since later calls overwrite it).
///
/// Reads like `/var/lib/edgewise/buffer.db: sqlite3_step failed: database or disk is full (code 13) in "INSERT INTO events …"`.
struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The SQLite function that failed, e.g. `sqlite3_step`.
    var function: String
    /// The extended result code, e.g. `SQLITE_IOERR_FSYNC` (1034).
    var code: Int32
    /// SQLite's explanation, e.g. "database or disk is full".
    var message: String
    /// The database file.
    var path: String
    /// The statement being run, when there is one.
    var sql: String?

    /// The primary result code (`SQLITE_FULL`, `SQLITE_CORRUPT`, …) without the extended bits.
    var primaryCode: Int32 { code & 0xff }

    /// The disk (or `PRAGMA max_page_count`) has no room for the change.
    var isFull: Bool { primaryCode == SQLITE_FULL }

    /// The file is not a database, or its content is damaged.
    var isCorruption: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }

    /// Permission or read-only file system problems: an operator has to fix them.
    var isPermissionProblem: Bool {
        primaryCode == SQLITE_READONLY || primaryCode == SQLITE_PERM || primaryCode == SQLITE_CANTOPEN
            || primaryCode == SQLITE_AUTH
    }

    /// Describes the failure of `function` with result `code` on `database` (its handle may be nil
    /// when opening failed before one existed).
    init(function: String, code: Int32, database: OpaquePointer?, path: String, sql: String? = nil) {
        self.function = function
        self.code = code
        // sqlite3_errmsg describes the last failed call on this connection; for calls that do not
        // set it (or without a connection) the generic text for the code is the best there is.
        if let database, sqlite3_extended_errcode(database) == code {
            message = String(cString: sqlite3_errmsg(database))
        } else {
            message = String(cString: sqlite3_errstr(code))
        }
        self.path = path
        self.sql = sql
    }

    /// Describes a problem found by Edgewise itself (a failed check), not reported by a call.
    init(function: String, code: Int32, message: String, path: String, sql: String? = nil) {
        self.function = function
        self.code = code
        self.message = message
        self.path = path
        self.sql = sql
    }

    var description: String {
        let statement = sql.map { " in \"\($0.count > 80 ? $0.prefix(79) + "…" : Substring($0))\"" } ?? ""
        return "\(path): \(function) failed: \(message) (code \(code))\(statement)"
    }
}
