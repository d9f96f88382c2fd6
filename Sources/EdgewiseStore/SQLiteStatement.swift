import CSQLite

/// A prepared statement of a ``SQLiteDatabase``: bind parameters (1-based), step through rows,
/// read columns (0-based), reset to run it again.
///
/// Same threading rule as its connection. Binding out of range or with a type SQLite cannot take
/// is a programming error and stops the program.
final class SQLiteStatement {
    let sql: String
    private let handle: OpaquePointer
    /// Keeps the connection open while the statement exists.
    private let database: SQLiteDatabase

    init(handle: OpaquePointer, database: SQLiteDatabase, sql: String) {
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ value: Int64, at index: Int32) {
        checkBind(sqlite3_bind_int64(handle, index, value), index)
    }

    func bind(_ text: String, at index: Int32) {
        let result = text.withCString { edgewise_sqlite3_bind_text_transient(handle, index, $0, -1) }
        checkBind(result, index)
    }

    func bind(_ bytes: [UInt8], at index: Int32) {
        let result = bytes.withUnsafeBytes { buffer in
            // A nil pointer would bind NULL; an empty payload is an empty blob.
            buffer.isEmpty
                ? sqlite3_bind_zeroblob(handle, index, 0)
                : edgewise_sqlite3_bind_blob_transient(handle, index, buffer.baseAddress, Int32(buffer.count))
        }
        checkBind(result, index)
    }

    /// Runs the statement to its next row: `true` when a row is there to read, `false` when done.
    func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let result:
            let error = SQLiteError(
                function: "sqlite3_step", code: result, database: database.handle, path: database.path, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Steps through to the end, for statements that return no rows.
    func run() throws(SQLiteError) {
        while try step() {}
        reset()
    }

    /// Makes the statement ready to run again; bindings stay as they are.
    func reset() {
        // The result repeats the last step's error, which `step()` has already reported.
        sqlite3_reset(handle)
    }

    func int64(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func isNull(at column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func text(at column: Int32) -> String {
        guard let characters = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: characters, count: count), as: UTF8.self)
    }

    func blob(at column: Int32) -> [UInt8] {
        guard let bytes = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    private func checkBind(_ result: Int32, _ index: Int32) {
        precondition(
            result == SQLITE_OK,
            "binding parameter \(index) of \"\(sql)\" failed: \(String(cString: sqlite3_errstr(result)))")
    }
}
