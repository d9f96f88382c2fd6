/// A first-in, first-out ring buffer: the storage of ``BoundedMessageQueue``. It has a fixed
/// capacity, which only ``appendGrowing(_:)`` exceeds (the queue's shutdown, when nothing may be
/// refused).
///
/// Not thread-safe; its owner locks around it.
struct RingBuffer<Element> {
    private var slots: [Element?]
    /// Index of the oldest element.
    private var head = 0
    /// Number of elements held.
    private(set) var count = 0

    /// An empty buffer with room for `capacity` (> 0) elements.
    init(capacity: Int) {
        precondition(capacity > 0, "ring buffer capacity \(capacity) is not positive")
        slots = Array(repeating: nil, count: capacity)
    }

    /// How many elements fit.
    var capacity: Int { slots.count }

    /// Adds `element` at the end; the buffer must not be full.
    mutating func append(_ element: Element) {
        precondition(count < capacity, "ring buffer is full")
        var tail = head + count
        if tail >= capacity { tail -= capacity }
        slots[tail] = element
        count += 1
    }

    /// Adds `element` at the end, first doubling the capacity when the buffer is full.
    mutating func appendGrowing(_ element: Element) {
        if count == capacity {
            var grown: [Element?] = Array(repeating: nil, count: capacity * 2)
            for offset in 0..<count { grown[offset] = slots[(head + offset) % capacity].take() }
            slots = grown
            head = 0
        }
        append(element)
    }

    /// Removes and returns the `n` oldest elements (0 ≤ `n` ≤ `count`), oldest first.
    mutating func removeFirst(_ n: Int) -> [Element] {
        precondition(n >= 0 && n <= count, "cannot remove \(n) of \(count) elements")
        var removed: [Element] = []
        removed.reserveCapacity(n)
        for _ in 0..<n {
            removed.append(slots[head].take()!)
            head += 1
            if head == capacity { head = 0 }
        }
        count -= n
        return removed
    }
}
