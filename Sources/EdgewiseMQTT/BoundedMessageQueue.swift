import Glibc

/// A first-in, first-out queue of at most `capacity` elements between threads that block and an
/// async consumer: the MQTT network thread puts received messages in, the gateway takes them out
/// in batches.
///
/// - ``enqueue(_:)`` blocks the calling thread while the queue is full, so memory stays bounded
///   and a slow consumer slows the producer down (for MQTT: the network thread stops reading
///   the socket, and the broker holds the messages). Call it only from a thread that may block,
///   never from a Swift concurrency task.
/// - ``nextBatch(maxCount:)`` suspends (without blocking a thread) until at least one element is
///   there and returns up to `maxCount` at once, which amortises the per-call cost under load.
/// - ``stopBlocking()`` starts a shutdown: producers no longer wait for room, and what they
///   enqueue from then on is kept even beyond `capacity`. For MQTT this matters because
///   libmosquitto acknowledges a QoS 1 message (PUBACK) *before* it hands it over; a message
///   dropped here after that would be lost, as the broker no longer holds it.
/// - ``close()`` ends it: the consumer gets the elements still queued and then `nil`; an
///   element enqueued after closing is refused (`false`). Close once no producer is left.
///
/// Any number of producers and consumers may use it at once; each element is delivered once, in
/// order.
final class BoundedMessageQueue<Element: Sendable>: @unchecked Sendable {
    // Why `@unchecked Sendable` is safe: every stored `var` below (`storage`, `waiters`,
    // `isClosed`, `nextWaiterID` and the statistics) is read and written only while `mutex` is
    // locked, and `mutex`/`notFull` are created in `init` and destroyed in `deinit` only. The
    // compiler cannot see this because the lock is a pthread mutex (a condition variable needs
    // one), not a `Synchronization.Mutex` that would own the state.

    /// The most elements the queue holds.
    let capacity: Int

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// Signalled whenever room appears or the queue stops blocking; producers wait on it.
    private let notFull: UnsafeMutablePointer<pthread_cond_t>

    private var storage: RingBuffer<Element>
    /// Consumers suspended in `nextBatch`, oldest first. Non-empty only while `storage` is empty.
    private var waiters: [Waiter] = []
    private var nextWaiterID: UInt64 = 0
    private var isClosed = false
    /// Set by ``stopBlocking()``: producers append without waiting, beyond `capacity` if need be.
    private var isStopping = false
    private var statistics = Statistics()

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<[Element]?, Never>
    }

    /// How the queue has been used so far.
    struct Statistics: Sendable, Hashable {
        /// Elements in the queue now.
        var count = 0
        /// The most elements the queue has held at once.
        var highWaterMark = 0
        /// How many times a producer found the queue full and had to wait.
        var overloadWaits = 0
        /// How long producers waited for room, in total.
        var overloadWaitTime = Duration.zero
    }

    /// An empty, open queue for at most `capacity` (> 0) elements.
    init(capacity: Int) {
        precondition(capacity > 0, "queue capacity \(capacity) is not positive")
        self.capacity = capacity
        storage = RingBuffer(capacity: capacity)
        mutex = .allocate(capacity: 1)
        notFull = .allocate(capacity: 1)
        let mutexResult = pthread_mutex_init(mutex, nil)
        precondition(mutexResult == 0, "pthread_mutex_init failed: \(mutexResult)")
        let conditionResult = pthread_cond_init(notFull, nil)
        precondition(conditionResult == 0, "pthread_cond_init failed: \(conditionResult)")
    }

    deinit {
        pthread_cond_destroy(notFull)
        pthread_mutex_destroy(mutex)
        notFull.deallocate()
        mutex.deallocate()
    }

    /// Appends `element`, first blocking the calling thread while the queue is full (until
    /// ``stopBlocking()``; from then on it is appended at once, beyond `capacity` if need be).
    ///
    /// - Returns: `false` if the queue was closed; the element is then dropped.
    @discardableResult
    func enqueue(_ element: Element) -> Bool {
        lock()
        if storage.count == capacity && !isStopping && !isClosed {
            statistics.overloadWaits += 1
            let start = ContinuousClock.now
            repeat {
                pthread_cond_wait(notFull, mutex)
            } while storage.count == capacity && !isStopping && !isClosed
            statistics.overloadWaitTime += ContinuousClock.now - start
        }
        if isClosed {
            unlock()
            return false
        }
        if !waiters.isEmpty {
            // A consumer waits, so the queue is empty: hand the element straight over.
            let waiter = waiters.removeFirst()
            unlock()
            waiter.continuation.resume(returning: [element])
            return true
        }
        storage.appendGrowing(element)
        statistics.count = storage.count
        statistics.highWaterMark = max(statistics.highWaterMark, storage.count)
        unlock()
        return true
    }

    /// Waits until elements are queued and removes up to `maxCount` (> 0) of them, oldest first.
    ///
    /// - Returns: between 1 and `maxCount` elements; `nil` once the queue is closed and empty, or
    ///   if the calling task is cancelled while waiting.
    func nextBatch(maxCount: Int) async -> [Element]? {
        precondition(maxCount > 0, "batch size \(maxCount) is not positive")
        lock()
        if let batch = takeLocked(maxCount: maxCount) {
            unlock()
            return batch
        }
        if isClosed {
            unlock()
            return nil
        }
        let id = nextWaiterID
        nextWaiterID += 1
        unlock()

        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Element]?, Never>) in
                // Look again: a producer or `close()` may have come in since the check above.
                lock()
                if let batch = takeLocked(maxCount: maxCount) {
                    unlock()
                    continuation.resume(returning: batch)
                } else if isClosed || Task.isCancelled {
                    unlock()
                    continuation.resume(returning: nil)
                } else {
                    waiters.append(Waiter(id: id, continuation: continuation))
                    unlock()
                }
            }
        } onCancel: {
            lock()
            let index = waiters.firstIndex { $0.id == id }
            let waiter = index.map { waiters.remove(at: $0) }
            unlock()
            waiter?.continuation.resume(returning: nil)
        }
    }

    /// Starts a shutdown without losing anything: producers blocked in ``enqueue(_:)`` append
    /// their element and return `true`, and later ones append without waiting, beyond `capacity`
    /// if need be. Consumers carry on as before. Calling it again does nothing.
    func stopBlocking() {
        lock()
        isStopping = true
        pthread_cond_broadcast(notFull)
        unlock()
    }

    /// Closes the queue: waiting consumers get `nil`, later ``nextBatch(maxCount:)`` calls get
    /// the elements still queued, then `nil`, and producers blocked in (or later calling)
    /// ``enqueue(_:)`` return `false`, dropping their element. Call ``stopBlocking()`` first and
    /// close once no producer is left, so that nothing is dropped. Closing again does nothing.
    func close() {
        lock()
        isClosed = true
        let waiting = waiters
        waiters = []
        pthread_cond_broadcast(notFull)
        unlock()
        for waiter in waiting { waiter.continuation.resume(returning: nil) }
    }

    /// Whether ``close()`` has been called.
    var closed: Bool {
        lock()
        defer { unlock() }
        return isClosed
    }

    /// A snapshot of the queue's counters.
    var currentStatistics: Statistics {
        lock()
        defer { unlock() }
        return statistics
    }

    /// Removes up to `maxCount` elements and wakes producers waiting for room; `nil` when empty.
    /// Call with `mutex` locked.
    private func takeLocked(maxCount: Int) -> [Element]? {
        guard storage.count > 0 else { return nil }
        let batch = storage.removeFirst(min(maxCount, storage.count))
        statistics.count = storage.count
        pthread_cond_broadcast(notFull)
        return batch
    }

    private func lock() {
        let result = pthread_mutex_lock(mutex)
        precondition(result == 0, "pthread_mutex_lock failed: \(result)")
    }

    private func unlock() {
        let result = pthread_mutex_unlock(mutex)
        precondition(result == 0, "pthread_mutex_unlock failed: \(result)")
    }
}
