import EdgewiseTesting
import Glibc
import Testing

@testable import EdgewiseStore

@Suite("Durable queue: kill -9 loses nothing whose append had returned")
struct QueueCrashTests {
    @Test("A child appending from 4 tasks is SIGKILLed mid-stream; every reported event is there, in order",
          arguments: ["batch", "full"])
    func killedMidStream(durability: String) async throws {
        let fixture = try QueueFixture()
        let child = try ChildProcess.launch(
            BuiltProducts.executable("QueueCrashPeer"), arguments: ["append", fixture.path, durability])
        try await waitUntil("the child to append 3,000 events") {
            if child.standardOutput.contains("error") { throw TimeoutError(what: "no error: \(child.standardOutput)") }
            return child.standardOutput.utf8.count(where: { $0 == UInt8(ascii: "\n") }) >= 3000
        }
        child.signal(SIGKILL)
        #expect(try await child.waitForExit(timeout: patience) == 128 + SIGKILL)

        // Only whole lines: the kill may have cut the last one.
        var reported: [Int64: String] = [:]
        for line in child.standardOutput.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let sequence = Int64(fields[0]) else { continue }
            reported[sequence] = String(fields[1])
        }
        #expect(reported.count >= 3000)

        let queue = try fixture.open()
        let stored = try queue.everything()
        let storedIDs = Dictionary(uniqueKeysWithValues: stored.map { ($0.sequence, $0.event.eventID) })
        let missing = reported.filter { storedIDs[$0.key] != $0.value }
        #expect(missing.isEmpty, "\(missing.count) reported events missing, e.g. \(missing.first.map { "\($0)" } ?? "")")
        #expect(stored.map(\.sequence) == stored.map(\.sequence).sorted())
        #expect(stored.allSatisfy { $0.isReplay })
        // Each task's events are in the order it appended them.
        var nextPerTask: [Substring: Int] = [:]
        for item in stored {
            let parts = item.event.eventID.split(separator: "-")
            let task = parts[1]
            let number = Int(parts[2])!
            #expect(number == nextPerTask[task, default: 0], "event \(item.event.eventID) out of order")
            nextPerTask[task] = number + 1
        }
        // The counters kept in the file agree with its rows.
        #expect(queue.statistics().depth == stored.count)
        #expect(queue.statistics().nextSequence > stored.last!.sequence)
        await queue.close()
    }
}
