import Testing

@testable import EdgewiseCore

@Suite("Timestamps: construction and arithmetic")
struct TimestampTests {
    static let noon = Timestamp(epochMilliseconds: 1_763_899_200_000)  // 2025-11-23T12:00:00Z

    @Test("epoch seconds round to the nearest millisecond", arguments: [
        (1_763_924_700.123, 1_763_924_700_123), (1_763_924_700.5, 1_763_924_700_500), (1_763_924_700, 1_763_924_700_000),
        (0.0004, 0), (0.0006, 1), (-1.5, -1_500), (-0.001, -1),
    ] as [(Double, Int64)])
    func fromEpochSeconds(seconds: Double, milliseconds: Int64) {
        #expect(Timestamp(epochSeconds: seconds).epochMilliseconds == milliseconds)
    }

    @Test func epochSecondsReadBack() {
        #expect(Timestamp(epochMilliseconds: 1_763_924_700_123).epochSeconds == 1_763_924_700.123)
        #expect(Timestamp.epoch.epochSeconds == 0)
    }

    @Test func ordersByTime() {
        let times = [Self.noon, Timestamp.epoch, Timestamp(epochMilliseconds: -5), Self.noon + .milliseconds(1)]
        #expect(times.sorted().map(\.epochMilliseconds) == [-5, 0, 1_763_899_200_000, 1_763_899_200_001])
    }

    @Test("adding and subtracting durations", arguments: [
        (Duration.seconds(90), 90_000), (.milliseconds(1), 1), (.milliseconds(-250), -250), (.zero, 0),
        (.seconds(86_400 * 365), 31_536_000_000), (.microseconds(1_500), 1), (.microseconds(-1_500), -2), (.nanoseconds(1), 0),
    ] as [(Duration, Int64)])
    func durationArithmetic(duration: Duration, milliseconds: Int64) {
        #expect((Self.noon + duration).epochMilliseconds == Self.noon.epochMilliseconds + milliseconds)
        #expect((Self.noon - (Duration.zero - duration)).epochMilliseconds == Self.noon.epochMilliseconds + milliseconds)
        var moved = Self.noon
        moved += duration
        #expect(moved == Self.noon + duration)
        moved -= duration
        #expect(moved.epochMilliseconds.distance(to: Self.noon.epochMilliseconds) <= 1)
    }

    @Test func differenceIsADuration() {
        let later = Self.noon + .seconds(5) + .milliseconds(250)
        #expect(later - Self.noon == .milliseconds(5_250))
        #expect(Self.noon - later == .milliseconds(-5_250))
        #expect(Self.noon - Self.noon == .zero)
    }

    @Test func isAnInstantForClocks() {
        #expect(Self.noon.advanced(by: .seconds(1)) == Self.noon + .seconds(1))
        #expect(Self.noon.duration(to: Self.noon + .seconds(120)) == .seconds(120))
    }

    @Test func describesItselfInRFC3339() {
        #expect(Self.noon.description == "2025-11-23T12:00:00.000Z")
        #expect("\(Timestamp(epochMilliseconds: 1_763_924_700_123))" == "2025-11-23T19:05:00.123Z")
    }
}
