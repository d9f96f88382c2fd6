import ServiceLifecycle

/// Calls `action` when its service group starts it, then waits for graceful shutdown. Listed last
/// in a group it runs once every service before it has been launched: the nearest a
/// `ServiceGroup` comes to a "started" callback. The supervisor uses it to tell systemd
/// `READY=1` when a generation is up.
///
/// "Launched" is not "connected": a broker that is down is retried by the running services and
/// shows in the status, it does not hold start-up back.
struct OnStartService: Service {
    let action: @Sendable () -> Void

    func run() async throws {
        action()
        try? await gracefulShutdown()
    }
}
