import CMosquitto
import Glibc

/// A libmosquitto call that failed: which function, on what, its return code and the library's
/// explanation.
///
/// Reads like `mosquitto_tls_set("/etc/edgewise/ca.pem") failed: No such file or directory (code 14)`.
/// The explanation is taken when the error is created: for `MOSQ_ERR_ERRNO` libmosquitto's
/// text is the C library's text for `errno`, which later calls overwrite.
public struct MosquittoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The libmosquitto (or C library) function that failed, e.g. `mosquitto_connect_async`.
    public var function: String
    /// What the function was called on (a path, a topic, `host:port`), when that helps the reader.
    public var subject: String?
    /// libmosquitto's return code (a `mosq_err_t` value such as `MOSQ_ERR_CONN_LOST`).
    public var code: Int32
    /// The explanation, e.g. "The connection was lost." or, for `MOSQ_ERR_ERRNO`, "Connection refused".
    public var reason: String

    /// Describes a failure of `function` with libmosquitto return code `code`.
    ///
    /// - Parameter errno: for `MOSQ_ERR_ERRNO`, the error number; `nil` reads the current `errno`.
    init(function: String, subject: String? = nil, code: Int32, errno: Int32? = nil) {
        self.function = function
        self.subject = subject
        self.code = code
        if code == MOSQ_ERR_ERRNO.rawValue {
            reason = String(cString: strerror(errno ?? Glibc.errno))
        } else {
            reason = String(cString: mosquitto_strerror(code))
        }
    }

    /// Describes a failure that libmosquitto reported as a C library error number (for example
    /// `mosquitto_new`, which returns `NULL` and sets `errno`).
    init(function: String, subject: String? = nil, errno: Int32) {
        self.init(function: function, subject: subject, code: MOSQ_ERR_ERRNO.rawValue, errno: errno)
    }

    /// `function("subject") failed: reason (code N)`.
    public var description: String {
        let call = subject.map { "\(function)(\"\($0)\")" } ?? function
        return "\(call) failed: \(reason) (code \(code))"
    }
}
