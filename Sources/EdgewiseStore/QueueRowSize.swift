/// How many bytes of the database file a stored event takes, as the queue accounts them against
/// `buffer.max_size`.
///
/// Counted as the row's text and blob bytes plus a fixed overhead; when the row is too large for
/// one page, SQLite keeps the start in the page and the rest in whole overflow pages, which are
/// counted whole. Accounting in memory keeps the check before every insert free of I/O, and
/// unlike `page_count × page_size` it does not depend on how full pages happen to be after
/// deletions. `Benchmarks/QueueBenchmark` compares it with the real file size.
enum QueueRowSize {
    /// Per-row bytes besides the stored values: the table cell (record header, rowid, integers,
    /// cell pointer), the `(priority, sequence)` index entry, and the average unused tail of
    /// pages and the interior pages. Measured with ~300-byte CloudEvents payloads: see
    /// docs/performance.md, "Durable queue".
    static let overhead: Int64 = 80

    /// SQLite's page size for the queue (the default).
    static let pageSize: Int64 = 4096
    /// The most of a row SQLite keeps in a table leaf page (`usable size - 35`).
    private static let maximumLocal = pageSize - 35
    /// What stays in the leaf page when a row spills (`(usable - 12) × 32 / 255 - 23`).
    private static let minimumLocal = (pageSize - 12) * 32 / 255 - 23
    /// Content bytes per overflow page (4 bytes link to the next).
    private static let overflowContent = pageSize - 4

    /// The accounted size of `event`'s row.
    static func bytes(of event: QueuedEvent) -> Int64 {
        let record = Int64(event.payload.count + event.eventID.utf8.count + event.type.utf8.count + event.topic.utf8.count)
        guard record > maximumLocal else { return record + overhead }
        // SQLite's rule (btreeParseCellAdjustSizeForOverflow): keep as much in the leaf as lets
        // the rest fill overflow pages exactly, but no more than the maximum.
        var local = minimumLocal + (record - minimumLocal) % overflowContent
        if local > maximumLocal { local = minimumLocal }
        let overflowPages = (record - local + overflowContent - 1) / overflowContent
        return local + overflowPages * pageSize + overhead
    }
}
