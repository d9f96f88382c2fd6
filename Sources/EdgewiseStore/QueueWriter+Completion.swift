import Logging

/// After a group: taking its outcome into the writer's state, syncing, overflow episodes, and
/// answering the callers.
extension QueueWriter {
    /// Takes a committed group's outcome into the state, syncs as the durability mode asks, and
    /// answers every caller in the group.
    func commitSucceeded(_ outcome: GroupOutcome, squeezed: Bool, group: [QueueJob]) {
        ledger = outcome.ledger
        if outcome.wrote { statistics.transactions += 1 }
        statistics.appended += outcome.stored
        statistics.acknowledged += outcome.acknowledged
        statistics.evicted = statistics.evicted + outcome.evicted
        statistics.refused += outcome.refused

        var syncError: SQLiteError?
        if outcome.stored > 0 {
            switch settings.durability {
            case .full:
                do throws(SQLiteError) {
                    try database.syncJournal()
                    statistics.syncs += 1
                } catch {
                    syncError = error
                    logger.error("Cannot sync the event buffer to disk", metadata: [
                        "buffer.path": "\(settings.path)", "buffer.error": "\(error)",
                    ])
                }
            case .batch:
                if firstUnsyncedCommit == nil { firstUnsyncedCommit = .now }
            }
        }

        let (started, ended) = updateOverflowEpisode(outcome, diskFull: squeezed)
        let startedIn = started == nil ? nil : group.indices.first { index in
            outcome.appends[index].map { $0.evicted + $0.refused > 0 } ?? false
        }
        if outcome.removed.values.contains(where: { $0 > 0 }) || outcome.evicted.total > 0 { noteRemovals() }
        refreshContents()
        publish()

        for (index, job) in group.enumerated() {
            let endedHere = index == group.count - 1 ? ended : nil
            switch job {
            case .append(_, let continuation):
                let tally = outcome.appends[index] ?? AppendTally()
                if let syncError, tally.refused < tally.sequences.count {
                    continuation.resume(returning: .failure(.storage(syncError)))
                    continue
                }
                continuation.resume(returning: .success(AppendReceipt(
                    sequences: tally.sequences, evicted: tally.evicted, refused: tally.refused,
                    overflowStarted: index == startedIn ? started : nil, overflowEnded: endedHere)))
            case .acknowledge(_, let continuation):
                continuation.resume(returning: .success(AcknowledgeReceipt(
                    removed: outcome.removed[index] ?? 0, overflowEnded: endedHere)))
            case .close, .maintenance:
                break
            }
        }
    }

    /// Answers a group that could not be applied: acknowledgements fail; appends fail too, except
    /// when a full disk left nothing but refusing them (then they are refused, as when full).
    func fail(_ group: [QueueJob], with error: SQLiteError, squeeze: Squeeze) {
        if error.isFull && squeeze == .refuseAll {
            // Even acknowledgements cannot be written: refuse the appends, fail the rest.
            let appends = group.filter { if case .append = $0 { true } else { false } }
            let acknowledgements = group.filter { if case .append = $0 { false } else { true } }
            fail(acknowledgements, with: error, squeeze: .none)
            process(appendsRefusedOnly: appends)
            return
        }
        logger.error("Event buffer transaction failed", metadata: [
            "buffer.path": "\(settings.path)", "buffer.error": "\(error)",
        ])
        for job in group {
            switch job {
            case .append(_, let continuation): continuation.resume(returning: .failure(.storage(error)))
            case .acknowledge(_, let continuation): continuation.resume(returning: .failure(.storage(error)))
            case .close, .maintenance: break
            }
        }
    }

    /// Refuses every event of `appends` without touching the file.
    private func process(appendsRefusedOnly appends: [QueueJob]) {
        var outcome = GroupOutcome(ledger: ledger)
        for (index, job) in appends.enumerated() {
            guard case .append(let events, _) = job else { continue }
            outcome.appends[index] = AppendTally(
                sequences: Array(repeating: nil, count: events.count), evicted: 0, refused: events.count)
            outcome.refused += events.count
        }
        commitSucceeded(outcome, squeezed: true, group: appends)
    }

    /// Starts, extends or ends the overflow episode after a group; returns the episode that
    /// started and the one that ended with it, if any.
    private func updateOverflowEpisode(
        _ outcome: GroupOutcome, diskFull: Bool
    ) -> (started: OverflowEpisode?, ended: OverflowEpisode?) {
        let now = settings.tuning.now()
        var started: OverflowEpisode?
        if outcome.evicted.total + outcome.refused > 0 {
            if statistics.overflow == nil {
                statistics.overflowEpisodes += 1
                statistics.overflow = OverflowEpisode(number: statistics.overflowEpisodes, startedAt: now)
                logger.warning("Event buffer full: evicting or refusing events by its overflow policy", metadata: [
                    "buffer.path": "\(settings.path)", "buffer.overflow": "\(settings.policy.rawValue)",
                    "buffer.max_size": "\(settings.maxBytes)", "buffer.depth": "\(ledger.totalDepth)",
                    "buffer.episode": "\(statistics.overflowEpisodes)",
                ])
                started = statistics.overflow
            }
            statistics.overflow!.evicted = statistics.overflow!.evicted + outcome.evicted
            statistics.overflow!.refused += outcome.refused
            if diskFull { statistics.overflow!.diskFull = true }
            if started != nil { started = statistics.overflow }
        }
        guard var episode = statistics.overflow,
            Double(ledger.totalBytes) <= Double(capacity) * settings.tuning.overflowEndFraction
        else { return (started, nil) }
        episode.endedAt = now
        statistics.overflow = nil
        statistics.lastOverflow = episode
        logger.notice("Event buffer has room again", metadata: [
            "buffer.path": "\(settings.path)", "buffer.episode": "\(episode.number)",
            "buffer.evicted": "\(episode.evicted.total)", "buffer.refused": "\(episode.refused)",
            "buffer.duration_ms": "\(now - episode.startedAt)",
        ])
        if started != nil { started = episode }
        return (started, episode)
    }
}
