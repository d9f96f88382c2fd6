import CMosquitto

/// What the network thread runs: connect, run `mosquitto_loop` while connected, wait with
/// backoff, reconnect — until shutdown.
///
/// It replaces libmosquitto's `mosquitto_loop_start`/`mosquitto_loop_forever` reconnect logic,
/// which in 2.0.11 (checked against this machine's library with a loopback broker) cannot be
/// relied on to retry forever:
/// - when `mosquitto_connect_async` fails at once with `ECONNREFUSED` — as it does for an
///   absent broker on loopback when called before `mosquitto_loop_start` — the library's thread
///   waits forever for a connection that nobody starts again;
/// - after an MQTT 5 CONNACK refusal (e.g. 0x87 "Not authorized", reported as
///   `MOSQ_ERR_PROTOCOL`), a failed TLS handshake (no `on_disconnect` call at all) and other
///   errors it deems fatal, the thread ends and the client never reconnects;
/// - the "exponential" backoff is quadratic (min·n²: 1, 4, 9, 16, 25 … s).
/// The thread it runs on is ours, so libmosquitto is put in threaded mode
/// (`mosquitto_threaded_set`) as its documentation asks for that case.
struct MqttNetworkLoop: Sendable {
    let handle: MosquittoHandle
    let context: MqttClientContext
    let stopSignal: StopSignal

    /// How long one `mosquitto_loop` call may wait for network activity. Publishes and
    /// `mosquitto_disconnect` wake it at once (libmosquitto writes to an internal socket pair),
    /// so this only bounds how late keep-alive and the shutdown deadline are looked at.
    static let loopTimeoutMilliseconds: Int32 = 1000

    /// Runs until shutdown; returns when the thread may be joined.
    func run() {
        let configuration = context.configuration
        var backoff = ReconnectBackoff(
            minimum: configuration.reconnectMinimumDelay, maximum: configuration.reconnectMaximumDelay)
        // mosquitto_connect_async stores host, port and keep-alive and recreates the library's
        // wake-up socket pair, which must not happen while other threads may publish; later
        // attempts use mosquitto_reconnect_async.
        var hostIsStored = false
        while !context.isStopping {
            let code: Int32
            let function: String
            if hostIsStored {
                function = "mosquitto_reconnect_async"
                code = mosquitto_reconnect_async(handle.pointer)
            } else {
                function = "mosquitto_connect_async"
                code = mosquitto_connect_async(
                    handle.pointer, configuration.host, Int32(configuration.port), configuration.keepAliveSeconds)
                // Only argument checks and allocation failures come before the host is stored.
                hostIsStored = code != MOSQ_ERR_INVAL.rawValue && code != MOSQ_ERR_NOMEM.rawValue
            }
            if code == MOSQ_ERR_SUCCESS.rawValue {
                context.sessionStarted()
                var result: Int32
                repeat {
                    result = mosquitto_loop(handle.pointer, Self.loopTimeoutMilliseconds, 1)
                } while result == MOSQ_ERR_SUCCESS.rawValue && !context.shouldLeaveLoop()
                context.sessionEnded(code: result)
            } else {
                context.connectAttemptFailed(
                    MosquittoError(function: function, subject: configuration.brokerAddress, code: code))
            }
            if context.takeAcceptedConnection() { backoff.reset() }
            if context.isStopping { break }
            stopSignal.wait(timeout: backoff.nextDelay())
        }
    }
}
