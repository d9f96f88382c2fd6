import EdgewiseTesting
import Glibc
import Testing

/// What the test process does with SIGTERM while it launches a child.
enum ParentSIGTERMState: String, CaseIterable, Sendable {
    /// Blocked in the launching thread's signal mask, as `Foundation.Process` leaves its children.
    case blocked
    /// Ignored process-wide (`SIG_IGN`), which `exec` passes on to children.
    case ignored
    /// Both at once.
    case blockedAndIgnored

    /// Runs `body` on this thread with SIGTERM in this state, then restores the previous state.
    func apply<Result>(_ body: () throws -> Result) rethrows -> Result {
        var previousMask = sigset_t()
        if self != .ignored {
            var terminate = sigset_t()
            sigemptyset(&terminate)
            sigaddset(&terminate, SIGTERM)
            pthread_sigmask(SIG_BLOCK, &terminate, &previousMask)
        }
        let previousHandler = self != .blocked ? Glibc.signal(SIGTERM, SIG_IGN) : nil
        defer {
            if self != .blocked { Glibc.signal(SIGTERM, previousHandler) }
            if self != .ignored { pthread_sigmask(SIG_SETMASK, &previousMask, nil) }
        }
        return try body()
    }
}

/// The property the test peers depend on: SIGTERM stops a child whatever the test process does
/// with SIGTERM. Serialized because `SIG_IGN` is process-wide state.
@Suite(.serialized) struct ChildProcessSignalTests {
    @Test(arguments: ParentSIGTERMState.allCases)
    func sigtermEndsTheChildWhateverTheTestProcessDoesWithIt(_ parentState: ParentSIGTERMState) async throws {
        let term = SignalMasks.bit(SIGTERM)
        // Launch synchronously inside `apply`: no suspension point, so no hop to another thread.
        let child = try parentState.apply {
            let parent = try #require(SignalMasks(procStatus: "/proc/thread-self/status"))
            // (The `.ignored` case finds SIGTERM blocked too: Swift's concurrency threads block almost
            // every signal, which is why children that inherit the mask ignore SIGTERM.)
            if parentState != .ignored { #expect(parent.blocked & term != 0, "the setup took effect") }
            if parentState != .blocked { #expect(parent.ignored & term != 0, "the setup took effect") }
            return try ChildProcess.launch("/bin/sleep", arguments: ["30"])
        }
        let masks = try #require(SignalMasks(procStatus: "/proc/\(child.pid)/status"))
        #expect(masks.blocked == 0)
        #expect(masks.ignored & term == 0)

        child.signal(SIGTERM)
        #expect(try await child.waitForExit(timeout: .seconds(10)) == 128 + SIGTERM)
    }

    /// The control: a plain `posix_spawn` passes the test process's SIGTERM state on, so the test
    /// above would catch a `ChildProcess` that stopped resetting it.
    @Test(arguments: [ParentSIGTERMState.blocked, .ignored])
    func aPlainSpawnPassesTheStateOn(_ parentState: ParentSIGTERMState) throws {
        var pid = pid_t()
        let arguments = (["/bin/sleep", "30"] as [String]).map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        let result = parentState.apply { posix_spawn(&pid, "/bin/sleep", nil, nil, arguments, environ) }
        try #require(result == 0)
        defer {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
        }
        let masks = try #require(SignalMasks(procStatus: "/proc/\(pid)/status"))
        let term = SignalMasks.bit(SIGTERM)
        #expect(masks.blocked & term != 0 || masks.ignored & term != 0)
    }
}
