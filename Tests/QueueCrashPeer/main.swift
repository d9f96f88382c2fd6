// A test peer for EdgewiseStoreTests: works on a durable queue in a process of its own, so a test
// can kill it at any moment or run it as another user.
//
//   QueueCrashPeer append PATH batch|full   appends from 4 tasks until killed; after each append
//                                           returns, prints "SEQUENCE EVENT-ID" per event, flushed
//   QueueCrashPeer open PATH                opens the queue (as user nobody when run as root) and
//                                           prints "opened", or the error and exits 1
import EdgewiseCore
import EdgewiseStore
import Glibc
import Logging
import Synchronization


/// Standard output lines written whole: one `write` per append's report.
let output = Mutex(())

func report(_ text: String) {
    output.withLock { _ in
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
            if count <= 0 { exit(3) }
            written += count
        }
        bytes.removeAll()
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    report("usage: QueueCrashPeer append PATH batch|full | open PATH\n")
    exit(2)
}
let path = arguments[2]
let logger = Logger(label: "queue-crash-peer", factory: { _ in SwiftLogNoOpLogHandler() })

switch arguments[1] {
case "append":
    let durability: QueueDurability = arguments.count > 3 && arguments[3] == "full" ? .full : .batch(maxDelay: .milliseconds(20))
    let queue: DurableQueue
    do {
        queue = try DurableQueue.open(
            path: path, maxSize: ByteSize(bytes: 1_000_000_000), overflow: .priority, durability: durability, logger: logger)
    } catch {
        report("error: \(error)\n")
        exit(1)
    }
    let payload = Array(String(repeating: "x", count: 300).utf8)
    await withTaskGroup(of: Void.self) { group in
        for task in 0..<4 {
            group.addTask {
                var next = 0
                while true {
                    let count = next % 5 + 1
                    let events = (0..<count).map { offset in
                        QueuedEvent(
                            eventID: "peer-\(task)-\(next + offset)", type: "ReadingReported", priority: .telemetry,
                            topic: "edgewise/peer/\(task)", payload: payload, acceptedAt: Int64(next + offset))
                    }
                    next += count
                    do {
                        let receipt = try await queue.append(events)
                        var lines = ""
                        for (event, sequence) in zip(events, receipt.sequences) {
                            lines += "\(sequence.map(String.init) ?? "refused") \(event.eventID)\n"
                        }
                        report(lines)
                    } catch {
                        report("error: \(error)\n")
                        exit(1)
                    }
                }
            }
        }
    }

case "open":
    if geteuid() == 0 {
        // Root may write anywhere; the test wants an ordinary user's view of a read-only directory.
        guard setgroups(0, nil) == 0, setgid(65_534) == 0, setuid(65_534) == 0 else {
            report("error: cannot drop privileges\n")
            exit(2)
        }
    }
    do {
        let queue = try DurableQueue.open(
            path: path, maxSize: ByteSize(bytes: 1_000_000), overflow: .priority, durability: .full, logger: logger)
        await queue.close()
        report("opened\n")
    } catch {
        report("kind: \(error.kind)\nerror: \(error)\n")
        exit(1)
    }

default:
    report("unknown command \(arguments[1])\n")
    exit(2)
}
