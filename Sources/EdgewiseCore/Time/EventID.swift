/// The identity of an event: a UUIDv7 (RFC 9562 §5.7), written `019ab20e-5c7b-7a4e-9f1c-2d5e8b3a6f01`.
///
/// The first 48 bits are the Unix time in milliseconds, so ids sort by creation time, both as
/// values and as their lower-case strings; then the version (`7`), 12 bits `rand_a`, the variant
/// (`10`) and 62 bits `rand_b`. Together `rand_a` and `rand_b` hold 74 random bits, which
/// ``EventIDGenerator`` also uses as a counter to keep the ids of one process strictly increasing.
///
/// Make ids with an ``EventIDGenerator`` (the runtime owns one); ``generate(at:using:)`` makes
/// a single id with no ordering guarantee against others of the same millisecond.
public struct EventID: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible {
    /// Bits 0–63: timestamp, version, `rand_a`.
    let high: UInt64
    /// Bits 64–127: variant, `rand_b`.
    let low: UInt64

    /// The largest millisecond count 48 bits hold (the year 10889).
    static let maximumMilliseconds: UInt64 = (1 << 48) - 1
    /// One more than the largest 74-bit `rand_a`‖`rand_b` value.
    static let randomLimit: UInt128 = 1 << 74

    /// The id with `milliseconds` in the timestamp field and `random` (< 2^74) split over `rand_a`
    /// (its top 12 bits) and `rand_b` (its low 62 bits).
    init(milliseconds: UInt64, random: UInt128) {
        precondition(milliseconds <= Self.maximumMilliseconds && random < Self.randomLimit)
        high = milliseconds << 16 | 0x7000 | UInt64(truncatingIfNeeded: random >> 62)
        low = 0x8000_0000_0000_0000 | UInt64(truncatingIfNeeded: random) & 0x3FFF_FFFF_FFFF_FFFF
    }

    private init(high: UInt64, low: UInt64) {
        (self.high, self.low) = (high, low)
    }

    /// A fresh id for `time` with 74 random bits from `generator`.
    ///
    /// Times before 1970 count as the epoch (they only come from a badly set clock).
    public static func generate(at time: Timestamp, using generator: inout some RandomNumberGenerator) -> EventID {
        EventID(milliseconds: milliseconds(of: time), random: random(using: &generator))
    }

    /// The millisecond `time` is in, clamped to what 48 bits hold.
    static func milliseconds(of time: Timestamp) -> UInt64 {
        min(UInt64(clamping: time.epochMilliseconds), maximumMilliseconds)
    }

    /// 74 random bits.
    static func random(using generator: inout some RandomNumberGenerator) -> UInt128 {
        (UInt128(generator.next() as UInt64) << 64 | UInt128(generator.next() as UInt64)) % randomLimit
    }

    /// The millisecond the id was made in.
    public var timestamp: Timestamp {
        Timestamp(epochMilliseconds: Int64(high >> 16))
    }

    /// The canonical lower-case form, `xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx`.
    public var description: String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var count = 0
            func write(_ value: UInt64, nibbles: Int) {
                for shift in stride(from: (nibbles - 1) * 4, through: 0, by: -4) {
                    buffer[count] = digits.utf8Start[Int(value >> UInt64(shift) & 0xF)]
                    count += 1
                }
            }
            func hyphen() {
                buffer[count] = UInt8(ascii: "-")
                count += 1
            }
            write(high >> 32, nibbles: 8)
            hyphen()
            write(high >> 16, nibbles: 4)
            hyphen()
            write(high, nibbles: 4)
            hyphen()
            write(low >> 48, nibbles: 4)
            hyphen()
            write(low, nibbles: 12)
            return count
        }
    }

    /// Reads the canonical `8-4-4-4-12` form (hex digits in either case).
    ///
    /// - Returns: `nil` unless `text` is a UUID of version 7 and variant `10`.
    public init?(_ text: some StringProtocol) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var count = 0
        for byte in text.utf8 {
            defer { count += 1 }
            if count == 8 || count == 13 || count == 18 || count == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            if count < 19 {
                high = high << 4 | UInt64(nibble)
            } else {
                low = low << 4 | UInt64(nibble)
            }
            if count >= 36 { return nil }
        }
        guard count == 36, high >> 12 & 0xF == 7, low >> 62 == 0b10 else { return nil }
        self.init(high: high, low: low)
    }

    /// Reads the canonical `8-4-4-4-12` form (hex digits in either case); `nil` unless `description`
    /// is a UUID of version 7 and variant `10`.
    public init?(_ description: String) {
        self.init(Substring(description))
    }

    /// Whether `lhs` sorts first: the earlier millisecond, then the smaller random bits; the same
    /// order as their strings.
    public static func < (lhs: EventID, rhs: EventID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}
