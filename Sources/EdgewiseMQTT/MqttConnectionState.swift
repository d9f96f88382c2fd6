/// Where an ``MqttClient``'s connection stands; shown by the status endpoint.
///
/// The life of a client: `idle` → (`start()`) → `connecting` → `connected` ⇄ `disconnected` →
/// (`shutdown()`) → `stopped`. `connecting` covers only the time up to the first outcome: a
/// failed attempt leads to `disconnected`, and while the client keeps retrying it stays
/// `disconnected` (with the latest reason) until an attempt succeeds.
public enum MqttConnectionState: Sendable, Hashable, CustomStringConvertible {
    /// Created, not started.
    case idle
    /// The first connection attempt is under way.
    case connecting
    /// The broker accepted the connection (CONNACK 0).
    case connected
    /// Not connected, retrying with backoff; `reason` says why the last connection or attempt failed.
    case disconnected(reason: String)
    /// Shut down for good.
    case stopped

    /// The state's name, as the status output shows it: `idle`, `connecting`, `connected`,
    /// `disconnected` or `stopped`.
    public var name: String {
        switch self {
        case .idle: "idle"
        case .connecting: "connecting"
        case .connected: "connected"
        case .disconnected: "disconnected"
        case .stopped: "stopped"
        }
    }

    /// The name, with the reason for `disconnected`.
    public var description: String {
        if case .disconnected(let reason) = self { return "disconnected (\(reason))" }
        return name
    }
}
