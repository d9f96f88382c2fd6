/// The queue file's layout. One table of events in acceptance order; the `priority` index (SQLite
/// appends the rowid, so it is ordered by `(priority, sequence)`) finds the oldest event of a
/// class for eviction; one row of totals, updated in every transaction, so that opening needs
/// no scan. `size` holds each row's accounted bytes (``QueueRowSize``).
enum QueueSchema {
    /// `PRAGMA application_id`: "EdgQ", marks the file as an Edgewise event buffer.
    static let applicationID: Int64 = 0x4564_6751
    /// `PRAGMA user_version`: the layout below.
    static let version: Int64 = 1

    /// Creates the layout in an empty database (after `auto_vacuum` has been set).
    static let create = """
        CREATE TABLE events (
            sequence INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            type TEXT NOT NULL,
            priority INTEGER NOT NULL,
            topic TEXT NOT NULL,
            payload BLOB NOT NULL,
            accepted_at INTEGER NOT NULL,
            size INTEGER NOT NULL
        );
        CREATE INDEX events_by_priority ON events (priority);
        CREATE TABLE queue_state (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            next_sequence INTEGER NOT NULL,
            depth_telemetry INTEGER NOT NULL, depth_normal INTEGER NOT NULL, depth_alarm INTEGER NOT NULL,
            bytes_telemetry INTEGER NOT NULL, bytes_normal INTEGER NOT NULL, bytes_alarm INTEGER NOT NULL
        );
        INSERT INTO queue_state VALUES (1, 1, 0, 0, 0, 0, 0, 0);
        PRAGMA application_id = \(applicationID);
        PRAGMA user_version = \(version);
        """

    static let insert = """
        INSERT INTO events (sequence, id, type, priority, topic, payload, accepted_at, size)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        """
    static let delete = "DELETE FROM events WHERE sequence = ?1 RETURNING priority, size"
    static let deleteRange = "DELETE FROM events WHERE sequence BETWEEN ?1 AND ?2 RETURNING priority, size"
    static let oldest = "SELECT sequence, priority, size FROM events ORDER BY sequence LIMIT ?1"
    static let oldestOfClass =
        "SELECT sequence, priority, size FROM events WHERE priority = ?1 ORDER BY sequence LIMIT ?2"
    static let oldestAcceptedAt = "SELECT accepted_at FROM events ORDER BY sequence LIMIT 1"
    static let peek = """
        SELECT sequence, id, type, priority, topic, payload, accepted_at FROM events
        WHERE sequence > ?1 ORDER BY sequence LIMIT ?2
        """
    static let loadState = """
        SELECT next_sequence, depth_telemetry, depth_normal, depth_alarm, bytes_telemetry, bytes_normal, bytes_alarm
        FROM queue_state WHERE singleton = 1
        """
    static let saveState = """
        UPDATE queue_state SET next_sequence = ?1, depth_telemetry = ?2, depth_normal = ?3, depth_alarm = ?4,
            bytes_telemetry = ?5, bytes_normal = ?6, bytes_alarm = ?7
        WHERE singleton = 1
        """
}
