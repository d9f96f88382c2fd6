import EdgewiseStore
import Foundation
import Testing

@testable import EdgewiseRuntime

/// How queued events become upstream MQTT messages: one each, or CloudEvents batches.
@Suite("Upstream messages: single events and CloudEvents batches")
struct UpstreamMessagesTests {
    /// Stored events 1…count, accepted at 1000 + sequence, each a small CloudEvent with its number.
    static func events(_ count: Int, previousRun: Set<Int64> = []) -> [StoredEvent] {
        (1...Int64(count)).map { sequence in
            StoredEvent(sequence: sequence, event: QueuedEvent(
                eventID: "id-\(sequence)", type: "ReadingReported", priority: .telemetry, topic: "edgewise/gw/ReadingReported/d\(sequence % 3)",
                payload: Array(#"{"id":"id-\#(sequence)","data":{"value":\#(sequence)}}"#.utf8), acceptedAt: 1_000 + sequence),
                isReplay: previousRun.contains(sequence))
        }
    }

    static func objects(_ payload: [UInt8]) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [[String: Any]], "not a JSON array: \(String(decoding: payload, as: UTF8.self))")
    }

    @Test func withoutBatchingEachEventIsOneMessageOnItsOwnTopic() {
        let messages = UpstreamForwarder.messages(Self.events(4), batching: nil, replaysAcceptedBefore: 0)
        #expect(messages.map(\.sequences) == [[1], [2], [3], [4]])
        #expect(messages.map(\.topic) == ["edgewise/gw/ReadingReported/d1", "edgewise/gw/ReadingReported/d2", "edgewise/gw/ReadingReported/d0", "edgewise/gw/ReadingReported/d1"])
    }

    @Test func batchesHoldAtMostMaxEventsInQueueOrderAsAJSONArray() throws {
        let batching = UpstreamForwarder.Batching(maxEvents: 100, maxDelay: .seconds(1), topic: "edgewise/gw/batch")
        let messages = UpstreamForwarder.messages(Self.events(250), batching: batching, replaysAcceptedBefore: 0)
        #expect(messages.map(\.sequences.count) == [100, 100, 50])
        #expect(messages.flatMap(\.sequences) == Array(1...250))
        #expect(messages.allSatisfy { $0.topic == "edgewise/gw/batch" })
        let values = try messages.flatMap { try Self.objects($0.payload) }.map { ($0["data"] as? [String: Any])?["value"] as? Int }
        #expect(values == (1...250).map { $0 })
    }

    @Test func eachEventInABatchCarriesItsOwnReplayMark() throws {
        let batching = UpstreamForwarder.Batching(maxEvents: 10, maxDelay: .seconds(1), topic: "b")
        // 1 and 2 come from the previous run; 3–5 were accepted before the link came up at 1005.
        let messages = UpstreamForwarder.messages(Self.events(8, previousRun: [1, 2]), batching: batching, replaysAcceptedBefore: 1_006)
        let objects = try Self.objects(try #require(messages.first).payload)
        #expect(objects.map { $0["edgewisereplay"] as? Bool ?? false } == [true, true, true, true, true, false, false, false])
        #expect(objects.map { $0["id"] as? String } == (1...8).map { "id-\($0)" })
    }
}
