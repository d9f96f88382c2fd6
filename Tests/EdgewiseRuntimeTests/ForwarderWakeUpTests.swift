import Testing

@testable import EdgewiseRuntime

/// The forwarder's wake-up: a signal ends a wait (or the next one), a timeout ends it otherwise,
/// and the one timer it keeps serves later waits, also shorter ones.
@Suite("Upstream forwarder wake-up", .timeLimit(.minutes(1)))
struct ForwarderWakeUpTests {
    @Test("A signal before the wait ends the next wait at once")
    func signalFirst() async {
        let wakeUp = ForwarderWakeUp()
        await wakeUp.signal()
        let clock = ContinuousClock()
        let elapsed = await clock.measure { await wakeUp.wait(timeout: .seconds(30)) }
        #expect(elapsed < .seconds(20))
    }

    @Test("Signalled waits, then a wait that nobody signals still ends by its timeout")
    func timeoutAfterSignalledWaits() async {
        let wakeUp = ForwarderWakeUp()
        for _ in 0..<50 {
            let signaller = Task {
                try? await Task.sleep(for: .milliseconds(1))
                await wakeUp.signal()
            }
            await wakeUp.wait(timeout: .seconds(30))
            await signaller.value
        }
        // Ends by the timer (the test's time limit catches a wait that never ends).
        await wakeUp.wait(timeout: .milliseconds(20))
    }

    @Test("A shorter timeout than the running timer's is kept")
    func shorterTimeout() async {
        let wakeUp = ForwarderWakeUp()
        let signaller = Task {
            try? await Task.sleep(for: .milliseconds(1))
            await wakeUp.signal()
        }
        await wakeUp.wait(timeout: .seconds(50))  // leaves a timer running for about 50 s
        await signaller.value
        let clock = ContinuousClock()
        let elapsed = await clock.measure { await wakeUp.wait(timeout: .milliseconds(20)) }
        #expect(elapsed < .seconds(25))
    }
}
