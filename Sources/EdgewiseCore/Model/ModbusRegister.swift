/// Where a Modbus point lives and how its registers decode: `{holding: 100, type: int16}`.
public struct ModbusRegister: Sendable, Hashable {
    /// The four Modbus data tables, written in device files as `coil`, `discrete_input`, `input`
    /// and `holding`.
    public enum Table: String, Sendable, Hashable, CaseIterable {
        case coil, discreteInput = "discrete_input", input, holding

        /// Whether the table holds single bits (coils, discrete inputs) rather than 16-bit registers.
        public var holdsBits: Bool { self == .coil || self == .discreteInput }
        /// Whether the protocol allows writing this table at all.
        public var isWritable: Bool { self == .coil || self == .holding }
    }

    public var table: Table
    /// The 0-based protocol address (what goes on the wire, not the 40001-style number).
    public var address: Int
    public var type: ModbusValueType
    /// `bit`: for a `bool` in a register, which bit (0 = least significant).
    public var bit: Int?
    /// `byte_order`: overrides the device's.
    public var byteOrder: ByteOrder?
    /// `poll`: overrides the device's poll interval for this point.
    public var pollInterval: Duration?
    /// `read_back`: whether a write to this point is confirmed by reading the register or coil back
    /// and comparing it with what was written (default `true`). Only meaningful for writable
    /// points; the config rejects `read_back` on any other point. Turn it off for registers the
    /// device changes by itself right after a write (a command register that resets to 0).
    public var readBack: Bool

    public init(
        table: Table, address: Int, type: ModbusValueType, bit: Int? = nil, byteOrder: ByteOrder? = nil, pollInterval: Duration? = nil,
        readBack: Bool = true
    ) {
        self.table = table
        self.address = address
        self.type = type
        self.bit = bit
        self.byteOrder = byteOrder
        self.pollInterval = pollInterval
        self.readBack = readBack
    }
}

/// How the bits at a Modbus address decode into a value (`type:` in a device file).
public enum ModbusValueType: Sendable, Hashable {
    case bool, int16, uint16, int32, uint32, int64, uint64, float32, float64
    /// Text packed two characters per register, `length` registers long.
    case string(registers: Int)

    /// The spellings accepted for `type:`, without `string`'s length.
    public static let names = ["bool", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64", "string"]

    /// How many 16-bit registers a value occupies (1 for `bool`, which is a coil or one bit).
    public var registerCount: Int {
        switch self {
        case .bool, .int16, .uint16: 1
        case .int32, .uint32, .float32: 2
        case .int64, .uint64, .float64: 4
        case .string(let registers): registers
        }
    }

    public var valueKind: ValueKind {
        switch self {
        case .bool: .boolean
        case .string: .string
        default: .number
        }
    }
}
