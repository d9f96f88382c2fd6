import Testing

@testable import EdgewiseMQTT

@Suite("Reconnect backoff")
struct ReconnectBackoffTests {
    @Test(
        "Doubles from the minimum up to the maximum",
        arguments: [
            (Duration.seconds(1), Duration.seconds(60), [1, 2, 4, 8, 16, 32, 60, 60, 60].map { Duration.seconds($0) }),
            (.seconds(3), .seconds(30), [3, 6, 12, 24, 30, 30].map { Duration.seconds($0) }),
            (.seconds(5), .seconds(5), [5, 5, 5].map { Duration.seconds($0) }),
            (.milliseconds(200), .seconds(1), [200, 400, 800, 1000].map { Duration.milliseconds($0) }),
        ])
    func sequence(minimum: Duration, maximum: Duration, expected: [Duration]) {
        var backoff = ReconnectBackoff(minimum: minimum, maximum: maximum)
        #expect(expected.map { _ in backoff.nextDelay() } == expected)
    }

    @Test("Starts again from the minimum after a reset")
    func reset() {
        var backoff = ReconnectBackoff(minimum: .seconds(1), maximum: .seconds(60))
        for _ in 0..<5 { _ = backoff.nextDelay() }
        backoff.reset()
        #expect(backoff.nextDelay() == .seconds(1))
        #expect(backoff.nextDelay() == .seconds(2))
    }

    @Test("Stays at the maximum however many attempts fail")
    func manyFailures() {
        var backoff = ReconnectBackoff(minimum: .seconds(1), maximum: .seconds(60))
        for _ in 0..<1000 { _ = backoff.nextDelay() }
        #expect(backoff.nextDelay() == .seconds(60))
    }
}
