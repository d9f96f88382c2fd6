import EdgewiseSystem
import Synchronization
import Testing

@testable import EdgewiseMQTT

@Suite("Bounded message queue")
struct BoundedMessageQueueTests {
    @Test("Returns queued elements in order, at most maxCount at a time")
    func batching() async {
        let queue = BoundedMessageQueue<Int>(capacity: 10)
        for value in 1...7 { #expect(queue.enqueue(value)) }
        #expect(await queue.nextBatch(maxCount: 3) == [1, 2, 3])
        #expect(await queue.nextBatch(maxCount: 3) == [4, 5, 6])
        #expect(await queue.nextBatch(maxCount: 3) == [7])
        #expect(queue.currentStatistics.count == 0)
        #expect(queue.currentStatistics.highWaterMark == 7)
    }

    @Test("A waiting consumer gets the next element as soon as it is queued")
    func waitingConsumer() async throws {
        let queue = BoundedMessageQueue<Int>(capacity: 4)
        let consumer = Task { await queue.nextBatch(maxCount: 10) }
        // Whether the consumer is already waiting or not, it must get exactly this element.
        try await Task.sleep(for: .milliseconds(20))
        queue.enqueue(42)
        #expect(await consumer.value == [42])
    }

    @Test("A producer blocks while the queue is full and resumes when the consumer takes")
    func producerBlocksWhenFull() async throws {
        let queue = BoundedMessageQueue<Int>(capacity: 2)
        queue.enqueue(1)
        queue.enqueue(2)
        let producer = try DedicatedThread.start(name: "test producer") { queue.enqueue(3) }
        try await waitUntil("the producer to wait") { queue.currentStatistics.overloadWaits == 1 }
        #expect(!producer.isFinished)
        #expect(queue.currentStatistics.count == 2)

        #expect(await queue.nextBatch(maxCount: 1) == [1])
        try await waitUntil("the producer to finish") { producer.isFinished }
        producer.join()
        #expect(await queue.nextBatch(maxCount: 10) == [2, 3])
        let statistics = queue.currentStatistics
        #expect(statistics.highWaterMark == 2)
        #expect(statistics.overloadWaits == 1)
        #expect(statistics.overloadWaitTime > .zero)
    }

    @Test("Closing wakes a waiting consumer with nil")
    func closeWakesConsumer() async throws {
        let queue = BoundedMessageQueue<Int>(capacity: 2)
        let consumer = Task { await queue.nextBatch(maxCount: 10) }
        try await Task.sleep(for: .milliseconds(20))
        queue.close()
        #expect(await consumer.value == nil)
        #expect(await queue.nextBatch(maxCount: 1) == nil)
    }

    @Test("Closing wakes a blocked producer, which drops its element; the consumer drains, then gets nil")
    func closeWakesProducer() async throws {
        let queue = BoundedMessageQueue<Int>(capacity: 2)
        #expect(try await Self.blockedProducerAccepts(3, in: queue, wokenBy: { $0.close() }) == false)
        #expect(!queue.enqueue(4))
        #expect(await queue.nextBatch(maxCount: 10) == [1, 2])
        #expect(await queue.nextBatch(maxCount: 10) == nil)
    }

    @Test("Stopping wakes a blocked producer, which keeps its element; later ones go beyond capacity; close ends after the last")
    func stopBlockingKeepsEveryElement() async throws {
        let queue = BoundedMessageQueue<Int>(capacity: 2)
        #expect(try await Self.blockedProducerAccepts(3, in: queue, wokenBy: { $0.stopBlocking() }) == true)
        // After stopping, nothing waits: the queue holds more than its capacity.
        for value in 4...9 { #expect(queue.enqueue(value)) }
        #expect(queue.currentStatistics.count == 9)
        #expect(queue.currentStatistics.overloadWaits == 1)
        #expect(await queue.nextBatch(maxCount: 4) == [1, 2, 3, 4])
        queue.close()
        #expect(!queue.enqueue(10))
        #expect(await queue.nextBatch(maxCount: 10) == [5, 6, 7, 8, 9])
        #expect(await queue.nextBatch(maxCount: 10) == nil)
    }

    /// Fills `queue` (capacity 2) with 1 and 2, lets a producer thread block enqueueing `element`,
    /// calls `wake`, and returns what that blocked `enqueue` returned.
    static func blockedProducerAccepts(
        _ element: Int, in queue: BoundedMessageQueue<Int>, wokenBy wake: (BoundedMessageQueue<Int>) -> Void
    ) async throws -> Bool {
        queue.enqueue(1)
        queue.enqueue(2)
        let accepted = Atomic<Int>(-1)
        let producer = try DedicatedThread.start(name: "test producer") {
            accepted.store(queue.enqueue(element) ? 1 : 0, ordering: .relaxed)
        }
        try await waitUntil("the producer to wait") { queue.currentStatistics.overloadWaits == 1 }
        wake(queue)
        try await waitUntil("the producer to finish") { producer.isFinished }
        producer.join()
        return accepted.load(ordering: .relaxed) == 1
    }

    @Test("A cancelled consumer gets nil and loses no element")
    func cancellation() async throws {
        let queue = BoundedMessageQueue<Int>(capacity: 2)
        let consumer = Task { await queue.nextBatch(maxCount: 10) }
        try await Task.sleep(for: .milliseconds(20))
        consumer.cancel()
        #expect(await consumer.value == nil)
        queue.enqueue(7)
        #expect(await queue.nextBatch(maxCount: 10) == [7])
    }

    @Test("200,000 elements from two blocking producers arrive exactly once and in order")
    func stress() async throws {
        let capacity = 64
        let perProducer = 100_000
        let queue = BoundedMessageQueue<Int>(capacity: capacity)
        let producers = try (0..<2).map { producer in
            try DedicatedThread.start(name: "test producer") {
                for sequence in 0..<perProducer { queue.enqueue(producer * 1_000_000 + sequence) }
            }
        }
        var next = [0, 0]
        var received = 0
        var batches = 0
        var outOfOrder = 0
        while received < 2 * perProducer, let batch = await queue.nextBatch(maxCount: Int.random(in: 1...100)) {
            batches += 1
            for element in batch {
                let producer = element / 1_000_000
                if element % 1_000_000 != next[producer] { outOfOrder += 1 }
                next[producer] = element % 1_000_000 + 1
            }
            received += batch.count
        }
        for producer in producers { producer.join() }
        #expect(received == 2 * perProducer)
        #expect(next == [perProducer, perProducer])
        #expect(outOfOrder == 0)
        #expect(queue.currentStatistics.count == 0)
        #expect(queue.currentStatistics.highWaterMark <= capacity)
        queue.close()
        #expect(await queue.nextBatch(maxCount: 1) == nil)
    }
}
