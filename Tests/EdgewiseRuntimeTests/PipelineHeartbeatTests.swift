import Testing

@testable import EdgewiseRuntime

@Suite("PipelineHeartbeat: has the pipeline ticked lately?")
struct PipelineHeartbeatTests {
    let start = ContinuousClock.now

    @Test func aHeartbeatNeverBeatenCountsAsAlive() {
        #expect(PipelineHeartbeat().stall(tolerance: .seconds(1), now: start + .seconds(3_600)) == nil)
    }

    @Test func aBeatWithinTheToleranceIsAlive() {
        let heartbeat = PipelineHeartbeat()
        heartbeat.beat(at: start)
        #expect(heartbeat.stall(tolerance: .seconds(15), now: start + .seconds(15)) == nil)
    }

    @Test func silenceLongerThanTheToleranceIsAStallWithItsLength() {
        let heartbeat = PipelineHeartbeat()
        heartbeat.beat(at: start)
        #expect(heartbeat.stall(tolerance: .seconds(15), now: start + .milliseconds(42_300)) == "the pipeline has not ticked for 42 s")
    }

    @Test func anOlderBeatDoesNotMoveTheHeartbeatBack() {
        let heartbeat = PipelineHeartbeat()
        heartbeat.beat(at: start + .seconds(10))
        heartbeat.beat(at: start)
        #expect(heartbeat.stall(tolerance: .seconds(5), now: start + .seconds(12)) == nil)
    }
}

@Suite("WatchdogMonitor: keep-alives only while the pipeline ticks")
struct WatchdogMonitorTests {
    @Test func keepAlivesStopDuringAStallAndResumeAfterIt() {
        var monitor = WatchdogMonitor()
        #expect(monitor.check(stall: nil) == [.keepAlive])
        #expect(monitor.check(stall: nil) == [.keepAlive])
        #expect(monitor.check(stall: "the pipeline has not ticked for 16 s") == [.reportStall(reason: "the pipeline has not ticked for 16 s", first: true)])
        #expect(monitor.check(stall: "the pipeline has not ticked for 31 s") == [.reportStall(reason: "the pipeline has not ticked for 31 s", first: false)])
        #expect(monitor.check(stall: nil) == [.reportRecovery, .keepAlive])
        #expect(monitor.check(stall: nil) == [.keepAlive])
    }
}
