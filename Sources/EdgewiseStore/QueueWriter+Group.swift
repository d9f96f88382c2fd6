import Logging

/// Applying a group of appends and acknowledgements: one transaction, retried as if the queue
/// were full when the disk is.
extension QueueWriter {
    /// What a group's transaction did, applied to the writer's state only once it has committed.
    struct GroupOutcome {
        var ledger: QueueLedger
        /// Per append job (by index in the group).
        var appends: [Int: AppendTally] = [:]
        /// Events removed per acknowledge job.
        var removed: [Int: Int] = [:]
        var stored = 0
        var acknowledged = 0
        var evicted = QueuePriorityCounts()
        var refused = 0
        /// Whether the group changed the file (and so committed a transaction).
        var wrote = false
    }

    /// What happened to one append call's events.
    struct AppendTally {
        var sequences: [Int64?] = []
        var evicted = 0
        var refused = 0
    }

    /// How hard a group is squeezed after `SQLITE_FULL`.
    enum Squeeze: Int, Comparable {
        /// The queue's normal limit (or a ceiling from an earlier full disk).
        case none
        /// Full at the size it had before the group.
        case holdSize
        /// Full at three quarters of that, to make room in the log too.
        case shrink
        /// Store nothing new; only acknowledgements are applied.
        case refuseAll

        static func < (lhs: Squeeze, rhs: Squeeze) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Applies `group` (appends and acknowledgements only) and answers every caller in it.
    func process(_ group: [QueueJob]) {
        guard !group.isEmpty else { return }
        var squeeze = Squeeze.none
        var limit = capacity
        var outcome: GroupOutcome
        while true {
            do {
                outcome = try apply(group, capacity: limit, refuseAll: squeeze == .refuseAll)
                break
            } catch {
                database.rollbackIfNeeded()
                guard error.isFull, squeeze < .refuseAll else {
                    fail(group, with: error, squeeze: squeeze)
                    return
                }
                squeeze = Squeeze(rawValue: squeeze.rawValue + 1)!
                limit = diskIsFull(error, squeeze: squeeze, limit: limit)
            }
        }
        commitSucceeded(outcome, squeezed: squeeze != .none, group: group)
    }

    /// Records a `SQLITE_FULL` and returns the limit for the next attempt.
    private func diskIsFull(_ error: SQLiteError, squeeze: Squeeze, limit: Int64) -> Int64 {
        statistics.diskFullCount += 1
        let retryAt = ContinuousClock.now + settings.tuning.diskFullRetryInterval
        switch squeeze {
        case .holdSize:
            if diskFullCeiling == nil {
                logger.warning("Disk full: the event buffer keeps what it holds and treats itself as full", metadata: [
                    "buffer.path": "\(settings.path)", "buffer.bytes": "\(ledger.totalBytes)",
                    "buffer.depth": "\(ledger.totalDepth)", "buffer.error": "\(error)",
                ])
            }
            // A restarted log reuses its file instead of growing it.
            _ = try? database.execute("PRAGMA wal_checkpoint(PASSIVE)")
            let ceiling = min(limit, ledger.totalBytes)
            diskFullCeiling = (ceiling, retryAt)
            return ceiling
        case .shrink:
            let ceiling = limit / 4 * 3
            diskFullCeiling = (ceiling, retryAt)
            return ceiling
        case .none, .refuseAll:
            return limit
        }
    }

    /// One attempt at the group's transaction. Throws (and leaves rolling back to the caller)
    /// on any SQLite failure.
    private func apply(_ group: [QueueJob], capacity: Int64, refuseAll: Bool) throws(SQLiteError) -> GroupOutcome {
        var outcome = GroupOutcome(ledger: ledger)
        let writes = !refuseAll || group.contains { if case .acknowledge = $0 { true } else { false } }
        if writes {
            try statements.begin.run()
            outcome.wrote = true
        }
        for (index, job) in group.enumerated() {
            switch job {
            case .append(let events, _):
                var tally = AppendTally()
                tally.sequences.reserveCapacity(events.count)
                for event in events {
                    let size = QueueRowSize.bytes(of: event)
                    guard !refuseAll,
                        try makeRoom(for: event.priority, size: size, capacity: capacity, outcome: &outcome, tally: &tally)
                    else {
                        tally.sequences.append(nil)
                        tally.refused += 1
                        outcome.refused += 1
                        continue
                    }
                    let sequence = outcome.ledger.nextSequence
                    try insert(event, sequence: sequence, size: size)
                    outcome.ledger.nextSequence += 1
                    outcome.ledger.add(event.priority, size: size)
                    outcome.stored += 1
                    tally.sequences.append(sequence)
                }
                outcome.appends[index] = tally
            case .acknowledge(let sequences, _):
                var removed = 0
                for range in Self.ranges(of: sequences) {
                    for row in try delete(range) {
                        outcome.ledger.remove(row.priority, size: row.size)
                        removed += 1
                    }
                }
                outcome.removed[index] = removed
                outcome.acknowledged += removed
            case .close, .maintenance:
                preconditionFailure("only appends and acknowledgements form a group")
            }
        }
        if writes {
            try saveState(outcome.ledger)
            try statements.commit.run()
        }
        return outcome
    }

    /// Makes room for an event of `size` bytes and class `priority` by the overflow policy;
    /// `false` when the event is to be refused instead.
    private func makeRoom(
        for priority: QueuePriority, size: Int64, capacity: Int64, outcome: inout GroupOutcome, tally: inout AppendTally
    ) throws(SQLiteError) -> Bool {
        // An event larger than the whole limit would empty the queue and still not fit.
        guard size <= capacity else { return false }
        let excess = outcome.ledger.totalBytes + size - capacity
        guard excess > 0 else { return true }
        switch settings.policy {
        case .dropNewest:
            return false
        case .dropOldest:
            _ = try evict(from: nil, atLeast: excess, outcome: &outcome, tally: &tally)
            return true
        case .priority:
            // Only classes up to the event's own may make room for it: a reading never evicts an alarm.
            guard outcome.ledger.bytes(atOrBelow: priority) >= excess else { return false }
            var remaining = excess
            for victimClass in QueuePriority.allCases where victimClass <= priority && remaining > 0 {
                remaining -= try evict(from: victimClass, atLeast: remaining, outcome: &outcome, tally: &tally)
            }
            return true
        }
    }

    /// Deletes the oldest events (of `victimClass`, or of any class) until `bytes` are freed or
    /// none are left; returns the bytes freed.
    private func evict(
        from victimClass: QueuePriority?, atLeast bytes: Int64, outcome: inout GroupOutcome, tally: inout AppendTally
    ) throws(SQLiteError) -> Int64 {
        var freed: Int64 = 0
        while freed < bytes {
            let select: SQLiteStatement
            if let victimClass {
                select = statements.oldestOfClass
                select.bind(Int64(victimClass.rawValue), at: 1)
                select.bind(16, at: 2)
            } else {
                select = statements.oldest
                select.bind(16, at: 1)
            }
            var victims: [Int64] = []
            var planned: Int64 = 0
            while freed + planned < bytes, try select.step() {
                victims.append(select.int64(at: 0))
                planned += select.int64(at: 2)
            }
            select.reset()
            guard !victims.isEmpty else { break }
            for sequence in victims {
                guard let row = try delete(sequence) else { continue }
                outcome.ledger.remove(row.priority, size: row.size)
                outcome.evicted[row.priority] += 1
                tally.evicted += 1
                freed += row.size
            }
        }
        return freed
    }

    private func insert(_ event: QueuedEvent, sequence: Int64, size: Int64) throws(SQLiteError) {
        let insert = statements.insert
        insert.bind(sequence, at: 1)
        insert.bind(event.eventID, at: 2)
        insert.bind(event.type, at: 3)
        insert.bind(Int64(event.priority.rawValue), at: 4)
        insert.bind(event.topic, at: 5)
        insert.bind(event.payload, at: 6)
        insert.bind(event.acceptedAt, at: 7)
        insert.bind(size, at: 8)
        try insert.run()
    }

    /// Deletes one event; its class and size, or `nil` when it was not there.
    private func delete(_ sequence: Int64) throws(SQLiteError) -> (priority: QueuePriority, size: Int64)? {
        let delete = statements.delete
        delete.bind(sequence, at: 1)
        defer { delete.reset() }
        guard try delete.step() else { return nil }
        let row = (QueuePriority(rawValue: Int(delete.int64(at: 0))) ?? .normal, delete.int64(at: 1))
        while try delete.step() {}
        return row
    }

    /// Deletes the events in `range`; the class and size of each one that was there.
    private func delete(_ range: ClosedRange<Int64>) throws(SQLiteError) -> [(priority: QueuePriority, size: Int64)] {
        let delete = statements.deleteRange
        delete.bind(range.lowerBound, at: 1)
        delete.bind(range.upperBound, at: 2)
        defer { delete.reset() }
        var rows: [(priority: QueuePriority, size: Int64)] = []
        while try delete.step() {
            rows.append((QueuePriority(rawValue: Int(delete.int64(at: 0))) ?? .normal, delete.int64(at: 1)))
        }
        return rows
    }

    /// Acknowledged sequences as runs of consecutive numbers, so that a window of acknowledgements
    /// (which mostly come in order) costs one statement: `[7, 3, 4, 5, 9, 8]` → `3...5, 7...9`.
    static func ranges(of sequences: [Int64]) -> [ClosedRange<Int64>] {
        var ranges: [ClosedRange<Int64>] = []
        for sequence in Set(sequences).sorted() {
            if let last = ranges.last, last.upperBound + 1 == sequence {
                ranges[ranges.count - 1] = last.lowerBound...sequence
            } else {
                ranges.append(sequence...sequence)
            }
        }
        return ranges
    }

    private func saveState(_ ledger: QueueLedger) throws(SQLiteError) {
        let save = statements.saveState
        save.bind(ledger.nextSequence, at: 1)
        for index in 0..<3 {
            save.bind(ledger.depth[index], at: Int32(2 + index))
            save.bind(ledger.bytes[index], at: Int32(5 + index))
        }
        try save.run()
    }
}
