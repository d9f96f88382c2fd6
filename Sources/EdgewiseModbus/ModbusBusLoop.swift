import Logging

/// What a ``ModbusBus``'s thread does: takes jobs from the queue one at a time, connects first
/// when the connection is not open, runs the job, records the outcome, and on shutdown closes
/// the connection.
struct ModbusBusLoop: Sendable {
    let key: ModbusBusKey
    let queue: ModbusBusQueue
    let state: ModbusBusState
    let logger: Logger

    /// Runs until the queue is shut down. Only this thread ever touches `connection`.
    func run(_ connection: ModbusConnection) {
        var failedConnectsInARow = 0
        while let job = queue.next() {
            if !connection.isConnected, let error = connect(connection, failedConnectsInARow: &failedConnectsInARow) {
                job.fail(.connectFailed(error))
                continue
            }
            execute(job, on: connection)
        }
        connection.close()
        state.markStopped()
    }

    /// Connects, records the outcome and logs it; returns the error if connecting failed.
    private func connect(_ connection: ModbusConnection, failedConnectsInARow: inout Int) -> ModbusError? {
        do {
            try connection.connect()
        } catch {
            failedConnectsInARow += 1
            state.update { statistics in
                statistics.connectFailures += 1
                statistics.lastError = error
                statistics.lastErrorAt = ModbusWallClock.nowMilliseconds()
                // From trying ("connecting" in the status) to down: the first failure in a row starts it.
                if failedConnectsInARow == 1 { statistics.since = statistics.lastErrorAt ?? statistics.since }
            }
            // The first failure in a row is news; the ones after it, once per job, are not.
            logger.log(
                level: failedConnectsInARow == 1 ? .warning : .debug, "Modbus connect failed",
                metadata: ["modbus.bus": "\(key)", "modbus.error": "\(error)"])
            return error
        }
        failedConnectsInARow = 0
        state.update { statistics in
            if statistics.connects > 0 { statistics.reconnects += 1 }
            statistics.connects += 1
            if !statistics.isConnected { statistics.since = ModbusWallClock.nowMilliseconds() }
            statistics.isConnected = true
        }
        logger.info("Modbus connected", metadata: ["modbus.bus": "\(key)"])
        return nil
    }

    /// Runs `job`, records what it did, then answers the task waiting for it.
    private func execute(_ job: ModbusBusJob, on connection: ModbusConnection) {
        let requestsBefore = connection.requestCount
        let failuresBefore = connection.failedRequestCount
        let (error, resume) = job.run(connection)
        let failures = connection.failedRequestCount - failuresBefore
        // The job may have caught a request's failure; that is still the bus's latest.
        let latestFailure = failures > 0 ? connection.lastFailure : error
        state.update { statistics in
            statistics.jobs += 1
            statistics.requests += connection.requestCount - requestsBefore
            statistics.failedRequests += failures
            if statistics.isConnected != connection.isConnected { statistics.since = ModbusWallClock.nowMilliseconds() }
            statistics.isConnected = connection.isConnected
            if let latestFailure {
                statistics.lastError = latestFailure
                statistics.lastErrorAt = ModbusWallClock.nowMilliseconds()
            }
        }
        // The connection closes itself after a failure that leaves it unusable.
        if !connection.isConnected {
            let reason = latestFailure.map { "\($0)" } ?? "closed by the job"
            logger.warning("Modbus connection lost", metadata: ["modbus.bus": "\(key)", "modbus.error": "\(reason)"])
        }
        resume()
    }
}
