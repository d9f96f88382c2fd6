import EdgewiseTesting
import Glibc
import Testing

@Suite struct FreePortTests {
    @Test func loopbackReturnsAPortThatCanBeBound() throws {
        let port = try FreePort.loopback()
        #expect((1024...65535).contains(port))
        _ = try Listener(port: port)
    }

    @Test func loopbackNeverHandsOutAPortTwice() throws {
        let ports = try (0..<200).map { _ in try FreePort.loopback() }
        #expect(Set(ports).count == ports.count)
    }

    /// A child being spawned holds copies of the test's descriptors until it execs; a copy of
    /// `loopback()`'s probe socket would keep the port bound (this failed ~5 times in 3,000).
    /// `ChildProcess` and `loopback()` exclude each other; for spawns that bypass that lock (the
    /// plain `posix_spawn` in `ChildProcessSignalTests` runs in parallel with this test), the probe
    /// socket carries SO_REUSEADDR, so a peer that sets it too, as servers do, can always bind.
    /// (A listener without SO_REUSEADDR, protected by the lock alone, failed here 4 runs in 15.)
    @Test func aPortCanBeBoundWhileChildrenAreBeingSpawned() async throws {
        try await withThrowingTaskGroup { group in
            for _ in 0..<3 {
                group.addTask {
                    while !Task.isCancelled { _ = try? await ChildProcess.run("/bin/true") }
                }
            }
            var failures: [String] = []
            for _ in 0..<3000 {
                let port = try FreePort.loopback()
                do { _ = try Listener(port: port) } catch { failures.append("\(error)") }
            }
            group.cancelAll()
            #expect(failures.isEmpty)
        }
    }

    @Test func waitSucceedsAgainstAListener() async throws {
        let port = try FreePort.loopback()
        let listener = try Listener(port: port)
        try await FreePort.waitUntilAcceptingConnections(port: port, timeout: .seconds(10))
        withExtendedLifetime(listener) {}
    }

    @Test func waitSucceedsOnceAListenerAppears() async throws {
        let port = try FreePort.loopback()
        async let ready: Void = FreePort.waitUntilAcceptingConnections(port: port, timeout: .seconds(10))
        try await Task.sleep(for: .milliseconds(200))
        let listener = try Listener(port: port)
        try await ready
        withExtendedLifetime(listener) {}
    }

    @Test func waitTimesOutAgainstAClosedPort() async throws {
        let port = try FreePort.loopback()
        let started = ContinuousClock.now
        let error = await #expect(throws: FreePort.TimeoutError.self) {
            try await FreePort.waitUntilAcceptingConnections(port: port, timeout: .milliseconds(300))
        }
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        #expect(error?.port == port)
        #expect(error?.lastFailure.errno == ECONNREFUSED)
        #expect(error?.description.contains("127.0.0.1:\(port)") == true)
    }
}
