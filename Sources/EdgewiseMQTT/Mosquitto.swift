import CMosquitto

/// Process-wide facts about libmosquitto, the MQTT library Edgewise's connectors are built on.
///
/// The MQTT client itself (connect, subscribe, publish, reconnect) is ``MqttClient``; this type
/// answers what the library is, initialises it once per process and turns its return codes into
/// ``MosquittoError``s.
public enum Mosquitto {
    /// The linked libmosquitto's version, e.g. `2.0.11`.
    public static var libraryVersion: String {
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        mosquitto_lib_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }

    /// The result of the one `mosquitto_lib_init` call of this process.
    ///
    /// A `static let` is initialised lazily, exactly once, under the runtime's own once-guard
    /// (`swift_once`), so concurrent first uses from several threads still call the (not
    /// thread-safe) `mosquitto_lib_init` once. `mosquitto_lib_cleanup` is never called: the
    /// library stays initialised until the process exits, which is what a daemon wants.
    private static let libraryInitialization: Int32 = mosquitto_lib_init()

    /// Initialises libmosquitto (only the first call does anything); every `mosquitto_new` must
    /// come after it.
    static func initializeLibrary() throws(MosquittoError) {
        try check("mosquitto_lib_init", libraryInitialization)
    }

    /// Turns a libmosquitto return code into a typed error naming the function that failed.
    ///
    /// Call it right after the function returns: for `MOSQ_ERR_ERRNO` the error reads `errno`,
    /// which the next system call may change.
    ///
    /// - Throws: `MosquittoError` unless `code` is `MOSQ_ERR_SUCCESS`.
    @discardableResult
    static func check(_ function: StaticString, subject: String? = nil, _ code: Int32) throws(MosquittoError) -> Int32 {
        guard code == MOSQ_ERR_SUCCESS.rawValue else {
            throw MosquittoError(function: "\(function)", subject: subject, code: code)
        }
        return code
    }
}
