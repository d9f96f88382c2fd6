import EdgewiseMQTT
import Synchronization

/// Messages a subscriber receives, each stamped with `monotonicNanoseconds()` the moment
/// `MqttClient.nextBatch` hands it over, and waited for one at a time with a timeout.
final class CommandArrivals: Sendable {
    struct Arrival: Sendable {
        var time: UInt64
        var topic: String
        var payload: String
    }

    private struct State: Sendable {
        var queue: [Arrival] = []
        var waiter: (id: Int, continuation: CheckedContinuation<Arrival?, Never>)?
        var nextWaiter = 0
        /// The latest waiter whose timeout has passed (possibly before it started waiting).
        var expired = 0
    }

    private let state = Mutex(State())

    /// Reads `client` until it shuts down; run it in a task of its own.
    func consume(_ client: MqttClient) async {
        while let batch = await client.nextBatch(maxCount: 64) {
            let time = monotonicNanoseconds()
            for message in batch {
                deliver(Arrival(time: time, topic: message.topic, payload: String(decoding: message.payload, as: UTF8.self)))
            }
        }
    }

    private func deliver(_ arrival: Arrival) {
        let waiter = state.withLock { state -> CheckedContinuation<Arrival?, Never>? in
            guard let waiter = state.waiter else {
                state.queue.append(arrival)
                return nil
            }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume(returning: arrival)
    }

    /// The oldest arrival not yet taken, waiting up to `timeout` for one; `nil` on timeout.
    func next(timeout: Duration) async -> Arrival? {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            let expired = state.withLock { state -> CheckedContinuation<Arrival?, Never>? in
                state.expired = max(state.expired, id)
                guard let waiter = state.waiter, waiter.id == id else { return nil }
                state.waiter = nil
                return waiter.continuation
            }
            expired?.resume(returning: nil)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            let (queued, timedOut) = state.withLock { state -> (Arrival?, Bool) in
                if !state.queue.isEmpty { return (state.queue.removeFirst(), false) }
                if state.expired >= id { return (nil, true) }
                state.waiter = (id, continuation)
                return (nil, false)
            }
            if queued != nil || timedOut { continuation.resume(returning: queued) }
        }
    }

    /// Drops whatever arrived and was not taken; returns how many.
    func discardQueued() -> Int {
        state.withLock { state in
            defer { state.queue.removeAll() }
            return state.queue.count
        }
    }
}
