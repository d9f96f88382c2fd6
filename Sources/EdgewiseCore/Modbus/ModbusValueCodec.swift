/// Turns the 16-bit registers of a Modbus point into a value and back: `type`, `byte_order` and
/// `bit` of a device file. Pure; scaling and units are the `Normalizer`'s business (and, for
/// writes, `writeValue(for:point:register:deviceByteOrder:device:)`'s).
///
/// **Byte orders.** A number's bytes are named A B C D … from the most significant, and its 16-bit
/// words W0 W1 … likewise. `byteOrder` says how they lie in the registers:
///
/// | order  | 16-bit | 32-bit | 64-bit |
/// |--------|--------|--------|--------|
/// | `ABCD` | `[AB]` | `[AB, CD]` (the Modbus norm: words and bytes big-endian) | `[W0, W1, W2, W3]` |
/// | `CDAB` | `[AB]` | `[CD, AB]` (word-swapped) | `[W3, W2, W1, W0]`: least significant word first |
/// | `BADC` | `[BA]` | `[BA, DC]` (bytes swapped in each word) | `[W0, W1, W2, W3]`, each word byte-swapped |
/// | `DCBA` | `[BA]` | `[DC, BA]` (fully little-endian) | `[W3, W2, W1, W0]`, each word byte-swapped |
///
/// Worked example: `float32` 123.456 is `0x42F6E979`, so the registers are `[0x42F6, 0xE979]`
/// (ABCD), `[0xE979, 0x42F6]` (CDAB), `[0xF642, 0x79E9]` (BADC), `[0x79E9, 0xF642]` (DCBA).
///
/// **Strings** pack two bytes per register. `ABCD` and `CDAB` put the first character in the high
/// byte, `BADC` and `DCBA` in the low byte; word order does not apply to text. Decoding stops at the
/// first NUL, drops trailing spaces and replaces invalid UTF-8 with U+FFFD.
///
/// **Booleans** in a register read one bit of the register as it arrives, whatever the byte order
/// (`bit` 0 is the least significant), or, without `bit`, are true when the register is not 0. Coils and discrete inputs arrive as one register of 0 or 1
/// per bit (see `ModbusSlotResult`) and decode as a boolean without `bit`.
///
/// **64-bit integers** become `Double`: beyond 2^53 (9,007,199,254,740,992) not every integer is
/// representable, and the value is rounded to the nearest one that is (counters that large lose
/// their last digits). NaN and infinities of `float32`/`float64` are returned as numbers; the
/// `Normalizer` rejects them as `not_finite`.
public enum ModbusValueCodec {
    /// The value of a point whose registers are `registers` (the first `type.registerCount` are used).
    ///
    /// - Precondition: `registers` holds at least `type.registerCount` registers and `bit` is 0–15.
    public static func decode(registers: ArraySlice<UInt16>, type: ModbusValueType, byteOrder: ByteOrder, bit: Int?) -> ReadingValue {
        precondition(registers.count >= type.registerCount, "\(type) needs \(type.registerCount) registers, got \(registers.count)")
        let first = registers[registers.startIndex]
        switch type {
        case .bool:
            guard let bit else { return .boolean(first != 0) }
            precondition((0...15).contains(bit), "bit \(bit) is not in a 16-bit register")
            return .boolean(first >> UInt16(bit) & 1 == 1)
        case .int16: return .number(Double(Int16(bitPattern: UInt16(truncatingIfNeeded: combine(registers, count: 1, byteOrder)))))
        case .uint16: return .number(Double(combine(registers, count: 1, byteOrder)))
        case .int32: return .number(Double(Int32(bitPattern: UInt32(truncatingIfNeeded: combine(registers, count: 2, byteOrder)))))
        case .uint32: return .number(Double(UInt32(truncatingIfNeeded: combine(registers, count: 2, byteOrder))))
        case .float32: return .number(widened(Float(bitPattern: UInt32(truncatingIfNeeded: combine(registers, count: 2, byteOrder)))))
        case .int64: return .number(Double(Int64(bitPattern: combine(registers, count: 4, byteOrder))))
        case .uint64: return .number(Double(combine(registers, count: 4, byteOrder)))
        case .float64: return .number(Double(bitPattern: combine(registers, count: 4, byteOrder)))
        case .string(let count): return .text(text(registers.prefix(count), byteOrder))
        }
    }

    /// A `float32` as the `Double` of its shortest decimal form: 3.5493093, not the
    /// 3.549309253692627 that widening its bits gives. Both name the same float; the first is
    /// what the device meant and what events should carry.
    static func widened(_ value: Float) -> Double {
        guard value.isFinite else { return Double(value) }
        return Double(value.description) ?? Double(value)
    }

    /// The registers for the raw (unscaled) number `raw` as `type`: integers are rounded to the
    /// nearest (halves away from zero) and must fit the type; `bool` takes 0 or 1 (a whole register,
    /// as a uint16);
    /// floats must be finite and, for `float32`, within its range.
    ///
    /// For a point's value in engineering units use `writeValue(for:point:register:deviceByteOrder:device:)`,
    /// which undoes scaling and unit conversion first. Strings go through `encode(text:registers:byteOrder:)`.
    public static func encode(_ raw: Double, type: ModbusValueType, byteOrder: ByteOrder) -> Result<[UInt16], ModbusEncodingError> {
        guard raw.isFinite else { return .failure(ModbusEncodingError(.notFinite, "\(raw) is not a number that can be written")) }
        let rounded = raw.rounded(.toNearestOrAwayFromZero)
        func outOfRange() -> Result<[UInt16], ModbusEncodingError> {
            .failure(ModbusEncodingError(.outOfRange, "\(Normalizer.format(raw)) does not fit \(rangeDescription(of: type) ?? "\(type)")"))
        }
        switch type {
        case .bool:
            guard raw == 0 || raw == 1 else { return outOfRange() }
            return .success(split(raw == 1 ? 1 : 0, count: 1, byteOrder))
        case .int16:
            guard rounded >= -32_768, rounded <= 32_767 else { return outOfRange() }
            return .success(split(UInt64(UInt16(bitPattern: Int16(rounded))), count: 1, byteOrder))
        case .uint16:
            guard rounded >= 0, rounded <= 65_535 else { return outOfRange() }
            return .success(split(UInt64(rounded), count: 1, byteOrder))
        case .int32:
            guard rounded >= -2_147_483_648, rounded <= 2_147_483_647 else { return outOfRange() }
            return .success(split(UInt64(UInt32(bitPattern: Int32(rounded))), count: 2, byteOrder))
        case .uint32:
            guard rounded >= 0, rounded <= 4_294_967_295 else { return outOfRange() }
            return .success(split(UInt64(UInt32(rounded)), count: 2, byteOrder))
        case .int64:
            // 2^63 is exactly representable as a Double; Int64.max is not.
            guard rounded >= -0x1p63, rounded < 0x1p63 else { return outOfRange() }
            return .success(split(UInt64(bitPattern: Int64(rounded)), count: 4, byteOrder))
        case .uint64:
            guard rounded >= 0, rounded < 0x1p64 else { return outOfRange() }
            return .success(split(UInt64(rounded), count: 4, byteOrder))
        case .float32:
            let single = Float(raw)
            guard single.isFinite else { return outOfRange() }
            return .success(split(UInt64(single.bitPattern), count: 2, byteOrder))
        case .float64:
            return .success(split(raw.bitPattern, count: 4, byteOrder))
        case .string:
            return .failure(ModbusEncodingError(.wrongType, "\(Normalizer.format(raw)) is a number, but the point holds text"))
        }
    }

    /// The registers for `text` in a string of `registers` registers: UTF-8, two bytes per register,
    /// padded with NUL; rejected when longer than `2 × registers` bytes.
    public static func encode(text: String, registers: Int, byteOrder: ByteOrder) -> Result<[UInt16], ModbusEncodingError> {
        let bytes = Array(text.utf8)
        guard bytes.count <= 2 * registers else {
            return .failure(ModbusEncodingError(
                .tooLong, "'\(text)' is \(bytes.count) bytes of UTF-8, but a string of \(registers) register\(registers == 1 ? "" : "s") holds \(2 * registers)"))
        }
        let lowFirst = byteOrder.swapsBytes
        let words = (0..<registers).map { index -> UInt16 in
            let first = UInt16(2 * index < bytes.count ? bytes[2 * index] : 0)
            let second = UInt16(2 * index + 1 < bytes.count ? bytes[2 * index + 1] : 0)
            return lowFirst ? second << 8 | first : first << 8 | second
        }
        return .success(words)
    }

    /// `int16 -32768…32767`: what a register type holds, for messages; `nil` for strings.
    public static func rangeDescription(of type: ModbusValueType) -> String? {
        switch type {
        case .bool: "bool 0…1"
        case .int16: "int16 -32768…32767"
        case .uint16: "uint16 0…65535"
        case .int32: "int32 -2147483648…2147483647"
        case .uint32: "uint32 0…4294967295"
        case .int64: "int64 -9223372036854775808…9223372036854775807"
        case .uint64: "uint64 0…18446744073709551615"
        case .float32: "float32 ±3.4028235e+38"
        case .float64: "float64"
        case .string: nil
        }
    }

    /// The lowest and highest raw values of a numeric type, as `Double`.
    static func rawBounds(of type: ModbusValueType) -> ClosedRange<Double>? {
        switch type {
        case .bool: 0...1
        case .int16: -32_768...32_767
        case .uint16: 0...65_535
        case .int32: -2_147_483_648...2_147_483_647
        case .uint32: 0...4_294_967_295
        case .int64: -0x1p63...0x1p63
        case .uint64: 0...0x1p64
        case .float32: -Double(Float.greatestFiniteMagnitude)...Double(Float.greatestFiniteMagnitude)
        case .float64, .string: nil
        }
    }

    /// `count` registers as one unsigned integer, most significant word first, `byteOrder` undone.
    static func combine(_ registers: ArraySlice<UInt16>, count: Int, _ byteOrder: ByteOrder) -> UInt64 {
        var value: UInt64 = 0
        let start = registers.startIndex
        for position in 0..<count {
            var word = registers[byteOrder.reversesWords ? start + count - 1 - position : start + position]
            if byteOrder.swapsBytes { word = word.byteSwapped }
            value = value << 16 | UInt64(word)
        }
        return value
    }

    /// The inverse of `combine`: the low `16 × count` bits of `value` laid out in `byteOrder`.
    static func split(_ value: UInt64, count: Int, _ byteOrder: ByteOrder) -> [UInt16] {
        var words = (0..<count).map { position in UInt16(truncatingIfNeeded: value >> (16 * UInt64(count - 1 - position))) }
        if byteOrder.swapsBytes { words = words.map(\.byteSwapped) }
        if byteOrder.reversesWords { words.reverse() }
        return words
    }

    /// Two bytes per register, up to the first NUL, without trailing spaces.
    static func text(_ registers: ArraySlice<UInt16>, _ byteOrder: ByteOrder) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 * registers.count)
        for word in registers {
            let (high, low) = (UInt8(word >> 8), UInt8(word & 0xFF))
            bytes.append(contentsOf: byteOrder.swapsBytes ? [low, high] : [high, low])
        }
        if let end = bytes.firstIndex(of: 0) { bytes.removeSubrange(end...) }
        while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
