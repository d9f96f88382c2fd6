/// Makes ``EventID``s that strictly increase in the order they are made, even many in one
/// millisecond or when the wall clock steps back (RFC 9562 §6.2, method 2, "monotonic random").
///
/// In a new millisecond the 74 random bits are drawn afresh, with the top bit clear so that at
/// least 2^73 of counting room remains. In the same millisecond, or an earlier one (the clock went
/// back), the id keeps the last millisecond and adds a random 1…2^32 to the random bits, which
/// keeps ids unguessable and still allows some 2^41 ids before the counter is used up; then the
/// generator moves on to the next millisecond, ahead of the clock, until the clock catches up.
///
/// The guarantee covers the ids of one generator: a process should own one (the runtime keeps it
/// where events are made, e.g. inside an actor). It is a value, so copies generate independently.
public struct EventIDGenerator: Sendable {
    private var lastMilliseconds: UInt64?
    private var lastRandom: UInt128 = 0

    /// A generator that has made no ids yet.
    public init() {}

    /// A generator that continues after an id made in `lastMilliseconds` with random bits
    /// `lastRandom` (for tests of the counter's limits).
    init(lastMilliseconds: UInt64, lastRandom: UInt128) {
        self.lastMilliseconds = lastMilliseconds
        self.lastRandom = lastRandom
    }

    /// The next id, for an event at `time`, drawing random bits from `generator`.
    public mutating func next(at time: Timestamp, using generator: inout some RandomNumberGenerator) -> EventID {
        let milliseconds = EventID.milliseconds(of: time)
        if let last = lastMilliseconds, milliseconds <= last {
            let increment = UInt128(generator.next() as UInt64 >> 32) + 1
            lastRandom += increment
            if lastRandom >= EventID.randomLimit {
                precondition(last < EventID.maximumMilliseconds, "no UUIDv7 after the year 10889")
                lastMilliseconds = last + 1
                lastRandom = EventID.random(using: &generator) >> 1
            }
        } else {
            lastMilliseconds = milliseconds
            lastRandom = EventID.random(using: &generator) >> 1
        }
        return EventID(milliseconds: lastMilliseconds!, random: lastRandom)
    }

    /// The next id, for an event at `time`, with random bits from the system generator.
    public mutating func next(at time: Timestamp) -> EventID {
        var generator = SystemRandomNumberGenerator()
        return next(at: time, using: &generator)
    }
}
