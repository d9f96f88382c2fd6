import Glibc
import Synchronization

/// A program a test starts and stops for real: a broker, a Modbus server, the `edgewise` binary.
///
/// Started with `posix_spawn` with an empty signal mask and default signal dispositions, so the
/// child reacts to SIGTERM even when the test process blocks or ignores it (children of
/// `Foundation.Process` don't). Standard input is `/dev/null`; standard output and standard error
/// each go to a file in a private temporary directory, readable at any time with
/// ``standardOutput`` and ``standardError``. Descriptors above 2 are not inherited.
///
/// A child never outlives its `ChildProcess`: releasing one that is still running kills it with
/// SIGKILL and reaps it. Signals go to the child only, not to processes it starts, so a shell
/// wrapper should `exec` its last command. Don't use it for production code, and don't mix it
/// with code that reaps any child (`waitpid(-1, …)`) or ignores SIGCHLD in the test process.
public final class ChildProcess: Sendable {
    /// The child's process id; meaningful to the system only until ``waitForExit(timeout:)`` or
    /// ``stop(timeout:)`` has reaped it.
    public let pid: pid_t
    /// The program as given to ``launch(_:arguments:environment:workingDirectory:)``, for messages.
    public let program: String
    private let outputDirectory: TemporaryDirectory
    private let state = Mutex(State.running)

    private enum State {
        case running
        case exited(status: Int32)
        /// `waitpid` failed (someone else reaped the child); its pid may already be reused.
        case lost
    }

    /// How often the `wait…` methods look at the child.
    private static let pollInterval = Duration.milliseconds(10)

    private var standardOutputPath: String { outputDirectory.path + "/stdout" }
    private var standardErrorPath: String { outputDirectory.path + "/stderr" }

    private init(pid: pid_t, program: String, outputDirectory: TemporaryDirectory) {
        self.pid = pid
        self.program = program
        self.outputDirectory = outputDirectory
    }

    /// Starts `executable` with `arguments` and returns at once, once the program has been
    /// executed (a missing or non-executable program throws a ``SystemCallError`` here).
    ///
    /// - Parameters:
    ///   - executable: a path (relative ones are taken from the test's working directory), or a
    ///     bare name looked up in the test process's `PATH`.
    ///   - environment: the child's entire environment; `nil` passes the test process's on.
    ///   - workingDirectory: where the child starts; `nil` keeps the test's.
    public static func launch(
        _ executable: String, arguments: [String] = [],
        environment: [String: String]? = nil, workingDirectory: String? = nil
    ) throws -> ChildProcess {
        let outputDirectory = try TemporaryDirectory(prefix: "edgewise-child")
        let pid = try spawn(
            executable, arguments: arguments, environment: environment, workingDirectory: workingDirectory,
            standardOutput: outputDirectory.path + "/stdout", standardError: outputDirectory.path + "/stderr")
        return ChildProcess(pid: pid, program: executable, outputDirectory: outputDirectory)
    }

    /// Runs a short command to completion and returns its exit status and output; a command still
    /// running after `timeout` is killed and a ``ChildProcessError`` thrown.
    public static func run(
        _ executable: String, arguments: [String] = [],
        environment: [String: String]? = nil, workingDirectory: String? = nil,
        timeout: Duration = .seconds(30)
    ) async throws -> (status: Int32, standardOutput: String, standardError: String) {
        let child = try launch(
            executable, arguments: arguments, environment: environment, workingDirectory: workingDirectory)
        let status = try await child.waitForExit(timeout: timeout)
        return (status, child.standardOutput, child.standardError)
    }

    /// Everything the child has written to standard output so far.
    public var standardOutput: String { (try? FileSystem.read(standardOutputPath)) ?? "" }

    /// Everything the child has written to standard error so far.
    public var standardError: String { (try? FileSystem.read(standardErrorPath)) ?? "" }

    /// Sends `signal` (e.g. `SIGTERM`, `SIGHUP`) to the child; does nothing once it has been reaped.
    public func signal(_ signal: Int32) {
        state.withLock { state in
            guard case .running = state else { return }
            // Under the lock, so the pid cannot be reaped (and reused) before the signal lands.
            let result = kill(pid, signal)
            precondition(result == 0 || errno != EINVAL, "\(signal) is not a signal number")
        }
    }

    /// Waits until the child exits and returns its exit status, or 128 + the signal number if a
    /// signal ended it (as a shell reports it: 143 for SIGTERM, 137 for SIGKILL).
    ///
    /// Returns at once if it has already exited. Throws a ``ChildProcessError`` after `timeout`,
    /// leaving the child running.
    @discardableResult
    public func waitForExit(timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = try reapIfExited() { return status }
            if ContinuousClock.now >= deadline { throw error(waitingFor: .exit, timeout: timeout, exitStatus: nil) }
            try await Task.sleep(for: Self.pollInterval)
        }
    }

    /// Waits until `text` appears in the child's standard output or standard error.
    ///
    /// Throws a ``ChildProcessError`` carrying everything printed so far when `timeout` passes, or
    /// as soon as the child exits without having printed it.
    public func waitForOutput(containing text: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            // Look at the exit first: output read afterwards is then complete.
            let exitStatus = try reapIfExited()
            if standardOutput.contains(text) || standardError.contains(text) { return }
            if exitStatus != nil || ContinuousClock.now >= deadline {
                throw error(waitingFor: .output(text), timeout: timeout, exitStatus: exitStatus)
            }
            try await Task.sleep(for: Self.pollInterval)
        }
    }

    /// Stops the child the way a service manager does: SIGTERM, up to `timeout` to exit, then
    /// SIGKILL. Returns the exit status as ``waitForExit(timeout:)`` does.
    ///
    /// Safe to call more than once and after the child has exited: it then just returns the status.
    @discardableResult
    public func stop(timeout: Duration = .seconds(5)) async throws -> Int32 {
        if let status = try reapIfExited() { return status }
        signal(SIGTERM)
        do {
            return try await waitForExit(timeout: timeout)
        } catch let error as SystemCallError {
            throw error
        } catch {
            // Timed out, or the test was cancelled: either way the child must go.
            return try killAndReap()
        }
    }

    /// Reaps the child if it has exited and returns its status; `nil` while it runs.
    private func reapIfExited() throws(SystemCallError) -> Int32? {
        try reap(killingFirst: false)
    }

    /// Sends SIGKILL and reaps the child, blocking until it is gone; returns its exit status.
    private func killAndReap() throws(SystemCallError) -> Int32 {
        try reap(killingFirst: true)!
    }

    /// `waitpid` under the lock, so each child is reaped once and never signalled after that.
    private func reap(killingFirst: Bool) throws(SystemCallError) -> Int32? {
        try state.withLock { (state) throws(SystemCallError) -> Int32? in
            switch state {
            case .exited(let status): return status
            case .lost: throw SystemCallError(function: "waitpid", subject: description, errno: ECHILD)
            case .running: break
            }
            if killingFirst { kill(pid, SIGKILL) }
            var rawStatus: Int32 = 0
            let reaped: pid_t
            do throws(SystemCallError) {
                reaped = try systemCall("waitpid", subject: description) {
                    waitpid(pid, &rawStatus, killingFirst ? 0 : WNOHANG)
                }
            } catch {
                state = .lost
                throw error
            }
            guard reaped == pid else { return nil }
            let status = Self.exitStatus(fromWaitStatus: rawStatus)
            state = .exited(status: status)
            return status
        }
    }

    /// The shell's view of a `waitpid` status: the exit code, or 128 + the terminating signal.
    /// (`WIFEXITED` and friends are C macros Swift cannot import.)
    private static func exitStatus(fromWaitStatus status: Int32) -> Int32 {
        let terminatingSignal = status & 0x7f
        return terminatingSignal == 0 ? (status >> 8) & 0xff : 128 + terminatingSignal
    }

    private func error(waitingFor expectation: ChildProcessError.Expectation, timeout: Duration, exitStatus: Int32?)
        -> ChildProcessError
    {
        ChildProcessError(
            program: program, pid: pid, expectation: expectation, timeout: timeout, exitStatus: exitStatus,
            standardOutput: standardOutput, standardError: standardError)
    }

    deinit {
        // A test must never leak a process. SIGKILL takes effect at once, so this blocks only briefly.
        _ = try? killAndReap()
    }
}

extension ChildProcess: CustomStringConvertible {
    /// `program (pid N)`, as used in messages.
    public var description: String { "\(program) (pid \(pid))" }
}
