import Logging

/// Work between groups: the deferred sync of `batch` durability and returning free pages to the
/// file system.
extension QueueWriter {
    /// Runs when no jobs are waiting (or a deadline passed).
    func keepHouse() {
        syncIfNeeded(force: false)
        if vacuumPending { vacuumStep() }
        publish()
    }

    /// With `batch` durability, syncs the log once the oldest unsynced commit is `maxDelay` old
    /// (or now, with `force`).
    func syncIfNeeded(force: Bool) {
        guard let firstUnsyncedCommit, case .batch(let maxDelay) = settings.durability else { return }
        guard force || ContinuousClock.now >= firstUnsyncedCommit + maxDelay else { return }
        self.firstUnsyncedCommit = nil
        do {
            try database.syncJournal()
            statistics.syncs += 1
        } catch {
            logger.error("Cannot sync the event buffer to disk; a power cut may lose recent events", metadata: [
                "buffer.path": "\(settings.path)", "buffer.error": "\(error)",
            ])
        }
    }

    /// After rows were removed: plans vacuuming when most of the file is free pages. (Free pages
    /// are reused by later appends; returning them only pays off after a drain.)
    func noteRemovals() {
        guard let (pages, free) = pageCounts() else { return }
        let tuning = settings.tuning
        if free > tuning.vacuumMinimumFreePages && Double(free) > Double(pages) * tuning.vacuumFreeFraction {
            vacuumPending = true
        }
    }

    /// Returns up to `vacuumStepPages` free pages to the file system (`PRAGMA incremental_vacuum`:
    /// rows at the end of the file move into free pages, the file is cut; the cut reaches the disk
    /// at the next checkpoint).
    private func vacuumStep() {
        guard let (_, free) = pageCounts() else {
            vacuumPending = false
            return
        }
        let tuning = settings.tuning
        let release = min(tuning.vacuumStepPages, free - tuning.vacuumReservePages)
        guard release > 0 else {
            vacuumPending = false
            return
        }
        do {
            try database.execute("PRAGMA incremental_vacuum(\(release))")
            logger.debug("Event buffer returned free pages", metadata: [
                "buffer.path": "\(settings.path)", "buffer.pages": "\(release)",
            ])
            if release < tuning.vacuumStepPages { vacuumPending = false }
        } catch {
            database.rollbackIfNeeded()
            vacuumPending = false
            logger.debug("Event buffer vacuum step failed", metadata: ["buffer.error": "\(error)"])
        }
    }

    /// `page_count` and `freelist_count`.
    private func pageCounts() -> (pages: Int64, free: Int64)? {
        func read(_ statement: SQLiteStatement) -> Int64? {
            defer { statement.reset() }
            guard (try? statement.step()) == true else { return nil }
            return statement.int64(at: 0)
        }
        guard let pages = read(statements.pageCount), let free = read(statements.freePageCount) else { return nil }
        return (pages, free)
    }
}
