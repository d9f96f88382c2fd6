import Glibc
import Synchronization

/// Two pseudo-terminals wired back to back by `socat`, standing in for a serial line: what is
/// written to one end is read from the other. Tests run a Modbus RTU server on ``second`` and
/// the client on ``first``.
///
/// ```swift
/// let pair = try await SerialPortPair.start()
/// let server = try await ModbusTestServer.start(.init(map: …, listener: .serial(device: pair.second, baud: 9600)))
/// // open pair.first as the client's serial port …
/// try await server.stop()
/// try await pair.stop()
/// ```
///
/// The ends are symbolic links in a private temporary directory (`…/a` and `…/b`) to the
/// `/dev/pts/N` devices socat made; either end may be closed and opened again while socat runs.
/// A pty ignores the baud rate and transfers at memory speed, so RTU timing here says nothing
/// about a real line. socat never outlives its `SerialPortPair`: releasing one kills it.
public final class SerialPortPair: Sendable {
    /// The program started.
    public static let executable = "/usr/bin/socat"

    /// One end's path (a symbolic link to a pty), for the client.
    public let first: String
    /// The other end's path, for the server.
    public let second: String
    private let directory: TemporaryDirectory
    private let process: ChildProcess

    /// How long socat may take to create both ends on a slow machine.
    private static let startTimeout = Duration.seconds(30)

    private init(first: String, second: String, directory: TemporaryDirectory, process: ChildProcess) {
        self.first = first
        self.second = second
        self.directory = directory
        self.process = process
    }

    /// Starts socat and returns once both ends exist.
    ///
    /// - Throws: a ``ChildProcessError`` with socat's output if it exits or has not set up both
    ///   ends within 30 s; a ``SystemCallError`` if it cannot be started.
    public static func start() async throws -> SerialPortPair {
        let directory = try TemporaryDirectory(prefix: "edgewise-serial")
        let first = directory.path + "/a"
        let second = directory.path + "/b"
        let child = try ChildProcess.launch(
            executable, arguments: ["-d", "-d", "pty,raw,echo=0,link=\(first)", "pty,raw,echo=0,link=\(second)"])
        let pair = SerialPortPair(first: first, second: second, directory: directory, process: child)
        // socat -d -d prints this once both ptys, and their links, are in place.
        try await child.waitForOutput(containing: "starting data transfer loop", timeout: startTimeout)
        for link in [first, second] where access(link, R_OK | W_OK) != 0 {
            throw SystemCallError(function: "access", subject: link, errno: errno)
        }
        return pair
    }

    /// Everything socat has logged (it names the two `/dev/pts` devices).
    public var output: String { process.standardError }

    /// Stops socat with SIGTERM (SIGKILL after 10 s) and waits until it has exited; both ends
    /// disappear. Safe to call more than once.
    public func stop() async throws {
        try await process.stop(timeout: .seconds(10))
    }
}
