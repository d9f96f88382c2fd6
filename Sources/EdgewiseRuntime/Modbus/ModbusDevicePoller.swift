import EdgewiseCore
import EdgewiseModbus
import Logging

/// Polls one Modbus device for as long as its task runs.
///
/// **Timing.** Polls are due at exact multiples of each point group's interval from the moment
/// polling started (`ModbusPollSchedule`), so timing does not drift however long a poll takes;
/// points whose cycles coincide are read in the same merged requests. A poll that overruns the
/// next due time skips the cycles it missed instead of catching up in a burst (counted).
///
/// **Failures.** A poll in which the device did not answer at all (no connection, a timeout, a
/// garbled reply) is a failed poll; after `offline_after` of them in a row the device is reported
/// `DeviceOffline`, and from then on it is tried with capped exponential backoff (its poll
/// interval, doubling, at most `maxBackoff`) so that a dead device does not keep a shared serial
/// line busy with timeouts. The first answer brings `DeviceOnline`. A point the device refuses
/// (a Modbus exception) is a `device_error` rejection, reported when the error starts or changes
/// rather than every poll, and counted every time.
struct ModbusDevicePoller: Sendable {
    let device: DeviceConfig
    let settings: ModbusDeviceSettings
    let bus: ModbusBus
    let pipeline: EventPipeline
    let logger: Logger
    let decoder: ModbusReadingDecoder
    /// The longest wait between attempts to reach an offline device.
    let maxBackoff: Duration
    /// `modbus-tcp 127.0.0.1:5020 unit 1`, for rejections and logs.
    let source: String
    /// Told of every poll that ran, with its time on the bus; `nil`: polls are not timed.
    let pollObserver: ModbusPollService.PollObserver?

    init(
        device: DeviceConfig, settings: ModbusDeviceSettings, bus: ModbusBus, pipeline: EventPipeline, logger: Logger, maxBackoff: Duration = .seconds(30),
        pollObserver: ModbusPollService.PollObserver? = nil
    ) {
        self.device = device
        self.settings = settings
        self.bus = bus
        self.pipeline = pipeline
        self.decoder = ModbusReadingDecoder(device: device)
        self.maxBackoff = maxBackoff
        self.source = "\(settings.transport.protocolName) \(bus.key) unit \(settings.unitID)"
        self.pollObserver = pollObserver
        var logger = logger
        logger[metadataKey: "device"] = "\(device.name)"
        self.logger = logger
    }

    /// Polls until the task is cancelled.
    func run() async {
        let clock = ContinuousClock()
        let start = clock.now
        var plan = ModbusDevicePlan(device: device)
        var elapsed = Duration.zero
        var failedPolls = 0
        var nextAttempt: ContinuousClock.Instant?
        var pointErrors: [String: String] = [:]
        logger.info("Modbus polling started", metadata: [
            "modbus.source": "\(source)", "modbus.points": "\(plan.naiveRequestCount)", "modbus.requests_per_full_cycle": "\(plan.fullCycle.count)",
        ])
        while !Task.isCancelled {
            do { try await clock.sleep(until: start + elapsed) } catch { break }
            if let nextAttempt, clock.now < nextAttempt {
                elapsed = plan.schedule.nextDue(after: elapsed)
                continue
            }
            let job = ModbusPollJob(requests: plan.requests(at: elapsed), unitID: settings.unitID, responseTimeout: settings.responseTimeout, holes: plan.holes)
            let timed = pollObserver != nil
            let result: Result<ModbusPollJob.Outcome, ModbusBusError>
            var failedRequests = 0
            do {
                let counted = try await bus.perform(.poll) { connection in
                    let failuresBefore = connection.failedRequestCount
                    let requestsBefore = connection.requestCount
                    let began = timed ? ContinuousClock.now : nil
                    let outcome = job.run(on: connection)
                    return CountedOutcome(
                        outcome: outcome, failedRequests: connection.failedRequestCount - failuresBefore,
                        requests: connection.requestCount - requestsBefore, busy: began.map { ContinuousClock.now - $0 })
                }
                result = .success(counted.outcome)
                failedRequests = counted.failedRequests
                if let pollObserver, let busy = counted.busy {
                    pollObserver(ModbusPollService.PollReport(
                        device: device.name, due: elapsed, requests: counted.requests, busy: busy, answered: counted.outcome.answered))
                }
            } catch {
                result = .failure(error)
                failedRequests = 1
            }
            let time = WallClock.now()
            if case .failure(.shutDown) = result { return }
            if case .failure(.cancelled) = result { return }
            if failedRequests > 0 { await pipeline.recordErrors(device: device.name, count: failedRequests) }
            switch result {
            case .failure(.shutDown), .failure(.cancelled):
                return
            case .success(let outcome) where outcome.answered:
                if failedPolls > 0 { logger.notice("Modbus device answers again", metadata: ["modbus.failed_polls": "\(failedPolls)"]) }
                failedPolls = 0
                nextAttempt = nil
                if outcome.holes != plan.holes {
                    logger.notice("Modbus device refuses addresses inside a merged read; they are read separately from now on", metadata: [
                        "modbus.holes": "\(outcome.holes)",
                    ])
                    plan.update(holes: outcome.holes)
                }
                await deliver(outcome.results, at: time, pointErrors: &pointErrors)
            case .success(let outcome):
                failedPolls += 1
                nextAttempt = await pollFailed(failedPolls, error: outcome.transportError.map { "\($0)" } ?? "no answer", clock: clock)
            case .failure(let error):
                failedPolls += 1
                nextAttempt = await pollFailed(failedPolls, error: "\(error)", clock: clock)
            }
            // The next due time after now: cycles a slow poll overran are skipped, not caught up.
            let next = plan.schedule.nextDue(after: max(elapsed, clock.now - start))
            elapsed = next
        }
        logger.info("Modbus polling stopped")
    }

    /// Decodes a poll's results and hands them to the pipeline; point errors are passed on when
    /// they start or change, so a missing register does not raise an event every poll.
    func deliver(_ results: [ModbusSlotResult], at time: Timestamp, pointErrors: inout [String: String]) async {
        var readings: [(point: PointConfig, reading: Reading)] = []
        var rejections: [Rejection] = []
        readings.reserveCapacity(results.count)
        decoder.decode(results, source: source, at: time, readings: &readings, rejections: &rejections)
        for (_, reading) in readings { pointErrors[reading.point] = nil }
        rejections.removeAll { rejection in
            guard rejection.reason == .deviceError, let point = rejection.point else { return false }
            defer { pointErrors[point] = rejection.detail }
            return pointErrors[point] == rejection.detail
        }
        await pipeline.ingestPoll(device: device, readings: readings, rejections: rejections, at: time)
    }

    /// Counts a failed poll; at `offline_after` reports the device offline. Returns when to try
    /// next while it is offline (`nil`: at the next due time).
    func pollFailed(_ failedPolls: Int, error: String, clock: ContinuousClock) async -> ContinuousClock.Instant? {
        if failedPolls == 1 {
            logger.warning("Modbus poll failed", metadata: ["modbus.source": "\(source)", "modbus.error": "\(error)"])
        }
        guard failedPolls >= settings.offlineAfter else { return nil }
        if failedPolls == settings.offlineAfter {
            logger.warning("Modbus device unreachable", metadata: ["modbus.failed_polls": "\(failedPolls)", "modbus.error": "\(error)"])
            await pipeline.deviceUnreachable(device.name, failedPolls: failedPolls, error: error, at: WallClock.now())
        }
        return clock.now + Self.backoff(afterFailures: failedPolls - settings.offlineAfter, base: settings.pollInterval, cap: maxBackoff)
    }

    /// The wait before the next attempt at an offline device: `base` (at least a second),
    /// doubling with every failed attempt, at most `cap`.
    static func backoff(afterFailures failures: Int, base: Duration, cap: Duration) -> Duration {
        var wait = max(base, .seconds(1))
        for _ in 0..<min(failures, 20) where wait < cap { wait *= 2 }
        return min(wait, cap)
    }
}

/// A poll's outcome with the number of its requests that failed, for the device's error count,
/// and (when a poll observer wants them) the requests sent and the time on the bus.
private struct CountedOutcome: Sendable {
    let outcome: ModbusPollJob.Outcome
    let failedRequests: Int
    let requests: Int
    /// `nil` when polls are not timed.
    let busy: Duration?
}
