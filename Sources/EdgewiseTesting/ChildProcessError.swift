/// A ``ChildProcess`` did not do what a test waited for in time; carries the child's output.
public struct ChildProcessError: Error, CustomStringConvertible {
    /// What the test was waiting for.
    public enum Expectation: Sendable, Equatable {
        /// The child to exit.
        case exit
        /// The child to print this text on standard output or standard error.
        case output(String)
    }

    /// The program, as given to ``ChildProcess/launch(_:arguments:environment:workingDirectory:)``.
    public let program: String
    /// The child's process id.
    public let pid: Int32
    /// What the test was waiting for.
    public let expectation: Expectation
    /// How long the test was prepared to wait.
    public let timeout: Duration
    /// The exit status if the child had exited (see ``ChildProcess/waitForExit(timeout:)``), `nil` if
    /// it was still running.
    public let exitStatus: Int32?
    /// Everything the child had written to standard output.
    public let standardOutput: String
    /// Everything the child had written to standard error.
    public let standardError: String

    /// How many trailing characters of each stream ``description`` shows.
    private static let shownOutputLength = 4000

    /// What was expected and what happened, followed by the tail of both output streams.
    public var description: String {
        let process = "\(program) (pid \(pid))"
        var message: String
        switch (expectation, exitStatus) {
        case (.exit, _):
            message = "\(process) did not exit within \(timeout); it is still running."
        case (.output(let text), nil):
            message = "\(process) did not print \"\(text)\" within \(timeout); it is still running."
        case (.output(let text), let status?):
            message = "\(process) exited with status \(status) without printing \"\(text)\"."
        }
        for (name, text) in [("standard output", standardOutput), ("standard error", standardError)] {
            message += "\n--- \(name) ---\n"
            if text.isEmpty {
                message += "(empty)"
            } else if text.count > Self.shownOutputLength {
                message += "…" + text.suffix(Self.shownOutputLength)
            } else {
                message += text
            }
        }
        return message
    }
}
