import EdgewiseSystem
import EdgewiseCore
import Logging

extension DurableQueue {
    /// Opens the queue at `path`, creating the file (and missing directories) on first use.
    ///
    /// A file that is not a database, fails `PRAGMA quick_check`, is not an Edgewise event
    /// buffer, or cannot be read and written by the gateway's user (while its directory can) is renamed to `PATH.corrupt-EPOCHSECONDS` (with an error log line naming both
    /// paths) and an empty queue is started: the gateway never refuses to start, or crash-loops,
    /// because of it. Checking reads the whole file, about a second per few hundred MB on flash.
    ///
    /// - Throws: ``DurableQueueError`` of kind ``DurableQueueError/Kind/notWritable`` when the
    ///   directory or file cannot be written (the message says what to do), or
    ///   ``DurableQueueError/Kind/cannotOpen`` for other failures.
    public static func open(
        path: String, maxSize: ByteSize, overflow: QueueOverflowPolicy, durability: QueueDurability, logger: Logger
    ) throws(DurableQueueError) -> DurableQueue {
        try open(path: path, maxSize: maxSize, overflow: overflow, durability: durability, logger: logger, tuning: QueueTuning())
    }

    /// Opens the queue `gateway.yaml`'s `buffer:` section describes.
    public static func open(_ buffer: BufferConfig, logger: Logger) throws(DurableQueueError) -> DurableQueue {
        try open(
            path: buffer.path, maxSize: buffer.maxSize, overflow: QueueOverflowPolicy(buffer.overflow),
            durability: QueueDurability(buffer), logger: logger)
    }

    static func open(
        path: String, maxSize: ByteSize, overflow: QueueOverflowPolicy, durability: QueueDurability, logger: Logger,
        tuning: QueueTuning
    ) throws(DurableQueueError) -> DurableQueue {
        precondition(maxSize.bytes > 0, "the buffer's maximum size must be positive")
        if case .batch(let maxDelay) = durability {
            precondition(maxDelay >= .zero, "the buffer's sync delay must not be negative")
        }
        try QueueFile.requireWritable(path)
        let opened = try openOrStartAfresh(path, maxBytes: maxSize.bytes, logger: logger)
        // Read before the connection moves to the writer thread.
        let ledger = opened.ledger
        let isNew = opened.isNew

        let settings = QueueWriter.Settings(
            path: path, maxBytes: maxSize.bytes, policy: overflow, durability: durability, tuning: tuning)
        let published = SharedStatistics()
        let writer: QueueWriter
        let reader: QueueReader
        do {
            writer = try QueueWriter(
                database: opened.database, ledger: ledger, settings: settings, published: published, logger: logger)
            reader = try QueueReader(path: path, firstSequenceOfRun: ledger.nextSequence)
        } catch {
            throw DurableQueueError(kind: .cannotOpen, path: path, reason: "cannot open the event buffer: \(error)")
        }
        let channel = try QueueJobChannel()
        let handoff = QueueWriter.Handoff(writer)
        do throws(ThreadStartError) {
            try DedicatedThread.start(name: "edgewise-queue") { QueueWriter.run(handoff, channel: channel) }.detach()
        } catch {
            throw DurableQueueError(kind: .cannotOpen, path: path, reason: "cannot start the event buffer's thread: \(error)")
        }

        logger.info(isNew ? "Created the event buffer" : "Opened the event buffer", metadata: [
            "buffer.path": "\(path)", "buffer.depth": "\(ledger.totalDepth)", "buffer.bytes": "\(ledger.totalBytes)",
            "buffer.max_size": "\(maxSize)", "buffer.overflow": "\(overflow.rawValue)",
            "buffer.durability": "\(durability)",
        ])
        if ledger.totalBytes > maxSize.bytes {
            logger.warning("The event buffer holds more than its max_size; new events will evict the excess", metadata: [
                "buffer.path": "\(path)", "buffer.bytes": "\(ledger.totalBytes)", "buffer.max_size": "\(maxSize)",
            ])
        }
        return DurableQueue(
            path: path, maxSize: maxSize, overflow: overflow, durability: durability, channel: channel, reader: reader,
            published: published)
    }

    /// Opens the file; a damaged one is moved aside (logged) and a new one created.
    private static func openOrStartAfresh(
        _ path: String, maxBytes: Int64, logger: Logger
    ) throws(DurableQueueError) -> QueueDatabase.Opened {
        let reason: String
        if let problem = QueueFile.accessProblem(path) {
            // The directory is writable (checked before), so the file can be moved aside.
            reason = problem
        } else {
            do throws(QueueDatabase.OpenFailure) {
                return try QueueDatabase.open(path, maxBytes: maxBytes)
            } catch {
                switch error {
                case .failed(let error): throw error
                case .unusable(let problem): reason = problem
                }
            }
        }
        guard let movedTo = QueueFile.moveAside(path) else {
            throw DurableQueueError(
                kind: .cannotOpen, path: path,
                reason: "the event buffer \(path) is damaged (\(reason)) and cannot be moved aside",
                advice: "move or delete it by hand")
        }
        logger.error("The event buffer file is damaged or unreadable; moved it aside and started an empty buffer", metadata: [
            "buffer.path": "\(path)", "buffer.moved_to": "\(movedTo)", "buffer.error": "\(reason)",
        ])
        do throws(QueueDatabase.OpenFailure) {
            return try QueueDatabase.open(path, maxBytes: maxBytes)
        } catch {
            switch error {
            case .failed(let error): throw error
            case .unusable(let problem):
                throw DurableQueueError(
                    kind: .cannotOpen, path: path, reason: "cannot create a new event buffer at \(path): \(problem)")
            }
        }
    }
}
