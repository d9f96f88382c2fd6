/// The answer to "is the gateway's own work going on?", for `GET /healthz`.
public enum Liveness: Sendable, Hashable {
    /// Working; `/healthz` answers 200 `ok`.
    case alive
    /// Stuck in a way that a restart cures; `/healthz` answers 503 with the reason, e.g.
    /// `the pipeline has taken no batch for 60s`.
    case stalled(String)
}
