/// What to put on the wire for a write: one coil ("write single coil", function 5) or registers
/// ("write single register" (6) for one, "write multiple registers" (16) for more).
public enum ModbusWriteValue: Sendable, Hashable, CustomStringConvertible {
    case coil(Bool)
    case registers([UInt16])

    /// `coil on`, `registers [0x00D7]`: for logs.
    public var description: String {
        switch self {
        case .coil(let on): on ? "coil on" : "coil off"
        case .registers(let words): "registers [\(words.map(ModbusWriteValue.hex).joined(separator: ", "))]"
        }
    }

    /// `0x00D7`.
    static func hex(_ word: UInt16) -> String {
        let digits = String(word, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
