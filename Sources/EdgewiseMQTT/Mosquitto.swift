import CMosquitto

/// Process-wide facts about libmosquitto, the MQTT library Edgewise's connectors are built on.
///
/// The MQTT client itself (connect, subscribe, publish, reconnect) lives beside this type; this one
/// answers what the library is and turns its return codes into `MosquittoError`s.
public enum Mosquitto {
    /// The linked libmosquitto's version, e.g. `2.0.11`.
    public static var libraryVersion: String {
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        mosquitto_lib_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }

    /// Turns a libmosquitto return code into a typed error naming the function that failed.
    ///
    /// - Throws: `MosquittoError` unless `code` is `MOSQ_ERR_SUCCESS`.
    @discardableResult
    static func check(_ function: StaticString, _ code: Int32) throws(MosquittoError) -> Int32 {
        guard code == MOSQ_ERR_SUCCESS.rawValue else { throw MosquittoError(function: function, code: code) }
        return code
    }
}

/// A libmosquitto call that failed: which function, its return code and the library's explanation.
public struct MosquittoError: Error, Hashable, Sendable, CustomStringConvertible {
    public var function: String
    public var code: Int32

    init(function: StaticString, code: Int32) {
        self.function = "\(function)"
        self.code = code
    }

    /// libmosquitto's own text for the code, e.g. "The connection was lost.".
    public var reason: String { String(cString: mosquitto_strerror(code)) }

    public var description: String { "\(function) failed: \(reason) (code \(code))" }
}
