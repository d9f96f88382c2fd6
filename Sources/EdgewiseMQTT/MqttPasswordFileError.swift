import Glibc

/// A broker password file that could not be used, and why; see
/// ``MqttClientConfiguration/readPasswordFile(_:)``.
public struct MqttPasswordFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path as given.
    public var path: String
    /// What is wrong, e.g. "No such file or directory" or "it is empty".
    public var problem: String

    /// An error about the file at `path`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// An error about the file at `path` from a failed system call's `errno`.
    init(path: String, errno: Int32) {
        self.init(path: path, problem: String(cString: strerror(errno)))
    }

    /// `cannot read MQTT password file '/etc/edgewise/mqtt.pass': No such file or directory`.
    public var description: String { "cannot read MQTT password file '\(path)': \(problem)" }
}
