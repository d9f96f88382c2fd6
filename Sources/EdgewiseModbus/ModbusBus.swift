import EdgewiseSystem
import EdgewiseCore
import Logging

/// One physical Modbus bus — a TCP server or a serial line — with its ``ModbusConnection`` and
/// a thread of its own that runs jobs on it one at a time.
///
/// Devices on the same bus (equal ``ModbusBusKey``s) share one `ModbusBus`, so their requests
/// never collide on the line; devices on different buses never wait for each other, since each
/// bus has its own thread.
///
/// ```swift
/// let bus = try ModbusBus(transport: .tcp(HostAndPort(host: "127.0.0.1", port: 5020)), logger: logger)
/// let registers = try await bus.perform { connection throws(ModbusError) in
///     try connection.readRegisters(.holding, address: 100, count: 4, unitID: 1)
/// }
/// try await bus.perform(.write) { connection throws(ModbusError) in
///     try connection.writeCoil(address: 0, value: true, unitID: 1)
/// }
/// await bus.shutdown()
/// ```
///
/// **Order.** Jobs run in the order they were queued, except that ``ModbusBusJobKind/write``
/// jobs go ahead of queued ``ModbusBusJobKind/poll`` jobs. Only one job runs at a time, so a job
/// may issue several requests knowing nothing else uses the line meanwhile; keep jobs short,
/// since the others wait.
///
/// **Connecting.** The bus connects when a job is about to run and the connection is not open:
/// at the first job, and after a failure closed it (see ``ModbusConnection``). A failed connect
/// fails that one job with ``ModbusBusError/connectFailed(_:)``; the next job tries again. The
/// bus never retries on its own: the poller decides when to try again.
///
/// **Threads.** libmodbus blocks, so it runs only on the bus's thread, never on Swift
/// concurrency's pool; ``perform(_:_:)`` suspends the calling task without blocking a thread.
/// Call ``shutdown()`` when done; a bus released without it stops its thread in `deinit`,
/// blocking until the running job (if any) ends.
///
/// Not for: broadcasts that expect no answer, or more than one request in flight on a TCP
/// connection at once (Modbus TCP allows it; few devices handle it well).
public final class ModbusBus: Sendable {
    /// Which bus this is.
    public let key: ModbusBusKey
    private let queue: ModbusBusQueue
    private let state: ModbusBusState
    private let thread: DedicatedThread

    /// Creates the bus's connection (not connected until the first job) and starts its thread.
    ///
    /// - Parameters:
    ///   - transport: the TCP endpoint or serial line; the bus's ``key`` follows from it.
    ///   - responseTimeout: see ``ModbusConnection/responseTimeout``; a job may change it on
    ///     the connection, e.g. for a device that answers slowly, and should then set it back.
    ///   - byteTimeout: see ``ModbusConnection/byteTimeout``.
    ///   - logger: receives connects, failed connects and lost connections, each with
    ///     `modbus.bus` metadata; never anything per request.
    ///   - requestObserver: see ``ModbusConnection/requestObserver``.
    /// - Throws: ``ModbusError`` if libmodbus rejects the settings or the thread cannot be started.
    public init(
        transport: ModbusDeviceSettings.Transport, responseTimeout: Duration = .seconds(1),
        byteTimeout: Duration = .milliseconds(500), logger: Logger,
        requestObserver: (@Sendable (_ duration: Duration, _ failed: Bool) -> Void)? = nil
    ) throws(ModbusError) {
        let key = ModbusBusKey(transport)
        let queue = try ModbusBusQueue()
        let state = ModbusBusState()
        let connection = try ModbusConnection(transport, responseTimeout: responseTimeout, byteTimeout: byteTimeout)
        connection.requestObserver = requestObserver
        let loop = ModbusBusLoop(key: key, queue: queue, state: state, logger: logger)
        self.key = key
        self.queue = queue
        self.state = state
        do throws(ThreadStartError) {
            thread = try DedicatedThread.start(name: "mb " + key.description.suffix(12)) { loop.run(connection) }
        } catch {
            throw ModbusError(function: "pthread_create", errorNumber: error.errorNumber, operation: "start the thread of Modbus bus \(key)")
        }
    }

    deinit {
        // Normally `shutdown()` has run and this returns at once. No job can be waiting: every
        // caller of `perform` holds a reference to the bus.
        for job in queue.shutDown() { job.fail(.shutDown) }
        thread.join()
    }

    /// Runs `job` with the bus's connection on the bus's thread, once the jobs ahead of it have
    /// run, and returns its result.
    ///
    /// The connection is connected when `job` starts. A failure that closes it (see
    /// ``ModbusConnection``) makes the job's later requests fail with `.connectionClosed`
    /// unless the job calls ``ModbusConnection/connect()``; otherwise the bus connects again
    /// before the next job. The job runs to the end even if the calling task is cancelled
    /// meanwhile; a job still waiting in the queue is taken out and fails with
    /// ``ModbusBusError/cancelled``.
    ///
    /// - Parameters:
    ///   - kind: ``ModbusBusJobKind/write`` to go ahead of queued polls.
    ///   - job: the requests to make; runs on the bus thread and may block it, but only for
    ///     Modbus requests.
    /// - Throws: ``ModbusBusError``: `.connectFailed` if the bus could not connect (the job did
    ///   not run), `.requestFailed` with the error the job threw, `.shutDown` if the bus is or
    ///   was shut down before the job ran, `.cancelled` if the task was cancelled before.
    public func perform<Result: Sendable>(
        _ kind: ModbusBusJobKind = .poll,
        _ job: @escaping @Sendable (ModbusConnection) throws(ModbusError) -> Result
    ) async throws(ModbusBusError) -> Result {
        let id = queue.makeID()
        let queue = queue
        let outcome: Swift.Result<Result, ModbusBusError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let entry = ModbusBusJob(
                    id: id, kind: kind,
                    run: { connection in
                        do throws(ModbusError) {
                            let value = try job(connection)
                            return (nil, { continuation.resume(returning: .success(value)) })
                        } catch {
                            return (error, { continuation.resume(returning: .failure(.requestFailed(error))) })
                        }
                    },
                    fail: { error in continuation.resume(returning: .failure(error)) })
                guard queue.enqueue(entry) else {
                    continuation.resume(returning: .failure(.shutDown))
                    return
                }
                // Cancelled before the job was queued: the cancellation handler found nothing to remove.
                if Task.isCancelled { queue.remove(id: id)?.fail(.cancelled) }
            }
        } onCancel: {
            queue.remove(id: id)?.fail(.cancelled)
        }
        return try outcome.get()
    }

    /// A snapshot of the bus's counters; cheap and safe from any thread.
    public func statistics() -> ModbusBusStatistics {
        var statistics = state.statistics
        statistics.queuedJobs = queue.count
        return statistics
    }

    /// Stops the bus for good: fails the queued jobs with ``ModbusBusError/shutDown``, waits for
    /// the running job to end, closes the connection and ends the thread. Later jobs fail with
    /// `.shutDown` at once. Safe to call more than once and concurrently; every call returns once
    /// the thread has ended.
    public func shutdown() async {
        for job in queue.shutDown() { job.fail(.shutDown) }
        await state.waitUntilStopped()
        // The thread has finished its work; joining waits only for it to exit.
        thread.join()
    }
}
