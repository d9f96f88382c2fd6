import Glibc

/// Counters of one ``ModbusBus`` since it was created, for the status endpoint and metrics.
public struct ModbusBusStatistics: Sendable, Hashable {
    /// Jobs that ran (whether they succeeded or not); jobs that failed to connect did not run.
    public var jobs = 0
    /// Modbus requests sent (each read or write is one), failed ones included.
    public var requests = 0
    /// Requests that failed: Modbus exceptions, timeouts, lost connections, bad responses.
    public var failedRequests = 0
    /// Successful connects, the first one included.
    public var connects = 0
    /// Successful connects after the first: how often the bus had to connect again.
    public var reconnects = 0
    /// Attempts to connect that failed.
    public var connectFailures = 0
    /// Jobs waiting to run now.
    public var queuedJobs = 0
    /// Whether the connection is open now.
    public var isConnected = false
    /// When `isConnected` last changed (or the bus was created): wall-clock milliseconds since the
    /// Unix epoch.
    public var since: Int64 = ModbusWallClock.nowMilliseconds()
    /// The most recent failure, of a request or of a connect.
    public var lastError: ModbusError?
    /// When `lastError` happened, in wall-clock milliseconds; `nil` with no error.
    public var lastErrorAt: Int64?

    /// All counters zero.
    public init() {}
}

/// Wall-clock time for the status output.
enum ModbusWallClock {
    /// Milliseconds since the Unix epoch, from `CLOCK_REALTIME`.
    static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
