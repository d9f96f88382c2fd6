/// Serves `GET /status` from one snapshot for up to ``maxAge``, so that clients that poll it often
/// (a dashboard per browser tab, a script in a loop, a misbehaving client) cost one snapshot and
/// one JSON encoding per `maxAge` between them, not one per request. The pipeline shares the
/// machine's few cores with this work: measured on 2 cores, `wrk` on an uncached `/status` of 200
/// devices (8 ms of CPU each) cut the pipeline's throughput to 13–23 %.
///
/// Requests that come while an answer is being made wait for that one. A failed answer (the
/// source did not answer in time) is not kept.
actor StatusAnswerCache {
    /// How old a kept answer may be.
    let maxAge: Duration
    private var latest: (bytes: [UInt8], madeAt: ContinuousClock.Instant)?
    private var inFlight: Task<[UInt8]?, Never>?

    init(maxAge: Duration) {
        self.maxAge = maxAge
    }

    /// The kept answer when it is young enough, else a new one from `make` (`nil`: none to give).
    func answer(_ make: @escaping @Sendable () async -> [UInt8]?) async -> [UInt8]? {
        if let latest, ContinuousClock.now - latest.madeAt < maxAge { return latest.bytes }
        if let inFlight { return await inFlight.value }
        let task = Task { await make() }
        inFlight = task
        let bytes = await task.value
        inFlight = nil
        if let bytes { latest = (bytes, ContinuousClock.now) }
        return bytes
    }
}
