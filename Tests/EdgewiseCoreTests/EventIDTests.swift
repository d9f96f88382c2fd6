import EdgewiseTesting
import Testing

@testable import EdgewiseCore

@Suite("Event ids (UUIDv7)")
struct EventIDTests {
    static let time = Timestamp(epochMilliseconds: 1_763_924_700_123)

    @Test func layoutFollowsRFC9562() {
        var random = SeededRandom(seed: 9562)
        for _ in 0..<1_000 {
            let id = EventID.generate(at: Self.time, using: &random)
            let text = id.description
            let characters = Array(text)
            #expect(text.count == 36)
            #expect([8, 13, 18, 23].allSatisfy { characters[$0] == "-" })
            #expect(characters[14] == "7")  // version
            #expect("89ab".contains(characters[19]))  // variant 10
            #expect(text.allSatisfy { "0123456789abcdef-".contains($0) })
            #expect(text.hasPrefix("019ab21a-ebdb-"))  // 1763924700123 = 0x019AB21AEBDB
            #expect(id.timestamp == Self.time)
        }
    }

    @Test func stringFormRoundTrips() {
        var random = SeededRandom(seed: 1)
        for _ in 0..<1_000 {
            let id = EventID.generate(at: Timestamp(epochMilliseconds: Int64.random(in: 0...(1 << 48 - 1), using: &random)), using: &random)
            #expect(EventID(id.description) == id)
            #expect(EventID(id.description.uppercased()) == id)
            #expect(EventID(id.description[...]) == id)
        }
    }

    @Test("rejected text", arguments: [
        "", "019ab20e-5c7b-7a4e-9f1c-2d5e8b3a6f0", "019ab21a-ebdb-7a4e-9f1c-2d5e8b3a6f011", "019ab20e5c7b7a4e9f1c2d5e8b3a6f01",
        "019ab20e-5c7b-4a4e-9f1c-2d5e8b3a6f01", "019ab20e-5c7b-7a4e-cf1c-2d5e8b3a6f01", "019ab20e-5c7b-7a4e-7f1c-2d5e8b3a6f01",
        "019ab20g-5c7b-7a4e-9f1c-2d5e8b3a6f01", "019ab20e_5c7b-7a4e-9f1c-2d5e8b3a6f01", "{019ab21a-ebdb-7a4e-9f1c-2d5e8b3a6f01}",
        " 019ab21a-ebdb-7a4e-9f1c-2d5e8b3a6f01", "019ab21a-ebdb-7a4e-9f1c-2d5e8b3a6f01 ", "019ab20e-5c7b-7a4e-9f1c-2d5e8b3a6f0é",
    ])
    func rejects(text: String) {
        #expect(EventID(text) == nil)
    }

    @Test func parsesAKnownID() throws {
        let id = try #require(EventID("019AB21A-EBDB-7A4E-9F1C-2D5E8B3A6F01"))
        #expect(id.description == "019ab21a-ebdb-7a4e-9f1c-2d5e8b3a6f01")
        #expect(id.timestamp == Self.time)
    }

    @Test func timesOutside48BitsAreClamped() {
        var random = SeededRandom(seed: 2)
        #expect(EventID.generate(at: Timestamp(epochMilliseconds: -5), using: &random).timestamp == .epoch)
        #expect(EventID.generate(at: Timestamp(epochMilliseconds: 1 << 50), using: &random).timestamp.epochMilliseconds == 1 << 48 - 1)
    }

    @Test func orderIsTheOrderOfTheStrings() {
        var random = SeededRandom(seed: 3)
        let ids = (0..<2_000).map { index in
            EventID.generate(at: Timestamp(epochMilliseconds: Int64(index % 50) * 997), using: &random)
        }
        #expect(ids.sorted().map(\.description) == ids.map(\.description).sorted())
    }
}

@Suite("Event id generator")
struct EventIDGeneratorTests {
    @Test func idsStrictlyIncreaseWithinOneMillisecond() {
        var generator = EventIDGenerator()
        var random = SeededRandom(seed: 4)
        let ids = (0..<100_000).map { _ in generator.next(at: EventIDTests.time, using: &random) }
        Self.expectStrictlyIncreasing(ids)
        #expect(ids.allSatisfy { $0.timestamp == EventIDTests.time })
    }

    @Test func idsStrictlyIncreaseWhenTheClockJumpsAround() {
        var generator = EventIDGenerator()
        var random = SeededRandom(seed: 5)
        var clock: Int64 = 1_763_924_700_000
        var ids: [EventID] = []
        for step in 0..<100_000 {
            switch step % 1_000 {
            case 500: clock -= 60_000  // NTP steps the clock back a minute
            case 900: clock -= 1  // and back a millisecond
            default: clock += Int64.random(in: 0...1, using: &random)
            }
            ids.append(generator.next(at: Timestamp(epochMilliseconds: clock), using: &random))
        }
        Self.expectStrictlyIncreasing(ids)
        #expect(Set(ids).count == ids.count)
        // While the clock is behind, ids keep the latest millisecond seen; they never run ahead of it.
        #expect(ids.last!.timestamp.epochMilliseconds <= 1_763_924_700_000 + 100_000)
    }

    @Test func aNewMillisecondStartsFromFreshRandomBits() {
        var generator = EventIDGenerator()
        var random = SeededRandom(seed: 6)
        let first = generator.next(at: EventIDTests.time, using: &random)
        let second = generator.next(at: EventIDTests.time + .milliseconds(1), using: &random)
        #expect(second.timestamp == EventIDTests.time + .milliseconds(1))
        #expect(first < second)
    }

    @Test func anExhaustedCounterMovesToTheNextMillisecond() {
        let milliseconds = UInt64(EventIDTests.time.epochMilliseconds)
        var generator = EventIDGenerator(lastMilliseconds: milliseconds, lastRandom: EventID.randomLimit - 2)
        var random = SeededRandom(seed: 7)
        let last = EventID(milliseconds: milliseconds, random: EventID.randomLimit - 2)
        let next = generator.next(at: EventIDTests.time, using: &random)
        #expect(next.timestamp == EventIDTests.time + .milliseconds(1))
        #expect(last < next)
        let after = generator.next(at: EventIDTests.time, using: &random)
        #expect(after.timestamp == EventIDTests.time + .milliseconds(1))
        #expect(next < after)
    }

    @Test func idsFromTheSystemGeneratorAreUnique() {
        var generator = EventIDGenerator()
        let ids = (0..<10_000).map { _ in generator.next(at: EventIDTests.time) }
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids.map(\.description)).count == ids.count)
        Self.expectStrictlyIncreasing(ids)
    }

    static func expectStrictlyIncreasing(_ ids: [EventID], sourceLocation: SourceLocation = #_sourceLocation) {
        var previous: (id: EventID, text: String)?
        var violations = 0
        for id in ids {
            let text = id.description
            if let previous, !(previous.id < id && previous.text < text) { violations += 1 }
            previous = (id, text)
        }
        #expect(violations == 0, sourceLocation: sourceLocation)
    }
}

@Suite("The fast generator behind event ids")
struct Xoshiro256StarStarTests {
    @Test func matchesTheReferenceSequence() {
        // Reference: xoshiro256** with state (1, 2, 3, 4) yields 11520, 0, 1509978240, 1215971899390074240.
        var source = FixedSeeds(values: [1, 2, 3, 4])
        var generator = Xoshiro256StarStar(seededFrom: &source)
        #expect((0..<4).map { _ in generator.next() } == [11_520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }

    @Test func idsFromItStayUniqueAndIncreasing() {
        var random = Xoshiro256StarStar()
        var generator = EventIDGenerator()
        let time = Timestamp(epochMilliseconds: 1_763_924_700_000)
        let ids = (0..<50_000).map { _ in generator.next(at: time, using: &random) }
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
    }

    struct FixedSeeds: RandomNumberGenerator {
        var values: [UInt64]
        mutating func next() -> UInt64 { values.removeFirst() }
    }
}
