import EdgewiseCore
import Logging
import Synchronization

/// The gateway's store-and-forward buffer: events to be sent upstream, kept in a SQLite file
/// (write-ahead log) in the order they were accepted, until the broker acknowledges them.
///
/// - An event counts as accepted once ``append(_:)`` has returned: it is then committed (and, by
///   ``QueueDurability``, synced), so a crash or `kill -9` never loses it, and it is sent after a
///   restart. Delivery is at-least-once: an event may be sent twice, with the same id.
/// - ``peek(after:limit:)`` reads the oldest events for the forwarder's in-flight window, and
///   ``acknowledge(_:)`` removes them once the broker's PUBACK has come, in any order.
/// - The file stays within `maxSize`: when an append would pass it, the ``QueueOverflowPolicy``
///   evicts or refuses, every such event is counted, and the ``OverflowEpisode`` (start, end,
///   counts) is reported for one `BufferOverflow` event. A full disk behaves like a full queue.
/// - A damaged file found at ``open(path:maxSize:overflow:durability:logger:)`` is moved aside
///   and an empty queue started, so the gateway never crash-loops on it.
///
/// One thread of its own owns the writing connection: concurrent appends and acknowledgements
/// are applied together in one transaction (group commit). Use from any task or thread. Don't use
/// it for data that must not be evicted: it trades old events for new ones when full.
public final class DurableQueue: Sendable {
    /// The SQLite file.
    public let path: String
    /// The most the queue's rows may take (`buffer.max_size`).
    public let maxSize: ByteSize
    public let overflow: QueueOverflowPolicy
    public let durability: QueueDurability

    let channel: QueueJobChannel
    private let reader: QueueReader
    private let published: SharedStatistics
    private let closeState = Mutex(CloseState.open)

    private enum CloseState {
        case open
        case closing(waiters: [CheckedContinuation<Void, Never>])
        case closed
    }

    init(
        path: String, maxSize: ByteSize, overflow: QueueOverflowPolicy, durability: QueueDurability,
        channel: QueueJobChannel, reader: QueueReader, published: SharedStatistics
    ) {
        self.path = path
        self.maxSize = maxSize
        self.overflow = overflow
        self.durability = durability
        self.channel = channel
        self.reader = reader
        self.published = published
    }

    deinit {
        // Closed without `close()`: the writer finishes what it has and closes the file.
        _ = channel.submit(.close(nil))
    }

    /// Appends `events`, in order, after everything appended before, and returns once they are
    /// durable as ``durability`` says. Appends made at the same time from other tasks share the
    /// transaction and the sync (group commit); each call's events stay together and in order.
    ///
    /// When the queue is full, the overflow policy evicts older events or refuses some of these;
    /// the receipt says which (a refused event has no sequence) and whether an overflow episode
    /// started. The append cannot be cancelled once called: cancelling the task does not stop it.
    ///
    /// - Throws: ``DurableQueueError`` when the queue is closed or the file cannot be written (an
    ///   I/O error; a full disk is not an error, it refuses or evicts). With `full` durability a
    ///   failed sync throws too, although the events are committed and may still be sent.
    public func append(_ events: [QueuedEvent]) async throws(DurableQueueError) -> AppendReceipt {
        guard !events.isEmpty else { return AppendReceipt(sequences: []) }
        let result = await withCheckedContinuation { continuation in
            if !channel.submit(.append(events, continuation)) {
                continuation.resume(returning: .failure(.closed(path)))
            }
        }
        return try result.get()
    }

    /// The oldest `limit` (> 0) events with a sequence greater than `after` (`nil`: from the
    /// start), in order of acceptance: the forwarder's next window. Reads only committed events,
    /// on the calling thread, without waiting for the writer.
    public func peek(after sequence: Int64?, limit: Int) throws(DurableQueueError) -> [StoredEvent] {
        try reader.peek(after: sequence, limit: limit)
    }

    /// Removes acknowledged events (after the broker's PUBACK). Acknowledgements may come in any
    /// order; sequences no longer stored (evicted meanwhile, or acknowledged before) are skipped.
    /// An acknowledgement that is lost in a crash only means the event is sent once more.
    ///
    /// - Parameter delay: `nil` applies it at once. Otherwise it may wait up to `delay` for the
    ///   writer's next transaction (the next ``append(_:)``, or a sync that falls due) and share
    ///   it, instead of waking the writer for a transaction of its own: for a sender that has
    ///   caught up with the queue, so that at a steady trickle each event costs one transaction,
    ///   not two. The events stay in the queue (and ``statistics()``) until then; ``peek(after:limit:)``
    ///   with `after` past them does not return them.
    @discardableResult
    public func acknowledge(_ sequences: [Int64], within delay: Duration? = nil) async throws(DurableQueueError) -> AcknowledgeReceipt {
        guard !sequences.isEmpty else { return AcknowledgeReceipt(removed: 0) }
        let result = await withCheckedContinuation { continuation in
            if !channel.submit(.acknowledge(sequences, continuation), within: delay) {
                continuation.resume(returning: .failure(.closed(path)))
            }
        }
        return try result.get()
    }

    /// A snapshot of the contents, counters and overflow episodes (cheap: no database access).
    public func statistics() -> QueueStatistics {
        var statistics = published.value.withLock { $0 }
        statistics.fileBytes = QueueFile.size(of: path) + QueueFile.size(of: path + "-wal")
        return statistics
    }

    /// Finishes the appends and acknowledgements already made, syncs, folds the log into the
    /// database file and closes it; returns once the file is closed. Later calls throw
    /// ``DurableQueueError/Kind/closed``. Calling it again waits for the same close.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let submit = closeState.withLock { state -> Bool? in
                switch state {
                case .open:
                    state = .closing(waiters: [continuation])
                    return true
                case .closing(var waiters):
                    waiters.append(continuation)
                    state = .closing(waiters: waiters)
                    return false
                case .closed:
                    return nil
                }
            }
            switch submit {
            case true?:
                // Holds `self` until the writer has closed the file, then answers every waiter.
                _ = channel.submit(.close { [self] in
                    reader.close()
                    finishClose()
                })
            case false?:
                break
            case nil:
                continuation.resume()
            }
        }
    }

    private func finishClose() {
        let waiters = closeState.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer { state = .closed }
            if case .closing(let waiters) = state { return waiters }
            return []
        }
        for waiter in waiters { waiter.resume() }
    }
}
