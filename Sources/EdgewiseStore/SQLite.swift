import CSQLite

/// Process-wide facts about the system SQLite that holds Edgewise's durable event queue.
public enum SQLite {
    /// The linked SQLite's version, e.g. `3.40.1` (read at run time, not from the headers).
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// Whether this SQLite was built thread-safe; the queue relies on it.
    public static var isThreadSafe: Bool { sqlite3_threadsafe() != 0 }
}
