/// A fast, non-cryptographic random number generator (xoshiro256**, Blackman & Vigna), seeded
/// once from the system.
///
/// For the random bits of event ids: the system generator costs a system call per id, which at
/// hundreds of thousands of events per second is a tenth of the pipeline's time. Ids need to be
/// unique, not unpredictable; uniqueness within a process is guaranteed by `EventIDGenerator`'s
/// monotonic counter, and across processes by the timestamp plus 256 bits of system-seeded state.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    var state: (UInt64, UInt64, UInt64, UInt64)

    /// Seeded from `seedSource` (by default the system's generator).
    public init(seededFrom seedSource: inout some RandomNumberGenerator) {
        state = (seedSource.next(), seedSource.next(), seedSource.next(), seedSource.next())
        if state == (0, 0, 0, 0) { state.0 = 0x9E37_79B9_7F4A_7C15 }  // the one state that would stay zero
    }

    public init() {
        var system = SystemRandomNumberGenerator()
        self.init(seededFrom: &system)
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 { (value << count) | (value >> (64 - count)) }
}
