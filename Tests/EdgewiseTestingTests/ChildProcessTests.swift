import EdgewiseTesting
import Glibc
import Testing

@Suite struct ChildProcessTests {
    @Test(arguments: [0, 1, 3, 255] as [Int32])
    func returnsTheExitStatus(_ status: Int32) async throws {
        let child = try ChildProcess.launch("/bin/sh", arguments: ["-c", "exit \(status)"])
        #expect(try await child.waitForExit(timeout: .seconds(10)) == status)
    }

    @Test func capturesStandardOutputAndStandardErrorSeparately() async throws {
        let child = try ChildProcess.launch("/bin/sh", arguments: ["-c", "echo out; echo err >&2; echo more"])
        try await child.waitForExit(timeout: .seconds(10))
        #expect(child.standardOutput == "out\nmore\n")
        #expect(child.standardError == "err\n")
    }

    @Test func sigtermEndsAChildWithTheDefaultDisposition() async throws {
        let child = try ChildProcess.launch("/bin/sleep", arguments: ["30"])
        child.signal(SIGTERM)
        #expect(try await child.waitForExit(timeout: .seconds(10)) == 128 + SIGTERM)
    }

    @Test func stopEscalatesToSIGKILLWhenTheChildIgnoresSIGTERM() async throws {
        // `exec`, so the process that ignores TERM is the child itself, not a grandchild.
        let child = try ChildProcess.launch("/bin/sh", arguments: ["-c", #"trap "" TERM; echo trapped; exec sleep 30"#])
        try await child.waitForOutput(containing: "trapped", timeout: .seconds(10))
        child.signal(SIGTERM)
        await #expect(throws: ChildProcessError.self) { try await child.waitForExit(timeout: .milliseconds(300)) }

        let started = ContinuousClock.now
        #expect(try await child.stop(timeout: .milliseconds(300)) == 128 + SIGKILL)
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        #expect(!processExists(child.pid))
    }

    @Test func stopIsIdempotent() async throws {
        let child = try ChildProcess.launch("/bin/sleep", arguments: ["30"])
        #expect(try await child.stop() == 128 + SIGTERM)
        #expect(try await child.stop() == 128 + SIGTERM)
        child.signal(SIGTERM)  // reaped: a no-op, never a signal to a reused pid
        #expect(!processExists(child.pid))
    }

    @Test func stopAfterExitReturnsTheExitStatus() async throws {
        let child = try ChildProcess.launch("/bin/sh", arguments: ["-c", "exit 5"])
        #expect(try await child.waitForExit(timeout: .seconds(10)) == 5)
        #expect(try await child.stop() == 5)
    }

    @Test func waitForExitTimesOutLeavingTheChildRunning() async throws {
        let child = try ChildProcess.launch("/bin/sleep", arguments: ["30"])
        let error = await #expect(throws: ChildProcessError.self) {
            try await child.waitForExit(timeout: .milliseconds(200))
        }
        #expect(error?.expectation == .exit)
        #expect(error?.exitStatus == nil)
        #expect(error?.description.contains("/bin/sleep (pid \(child.pid)) did not exit within") == true)
        #expect(processExists(child.pid))
    }

    @Test(arguments: ["", ">&2"])
    func waitForOutputFindsTextOnEitherStream(_ redirection: String) async throws {
        let child = try ChildProcess.launch(
            "/bin/sh", arguments: ["-c", "sleep 0.2; echo listening on port 1883 \(redirection); exec sleep 30"])
        try await child.waitForOutput(containing: "listening on port", timeout: .seconds(10))
    }

    @Test func waitForOutputTimesOutShowingWhatWasPrinted() async throws {
        let child = try ChildProcess.launch("/bin/sh", arguments: ["-c", "echo starting; echo warming up >&2; exec sleep 30"])
        let started = ContinuousClock.now
        let error = await #expect(throws: ChildProcessError.self) {
            try await child.waitForOutput(containing: "ready", timeout: .milliseconds(300))
        }
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        #expect(error?.expectation == .output("ready"))
        #expect(error?.exitStatus == nil)
        #expect(error?.standardOutput == "starting\n")
        #expect(error?.standardError == "warming up\n")
        let description = error?.description ?? ""
        #expect(description.contains(#"did not print "ready" within 0.3 seconds; it is still running"#))
        #expect(description.contains("starting") && description.contains("warming up"))
    }

    @Test func waitForOutputFailsAsSoonAsTheChildExits() async throws {
        let child = try ChildProcess.launch("/bin/sh", arguments: ["-c", "echo 'bad config' >&2; exit 4"])
        let started = ContinuousClock.now
        let error = await #expect(throws: ChildProcessError.self) {
            try await child.waitForOutput(containing: "ready", timeout: .seconds(20))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(error?.exitStatus == 4)
        #expect(error?.description.contains(#"exited with status 4 without printing "ready""#) == true)
        #expect(error?.description.contains("bad config") == true)
    }

    @Test func environmentReplacesTheInheritedOne() async throws {
        let result = try await ChildProcess.run(
            "/bin/sh", arguments: ["-c", #"printf '%s-%s' "$EDGEWISE_TEST" "${HOME-unset}""#],
            environment: ["EDGEWISE_TEST": "42"])
        #expect(result.standardOutput == "42-unset")
    }

    @Test func noEnvironmentInheritsTheTestProcesses() async throws {
        let path = try #require(getenv("PATH").map { String(cString: $0) })
        let result = try await ChildProcess.run("/bin/sh", arguments: ["-c", #"printf '%s' "$PATH""#])
        #expect(result.standardOutput == path)
    }

    @Test func startsInTheWorkingDirectory() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("hello from the config\n", to: "note.txt")
        let result = try await ChildProcess.run(
            "/bin/sh", arguments: ["-c", "pwd -P; cat note.txt"], workingDirectory: directory.path)
        let resolved = try #require(realpath(directory.path, nil))
        defer { free(resolved) }
        #expect(result.standardOutput == "\(String(cString: resolved))\nhello from the config\n")
    }

    @Test func findsABareNameOnThePath() async throws {
        let result = try await ChildProcess.run("sh", arguments: ["-c", "echo found"])
        #expect(result == (0, "found\n", ""))
    }

    @Test(arguments: ["/nonexistent/edgewise-missing", "edgewise-missing-program"])
    func aMissingExecutableThrowsAClearError(_ executable: String) throws {
        let error = #expect(throws: SystemCallError.self) { try ChildProcess.launch(executable) }
        #expect(error?.errno == ENOENT)
        #expect(error?.description.contains(#"("\#(executable)") failed: No such file or directory"#) == true)
    }

    @Test func aMissingWorkingDirectoryThrowsAClearError() throws {
        let error = #expect(throws: SystemCallError.self) {
            try ChildProcess.launch("/bin/true", workingDirectory: "/nonexistent/edgewise-directory")
        }
        #expect(error?.description == #"chdir("/nonexistent/edgewise-directory") failed: No such file or directory (errno 2)"#)
    }

    @Test func descriptorsOfTheTestProcessAreNotInherited() async throws {
        let leaky = open("/dev/null", O_RDONLY)  // deliberately without O_CLOEXEC
        try #require(leaky > 2)
        defer { close(leaky) }
        let result = try await ChildProcess.run("/bin/sh", arguments: ["-c", "exec ls /proc/self/fd"])
        let inherited = result.standardOutput.split(separator: "\n").compactMap { Int32($0) }
        #expect(!inherited.contains(leaky))
        #expect(inherited.allSatisfy { $0 <= 3 }, "0-2 plus the directory ls reads: \(inherited)")
    }

    @Test func releasingARunningChildKillsAndReapsIt() throws {
        var pid: pid_t = 0
        do {
            let child = try ChildProcess.launch("/bin/sleep", arguments: ["30"])
            pid = child.pid
            #expect(processExists(pid))
        }
        #expect(!processExists(pid))
    }

    @Test func runReturnsStatusAndOutput() async throws {
        let result = try await ChildProcess.run("/bin/sh", arguments: ["-c", "echo hi; echo oops >&2; exit 2"])
        #expect(result == (2, "hi\n", "oops\n"))
    }

    @Test func runKillsACommandThatOverrunsItsTimeout() async throws {
        let error = await #expect(throws: ChildProcessError.self) {
            try await ChildProcess.run("/bin/sleep", arguments: ["30"], timeout: .milliseconds(200))
        }
        let pid = try #require(error?.pid)
        #expect(!processExists(pid))
    }
}
