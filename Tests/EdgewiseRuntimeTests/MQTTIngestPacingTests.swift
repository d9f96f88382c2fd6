import Testing

@testable import EdgewiseRuntime

/// When the MQTT ingest loop takes the next batch: at once, or after letting messages gather.
@Suite("MQTT ingest pacing")
struct MQTTIngestPacingTests {
    /// Batches taken in order, each as (messages, µs since the start), and when the next batch is
    /// taken after each (µs since the start; `nil` = at once). Linger 1 ms, batches of up to 256,
    /// at most 10,000 messages/s measured over 20 ms.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let batches: [(count: Int, at: Int)]
        let expected: [Int?]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a lone message after a quiet spell is not held back", batches: [(1, 0), (1, 50_000)], expected: [nil, nil]),
        Case(name: "a message close behind the previous one starts lingering", batches: [(1, 0), (1, 200)], expected: [nil, 1_200]),
        Case(name: "a batch of several lingers", batches: [(3, 0)], expected: [1_000]),
        Case(name: "a full batch is a backlog: the next is taken at once", batches: [(256, 0), (256, 100)], expected: [nil, nil]),
        Case(name: "a steady 5,000 msg/s: batches of about five, one a millisecond",
             batches: [(1, 0), (1, 200), (5, 1_200), (5, 2_200), (5, 3_200)], expected: [nil, 1_200, 2_200, 3_200, 4_200]),
        Case(name: "the stream slows down: a lone message after lingering ends it",
             batches: [(1, 0), (1, 200), (1, 1_200), (1, 3_000)], expected: [nil, 1_200, nil, nil]),
        Case(name: "messages exactly half a linger apart do not count as frequent", batches: [(1, 0), (1, 500)], expected: [nil, nil]),
    ]

    @Test(arguments: cases)
    func nextBatch(_ testCase: Case) {
        let start = ContinuousClock.now
        var pacing = MQTTIngestService.Pacing(linger: .milliseconds(1), batchLimit: 256, maximumRate: 10_000)
        let next = testCase.batches.map { batch in
            pacing.nextBatch(afterTaking: batch.count, at: start + .microseconds(batch.at)).map { $0 - start }
        }
        #expect(next == testCase.expected.map { $0.map { Duration.microseconds($0) } })
    }

    /// Feeds batches of `perBatch` messages every millisecond for `milliseconds`; returns whether
    /// the last batch lingered.
    static func lingersAfter(perBatch: Int, milliseconds: Int, maximumRate: Int = 10_000) -> Bool {
        let start = ContinuousClock.now
        var pacing = MQTTIngestService.Pacing(linger: .milliseconds(1), batchLimit: 256, maximumRate: maximumRate)
        var lingered = false
        for millisecond in 0...milliseconds {
            lingered = pacing.nextBatch(afterTaking: perBatch, at: start + .milliseconds(millisecond)) != nil
        }
        return lingered
    }

    @Test func aStreamFasterThanTheMaximumRateIsTakenAtOnceOnceMeasured() {
        // 20 messages a millisecond = 20,000/s: lingers until the first 20 ms window has been measured.
        #expect(Self.lingersAfter(perBatch: 20, milliseconds: 5))
        #expect(!Self.lingersAfter(perBatch: 20, milliseconds: 25))
        // 5 a millisecond = 5,000/s: keeps lingering.
        #expect(Self.lingersAfter(perBatch: 5, milliseconds: 100))
        // Exactly the maximum (10 a millisecond) is not above it.
        #expect(Self.lingersAfter(perBatch: 10, milliseconds: 100))
    }

    @Test func lingeringResumesWhenAFastStreamSlowsDown() {
        let start = ContinuousClock.now
        var pacing = MQTTIngestService.Pacing(linger: .milliseconds(1), batchLimit: 256, maximumRate: 10_000)
        var time = 0
        // 40 ms at 20,000/s (a batch of 4 every 200 µs), then 40 ms at 5,000/s (batches of 5 every 1 ms).
        while time <= 40_000 {
            _ = pacing.nextBatch(afterTaking: 4, at: start + .microseconds(time))
            time += 200
        }
        #expect(pacing.nextBatch(afterTaking: 4, at: start + .microseconds(time)) == nil, "fast: taken at once")
        var last: ContinuousClock.Instant?
        for _ in 0..<40 {
            time += 1_000
            last = pacing.nextBatch(afterTaking: 5, at: start + .microseconds(time))
        }
        #expect(last == start + .microseconds(time + 1_000), "slow again: lingers")
    }

    @Test func aZeroLingerTakesEveryBatchAtOnce() {
        let start = ContinuousClock.now
        var pacing = MQTTIngestService.Pacing(linger: .zero, batchLimit: 256)
        #expect(pacing.nextBatch(afterTaking: 5, at: start) == nil)
        #expect(pacing.nextBatch(afterTaking: 1, at: start + .microseconds(10)) == nil)
    }
}
