/// A helper command a test ran (`openssl`, `mosquitto_passwd`) exited with a failure status.
public struct CommandError: Error, CustomStringConvertible {
    /// The command line, for the message (secrets left out).
    public let command: String
    /// Its exit status.
    public let status: Int32
    /// What it printed on standard error.
    public let output: String

    /// A failure of `command` with `status`, having printed `output`.
    public init(command: String, status: Int32, output: String) {
        self.command = command
        self.status = status
        self.output = output
    }

    /// `COMMAND exited with status N: OUTPUT`.
    public var description: String { "\(command) exited with status \(status): \(output)" }
}
