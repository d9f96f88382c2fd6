import Glibc

/// A C library call that failed: which function, on what, and the error number it reported.
///
/// Everything in `EdgewiseTesting` that calls into Glibc reports failures with this type, so a
/// failing test reads `posix_spawn("/usr/sbin/mosquitto") failed: No such file or directory
/// (errno 2)` rather than a bare number.
public struct SystemCallError: Error, Equatable, CustomStringConvertible {
    /// The C function that failed, e.g. `posix_spawn` or `mkdir`.
    public let function: String
    /// What the function was called on (a path, program or address), if that helps the reader.
    public let subject: String?
    /// The error number: `errno`, or the return value of functions such as `posix_spawn` that return it.
    public let errno: Int32

    /// Describes a failure of `function` on `subject` with error number `errno`.
    public init(function: String, subject: String? = nil, errno: Int32) {
        self.function = function
        self.subject = subject
        self.errno = errno
    }

    /// `function("subject") failed: reason (errno N)`, for test failure messages.
    public var description: String {
        let call = subject.map { "\(function)(\"\($0)\")" } ?? function
        return "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// Runs a C call that returns -1 and sets `errno` on failure, retrying when interrupted (`EINTR`).
///
/// Returns the call's result; throws a ``SystemCallError`` naming `function` otherwise.
@discardableResult
func systemCall<Result: BinaryInteger>(
    _ function: String, subject: String? = nil, _ call: () -> Result
) throws(SystemCallError) -> Result {
    while true {
        let result = call()
        if result != -1 { return result }
        let error = Glibc.errno
        if error != EINTR { throw SystemCallError(function: function, subject: subject, errno: error) }
    }
}

/// Checks the result of a C call that returns 0 on success and an error number otherwise
/// (the `posix_spawn` family).
func checkReturnedError(_ function: String, subject: String? = nil, _ result: Int32) throws(SystemCallError) {
    if result != 0 { throw SystemCallError(function: function, subject: subject, errno: result) }
}
