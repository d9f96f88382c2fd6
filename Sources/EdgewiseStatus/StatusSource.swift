/// Where the status server gets what it serves: the gateway's runtime implements it, tests fake it.
///
/// The server calls these methods once per request, each bounded by
/// ``StatusServer/Configuration/sourceTimeout``: a call that does not return in time is answered
/// as a stalled gateway (503), and its result is dropped when it comes. So an implementation may
/// read from actors and locks, but should not wait for I/O. Calls come concurrently, from several
/// connections at once.
public protocol StatusSource: Sendable {
    /// The whole gateway as `GET /status` shows it, taken now.
    func snapshot() async -> GatewayStatus

    /// Whether the gateway does its job (`GET /readyz`): configuration loaded, the connections it
    /// needs up. Not ready is normal while starting and during an outage.
    func readiness() async -> Readiness

    /// Whether the gateway's own work goes on (`GET /healthz`). Only report ``Liveness/stalled(_:)``
    /// for a fault that a restart cures, such as a pipeline that has stopped taking messages: a
    /// supervisor restarts a gateway whose health check fails. The default is always alive, so
    /// `/healthz` then only tells that the process and its status server answer.
    func liveness() async -> Liveness
}

extension StatusSource {
    public func liveness() async -> Liveness { .alive }
}
